"""Who may see, download and add a case's documents: the case's own rules (cases/access.py).

A document is part of the dossier: the case manager, a stand-in, a worker who opened the case in
an emergency and the aandachtsfunctionaris of a meldcode case read it (Level.READ and up); only
the case manager adds one. The coordinator's progress view has none of them, and for everyone
else the case and its documents do not exist (404). A download is an export of the pupil's data
and is logged as one.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import User
from audit.log import Action, note, refuse
from cases.access import Level, access_level
from cases.models import Case

from .models import CaseDocument


def may_read(user: User, case: Case) -> bool:
    return access_level(user, case) >= Level.READ


def may_add(user: User, case: Case) -> bool:
    return access_level(user, case) is Level.FULL


def documents_of_case(user: User, case: Case, level: Level | None = None) -> QuerySet[CaseDocument]:
    """The documents listed on the case page (each shows the pupil's case: logged as read).
    `level`: the user's level on the case, when the caller has it already."""
    if (access_level(user, case) if level is None else level) < Level.READ:
        return CaseDocument.objects.none()
    return (
        CaseDocument.objects.filter(case=case).select_related("uploaded_by").shown("case__pupil_id")
    )


def get_document_for_download(user: User, pk: int) -> CaseDocument:
    """The document, when its case's dossier is open to the user; missing or not theirs: 404.
    Handing out its bytes is an export of the pupil's data."""
    document = CaseDocument.objects.select_related("case").filter(pk=pk).first()
    if document is None:
        raise Http404
    if not may_read(user, document.case):
        refuse(document, [document.case.pupil_id])
    note(Action.EXPORT, [document.case.pupil_id], obj=document, description="document")
    return document


def get_document_for_removal(user: User, pk: int) -> CaseDocument:
    """The document, for its case manager; a reader of the dossier gets 403, anyone else 404."""
    document = CaseDocument.objects.select_related("case__pupil", "case__school").filter(pk=pk)
    document = document.first()
    if document is None:
        raise Http404
    level = access_level(user, document.case)
    if level < Level.READ:
        refuse(document, [document.case.pupil_id])
    if level is not Level.FULL:
        refuse(document, [document.case.pupil_id], forbidden=True)
    note(Action.VIEW, [document.case.pupil_id], obj=document)
    return document
