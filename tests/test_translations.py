"""The Dutch catalogue is complete and well-formed: no untranslated or fuzzy entries, and every
placeholder of the English source is in its translation (msgfmt --check-format)."""

from __future__ import annotations

import subprocess
from pathlib import Path

PO = Path(__file__).resolve().parents[1] / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def test_dutch_catalogue_is_complete_and_valid():
    result = subprocess.run(
        ["msgfmt", "--check-format", "--statistics", "-o", "/dev/null", str(PO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "translated message" in result.stderr
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr


def test_compiled_catalogue_is_up_to_date(tmp_path):
    import gettext

    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(fresh), str(PO)], check=True)
    with fresh.open("rb") as new, PO.with_suffix(".mo").open("rb") as committed:
        assert (
            gettext.GNUTranslations(committed)._catalog == gettext.GNUTranslations(new)._catalog
        ), "django.mo is older than django.po: run `make messages`"


def test_pages_speak_dutch(client, db):
    from django.utils.translation import gettext, override

    with override("nl"):
        assert gettext("My caseload") == "Mijn caseload"
        assert gettext("Sign in") == "Inloggen"


def test_the_dutch_catalogue_writes_pdf_in_capitals():
    """One spelling throughout: "PDF", never "pdf" or "Pdf" in what people read."""
    import re

    translations = re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', PO.read_text(), re.M)
    assert translations
    assert [t for t in translations if re.search(r"\bpdf|Pdf", t)] == []
