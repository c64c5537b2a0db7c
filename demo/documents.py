"""Demo documents for `manage.py seed_demo`: on one open case of `smw` (in plan or help), a signed
consent form as a small PDF and a photo of a drawing as a PNG, added through the real workflow
(documents/workflow.py), so they are checked as any upload is (and scanned when clamd is set).

Idempotent: when `smw` has added documents, nothing is added.
"""

from __future__ import annotations

import datetime
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max
from django.utils import timezone

from accounts.models import User
from cases.models import Case, CaseEvent
from documents.models import CaseDocument
from documents.workflow import add_document

CONSENT = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Toestemmingsformulier</title>
<style>body {{ font-family: sans-serif; font-size: 11pt; }} h1 {{ font-size: 15pt; }}</style>
</head><body>
<h1>Toestemmingsformulier schoolmaatschappelijk werk</h1>
<p>Leerling: {pupil}, {school}</p>
<p>Wij geven toestemming voor begeleiding door het schoolmaatschappelijk werk en voor overleg
met de zorgcoördinator van de school over de voortgang.</p>
<p>Getekend door: {guardian}</p>
<p>Datum: {day:%d-%m-%Y}</p>
</body></html>
"""


def _consent_pdf(case: Case, day: datetime.date) -> bytes:
    from weasyprint import HTML

    guardian = case.pupil.guardians.filter(has_authority=True).first()
    html = CONSENT.format(
        pupil=case.pupil.full_name,
        school=case.school.name,
        guardian=guardian.name if guardian else "ouder/verzorger",
        day=day,
    )
    return HTML(string=html).write_pdf()


def _drawing_png(width: int = 160, height: int = 100) -> bytes:
    """A small grey-scale picture: a sun and a house, as a child draws them."""
    rows = []
    for y in range(height):
        row = bytearray([0])  # filter: none
        for x in range(width):
            sun = (x - 130) ** 2 + (y - 22) ** 2 < 14**2
            house = 30 <= x <= 90 and 50 <= y <= 95
            roof = 30 <= x <= 90 and 20 <= y < 50 and abs(x - 60) <= (y - 20)
            row.append(40 if house or roof else 140 if sun else 250)
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack("!I", len(data)) + body + struct.pack("!I", zlib.crc32(body))

    header = struct.pack("!IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


def seed_documents() -> int:
    worker = User.objects.filter(username="smw").first()
    if worker is None or CaseDocument.objects.filter(uploaded_by=worker).exists():
        return 0
    case = (
        Case.objects.filter(caseworker=worker, stage__in=[Case.Stage.PLAN, Case.Stage.HELP])
        .select_related("pupil", "school")
        .order_by("signalled_on", "pk")
        .first()
    )
    if case is None:
        return 0
    today = timezone.localdate()
    signed_on = max(case.plan_on or case.signalled_on, today - datetime.timedelta(days=40))
    consent = add_document(
        case,
        by=worker,
        upload=SimpleUploadedFile("Toestemmingsformulier.pdf", _consent_pdf(case, signed_on)),
        kind=CaseDocument.Kind.CONSENT_FORM,
        title="Toestemmingsformulier, getekend door de ouders",
    )
    drawing = add_document(
        case,
        by=worker,
        upload=SimpleUploadedFile("tekening.png", _drawing_png()),
        kind=CaseDocument.Kind.OTHER,
        title="Tekening van het gezin (gemaakt in het tweede gesprek)",
    )
    # back in time, as if added after the signing and after a later session
    for document, day in ((consent, signed_on), (drawing, signed_on + datetime.timedelta(days=7))):
        at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
        at = min(at, timezone.now())
        CaseDocument.objects.filter(pk=document.pk).update(uploaded_at=at)
        # the note is sealed (vault.fields): matched in Python, not in SQL
        events = CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.DOCUMENT)
        ids = [event.pk for event in events if event.note.endswith(document.title)]
        CaseEvent.objects.filter(pk__in=ids).update(at=at)
    latest = CaseEvent.objects.filter(case=case).aggregate(at=Max("at"))["at"]
    Case.objects.filter(pk=case.pk).update(last_activity_at=latest)
    return 2
