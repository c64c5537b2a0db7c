"""The destruction certificate (verklaring van vernietiging) of an approved list: a PDF made
with the reports' WeasyPrint helper (smw.pdf), from the destruction records alone, so it holds
no personal data: dossier numbers, school, dates, the rule, who proposed and who approved."""

from __future__ import annotations

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import override

from smw.pdf import render_pdf

from .models import DestructionList


def render_certificate(destruction_list: DestructionList) -> bytes:
    records = destruction_list.records.select_related("school").order_by("pupil_number")
    skipped = destruction_list.items.exclude(skipped_reason="").select_related("school")
    with override(settings.LANGUAGE_CODE):
        return render_pdf(
            "retention/certificate_pdf.html",
            {
                "list": destruction_list,
                "records": records,
                "skipped": skipped,
                "made_at": timezone.localtime(),
            },
        )


def store_certificate(list_id: int) -> DestructionList:
    destruction_list = DestructionList.objects.select_related(
        "organisation", "proposed_by", "decided_by"
    ).get(pk=list_id)
    pdf = render_certificate(destruction_list)
    name = f"verklaring-vernietiging-{destruction_list.pk}.pdf"
    old = destruction_list.certificate.name
    destruction_list.certificate.save(name, ContentFile(pdf), save=False)
    DestructionList.objects.filter(pk=list_id).update(certificate=destruction_list.certificate.name)
    if old and old != destruction_list.certificate.name:
        destruction_list.certificate.storage.delete(old)
    return destruction_list
