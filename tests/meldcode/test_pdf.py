"""The verslaglegging PDF: every step as recorded, from the same data as the page."""

from __future__ import annotations

import io
import re

from django.urls import reverse
from pypdf import PdfReader

from .conftest import answer, at_step


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_the_pdf_holds_every_step(client, cast, case):
    trajectory = at_step(case, 4)
    answer(trajectory, "A1", True)
    answer(trajectory, "A2", True)
    client.force_login(cast.worker)
    text = pdf_text(client.get(reverse("meldcode:pdf", args=[trajectory.pk])).content)
    for expected in [
        "Leerkracht groep 6",
        "Gesprek met ouders voeren.",
        "Moeder herkent de zorgen.",
        "Motivering bij A2.",
        "leidt tot een melding bij Veilig Thuis",
    ]:
        assert expected in text
