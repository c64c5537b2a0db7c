"""Demo requests under the AVG for `manage.py seed_demo`, on cases of `smw`, walked through the
real workflow (rights/workflow.py), for the privacy officer `privacy` to decide:

- an open inzage request by a parent with gezag, received ten days ago, for `smw` to prepare;
- an afschrift granted and ready for the export to be made and handed over;
- a refused correction with the requester's own statement (eigen verklaring) in the dossier;
- a pupil whose date of birth was corrected (the old one stays in the history);
- a request for destruction (vernietiging) of a closed dossier, put forward and waiting for the
  privacy officer's decision (granted, the dossier is destroyed at once; see retention).

Idempotent: when `smw`'s organisation has requests, nothing is added.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts.models import User
from cases.models import Case
from rights import workflow
from rights.models import PupilCorrection, RightsRequest

Kind = RightsRequest.Kind
Requester = RightsRequest.Requester


def _cases(worker: User) -> list[Case]:
    """Open cases of the worker, past the signal, whose pupil has a parent with gezag."""
    return list(
        Case.objects.filter(caseworker=worker, pupil__guardians__has_authority=True)
        .open()
        .exclude(stage=Case.Stage.SIGNAL)
        .select_related("pupil")
        .distinct()
        .order_by("pk")
    )


def _register(case: Case, worker: User, *, kind: str, days_ago: int, **fields) -> RightsRequest:
    parent = case.pupil.guardians.filter(has_authority=True).order_by("pk").first()
    values = {
        "requester": Requester.PARENT_WITH_AUTHORITY,
        "guardian": parent,
        "requester_name": "",
        "identity_check": RightsRequest.IdentityCheck.DOCUMENT,
        "identity_note": "Rijbewijs getoond op school",
        "consent_given": False,
        "description": "",
    }
    values.update(fields)
    received_on = timezone.localdate() - datetime.timedelta(days=days_ago)
    if case.pupil.age_on(received_on) >= 16:
        values["consent_given"] = True  # a parent of a pupil from 16: with the pupil's consent
    return workflow.register_request(case, by=worker, kind=kind, received_on=received_on, **values)


def _decide(request: RightsRequest, officer: User, *, grant: bool, reason: str, **fields):
    if workflow.is_harm_question(request):
        fields.setdefault("harms_child", False)
        fields.setdefault("harm_reason", "Geen aanwijzingen dat inzage de leerling schaadt.")
    return workflow.decide_request(request, by=officer, grant=grant, reason=reason, **fields)


def _closed_case(worker: User) -> Case | None:
    """The worker's most recently closed case whose pupil has a parent with gezag, no open case,
    no legal hold and is on no destruction list: a dossier one may ask to destroy."""
    from retention.models import DestructionItem
    from retention.terms import is_held

    listed = DestructionItem.objects.values("pupil_id")
    candidates = (
        Case.objects.filter(
            caseworker=worker, stage=Case.Stage.CLOSED, pupil__guardians__has_authority=True
        )
        .exclude(pupil__in=Case.objects.open().values("pupil_id"))
        .exclude(pupil__in=listed)
        .select_related("pupil")
        .distinct()
        .order_by("-closed_on", "-pk")
    )
    return next((case for case in candidates[:20] if not is_held(case.pupil_id)), None)


def seed_rights() -> int:
    worker = User.objects.filter(username="smw").first()
    officer = User.objects.filter(username="privacy").first()
    if worker is None or officer is None:
        return 0
    if RightsRequest.objects.filter(created_by=worker).exists():
        return 0
    cases = _cases(worker)
    if len(cases) < 4:
        return 0
    inzage_case, copy_case, correction_case, birthday_case = cases[:4]

    _register(
        inzage_case,
        worker,
        kind=Kind.INSPECTION,
        days_ago=10,
        description="Moeder wil weten wat er over het gezin is vastgelegd.",
    )

    copy = _register(copy_case, worker, kind=Kind.COPY, days_ago=18)
    workflow.submit_request(
        copy, by=worker, preparation_note="Dossier nagelopen; geen gegevens van derden gevonden."
    )
    _decide(copy, officer, grant=True, reason="")

    correction = _register(
        correction_case,
        worker,
        kind=Kind.CORRECTION,
        days_ago=25,
        description=(
            "In het intakeverslag staat dat het kind 'vaak spijbelt'; volgens moeder was het "
            "kind ziek gemeld."
        ),
    )
    workflow.submit_request(
        correction,
        by=worker,
        preparation_note=(
            "Het verslag geeft weer wat de mentor meldde; de school heeft de afwezigheid als "
            "ongeoorloofd geregistreerd."
        ),
    )
    _decide(
        correction,
        officer,
        grant=False,
        reason="Het verslag geeft de waarneming van de school juist weer; het blijft staan.",
        statement=(
            "Mijn kind was in die weken ziek en is ziek gemeld bij de school. Het klopt niet "
            "dat mijn kind spijbelde."
        ),
    )

    pupil = birthday_case.pupil
    if not PupilCorrection.objects.filter(pupil=pupil).exists():
        workflow.correct_pupil(
            birthday_case,
            by=worker,
            reason="Bij de aanmelding een verkeerde dag overgenomen; gecontroleerd met de school.",
            date_of_birth=pupil.date_of_birth - datetime.timedelta(days=1),
        )

    closed = _closed_case(worker)
    if closed is not None:
        erasure = _register(
            closed,
            worker,
            kind=Kind.ERASURE,
            days_ago=6,
            description="Moeder wil dat het dossier wordt vernietigd nu de hulp is afgerond.",
        )
        workflow.submit_request(
            erasure,
            by=worker,
            preparation_note=(
                "Hulp afgerond; geen melding, klacht of andere bewaarplicht bekend. Geen "
                "belang van een ander gevonden."
            ),
        )
    return 4 if closed is not None else 3
