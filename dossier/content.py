"""What a dossier export holds: one plain structure that the PDF renders, the ZIP stores as
JSON, and the review page lists, so the three cannot differ.

Every item a reviewer can withhold carries a `key` ("contact:12"). A withheld item is left out
entirely; the export names only the kind of item and the ground (`withheld`). Nothing here reads
another pupil's data: group sessions are listed without their participants, ZAT items are this
case's own, consultations those tied to the case.

Outside a request nothing is noted in the access log (audit/log.py); the download of the export
is the EXPORT row.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst

from cases.models import Case, CaseEvent, Consultation, Contact, GroupSession, Intake, Plan
from privacy.extract import pupil_extract
from referrals.models import Consent, Referral
from zat.models import AgendaItem

from .models import DossierExport, ItemKind, Section

Step = Callable[[str, int], None]


def own_statements(pupil) -> list[dict]:
    """The pupil's own statements (eigen verklaring), which travel with every later export.

    Each statement with its concrete text and date fields, by their (translated) names."""
    from rights.models import OwnStatement as model

    shown = (models.CharField, models.TextField, models.DateField)
    items = []
    for statement in model.objects.filter(pupil=pupil).order_by("pk"):
        fields = [
            {"label": capfirst(str(field.verbose_name)), "value": getattr(statement, field.name)}
            for field in model._meta.concrete_fields
            if isinstance(field, shown) and not field.choices and getattr(statement, field.name)
        ]
        items.append(_item(ItemKind.OWN_STATEMENT, statement.pk, fields=fields))
    return items


def attachments_of(case: Case) -> list[dict]:
    """The documents kept with a case (documents.models), oldest first: what each is, when and
    by whom it was added, and where the ZIP carries its file (`file`). A document removed from
    the case, or destroyed with the dossier, no longer exists and is not listed. The files are
    read when the export is made (dossier/exports.py), not for the review."""
    from documents.models import CaseDocument

    documents = (
        CaseDocument.objects.filter(case=case)
        .select_related("uploaded_by")
        .order_by("uploaded_at", "pk")
    )
    return [
        _item(
            ItemKind.ATTACHMENT,
            document.pk,
            name=document.title,
            kind_label=document.get_kind_display(),
            file_name=document.download_name,
            added_on=timezone.localtime(document.uploaded_at),
            added_by=_person(document.uploaded_by),
            content_type=document.content_type,
            size=document.size,
            file=f"bijlagen/{document.pk}-{document.download_name}",
        )
        for document in documents
    ]


def _item(kind: str, pk: int, **fields) -> dict:
    return {"key": f"{kind}:{pk}", "kind": str(kind), "id": pk, **fields}


def _person(user) -> str:
    return str(user) if user is not None else ""


def cases_of(export: DossierExport) -> list[Case]:
    return list(
        export.cases.select_related("school", "caseworker", "reported_by").order_by(
            "signalled_on", "pk"
        )
    )


def period(cases: list[Case]) -> tuple[datetime.date, datetime.date]:
    today = timezone.localdate()
    start = min(c.signalled_on for c in cases)
    end = max((c.closed_on or today) for c in cases)
    return start, end


def _signal(case: Case) -> dict:
    return _item(
        ItemKind.SIGNAL,
        case.pk,
        signalled_on=case.signalled_on,
        source=case.get_source_display(),
        noticed=case.noticed,
        reported_by=_person(case.reported_by),
        categories=", ".join(map(str, case.get_categories_display())),
    )


def _intake(case: Case) -> dict | None:
    intake = Intake.objects.filter(case=case).first()
    if intake is None:
        return None
    fields = [
        {
            "label": capfirst(str(Intake._meta.get_field(name).verbose_name)),
            "value": getattr(intake, name),
        }
        for name in Intake.TEXTS
        if getattr(intake, name)
    ]
    return _item(ItemKind.INTAKE, intake.pk, held_on=intake.held_on, fields=fields)


def _plan(case: Case, withheld: set[str]) -> dict | None:
    plan = (
        Plan.objects.filter(case=case)
        .prefetch_related("goals", "evaluations__results__goal", "evaluations__by")
        .first()
    )
    if plan is None:
        return None
    agreed_by = [
        str(Plan._meta.get_field(name).verbose_name)
        for name in ("agreed_pupil", "agreed_parents", "agreed_school")
        if getattr(plan, name)
    ]
    evaluations = [
        _item(
            ItemKind.EVALUATION,
            evaluation.pk,
            held_on=evaluation.held_on,
            by=_person(evaluation.by),
            note=evaluation.note,
            results=[
                {
                    "goal": result.goal.description,
                    "result": result.get_result_display(),
                    "note": result.note,
                }
                for result in evaluation.results.all()
            ],
        )
        for evaluation in sorted(plan.evaluations.all(), key=lambda e: (e.held_on, e.pk))
    ]
    return _item(
        ItemKind.PLAN,
        plan.pk,
        planned_sessions=plan.planned_sessions,
        evaluation_on=plan.evaluation_on,
        agreed_on=plan.agreed_on,
        agreed_by=", ".join(agreed_by),
        goals=[
            {"domain": goal.get_domain_display(), "description": goal.description}
            for goal in plan.goals.all()
        ],
        evaluations=[e for e in evaluations if e["key"] not in withheld],
    )


def _contacts(case: Case) -> list[Contact]:
    return list(
        Contact.objects.filter(case=case).select_related("author").order_by("held_on", "pk")
    )


def _contact(contact: Contact) -> dict:
    return _item(
        ItemKind.CONTACT,
        contact.pk,
        held_on=contact.held_on,
        kind_label=contact.get_kind_display(),
        place=contact.get_place_display(),
        minutes=contact.minutes,
        participants=contact.participants,
        author=_person(contact.author),
        summary=contact.summary,
    )


def _work_note(contact: Contact) -> dict:
    return _item(
        ItemKind.WORK_NOTE,
        contact.pk,
        held_on=contact.held_on,
        author=_person(contact.author),
        text=contact.work_note,
    )


def _group_sessions(case: Case) -> list[dict]:
    sessions = (
        GroupSession.objects.filter(group__cases=case)
        .select_related("group")
        .order_by("held_on", "pk")
    )
    return [
        _item(
            ItemKind.GROUP_SESSION,
            session.pk,
            group=session.group.name,
            group_kind=session.group.get_kind_display(),
            held_on=session.held_on,
            minutes=session.minutes,
            topic=session.topic,
        )
        for session in sessions
    ]


def _consultations(case: Case) -> list[dict]:
    return [
        _item(
            ItemKind.CONSULTATION,
            c.pk,
            held_on=c.held_on,
            with_whom=c.get_with_whom_display(),
            worker=_person(c.worker),
            question=c.question,
            advice=c.advice,
        )
        for c in Consultation.objects.filter(case=case)
        .select_related("worker")
        .order_by("held_on", "pk")
    ]


def _referrals(case: Case) -> list[dict]:
    referrals = (
        Referral.objects.filter(case=case)
        .select_related("destination")
        .prefetch_related("changes__by")
        .order_by("created_at", "pk")
    )
    return [
        _item(
            ItemKind.REFERRAL,
            r.pk,
            destination=r.destination.name,
            destination_kind=r.destination.get_kind_display(),
            status=r.get_status_display(),
            reason=r.reason,
            question=r.question,
            shared_information=r.shared_information,
            acute_exception=r.acute_exception,
            exception_reason=r.exception_reason,
            history=[
                {
                    "on": change.on,
                    "status": change.get_status_display(),
                    "note": change.note,
                    "by": _person(change.by),
                }
                for change in sorted(r.changes.all(), key=lambda c: (c.on, c.pk))
            ],
        )
        for r in referrals
    ]


def _zat_items(case: Case) -> list[dict]:
    items = (
        AgendaItem.objects.filter(case=case)
        .select_related("meeting")
        .prefetch_related("actions__owner_user", "actions__owner_guest")
        .order_by("meeting__starts_at", "pk")
    )
    return [
        _item(
            ItemKind.ZAT_ITEM,
            item.pk,
            meeting_on=item.meeting.day,
            question=item.question,
            discussion=item.discussion,
            advice=item.advice,
            actions=[
                {
                    "description": action.description,
                    "owner": str(action.owner),
                    "due_on": action.due_on,
                    "done_on": action.done_on,
                }
                for action in item.actions.all()
            ],
        )
        for item in items
    ]


def _timeline(case: Case) -> list[dict]:
    events = CaseEvent.objects.filter(case=case).select_related("by").order_by("at", "pk")
    stages = dict(Case.Stage.choices)
    return [
        _item(
            ItemKind.EVENT,
            event.pk,
            at=timezone.localtime(event.at),
            what=event.get_kind_display(),
            stages=(
                f"{stages.get(event.from_stage, '')} → {stages.get(event.to_stage, '')}"
                if event.from_stage or event.to_stage
                else ""
            ),
            note=event.note,
            by=_person(event.by),
        )
        for event in events
    ]


def _consents(export: DossierExport, gone: set[str]) -> list[dict]:
    """The pupil's consents; a withheld parent is not named among who consented."""
    consents = (
        Consent.objects.filter(pupil=export.pupil_id)
        .filter(models.Q(case__isnull=True) | models.Q(case__in=[c.pk for c in export.cases.all()]))
        .select_related("party")
        .prefetch_related("by_guardians")
        .order_by("given_on", "pk")
    )
    return [
        _item(
            ItemKind.CONSENT,
            c.pk,
            purpose=c.get_purpose_display(),
            party=c.party.name if c.party else "",
            by_pupil=c.by_pupil,
            by_guardians=", ".join(
                g.name for g in c.by_guardians.all() if f"{ItemKind.GUARDIAN}:{g.pk}" not in gone
            ),
            given_on=c.given_on,
            valid_until=c.valid_until,
            withdrawn_on=c.withdrawn_on,
            note=c.note,
        )
        for c in consents
    ]


def _access_log(export: DossierExport, until: datetime.datetime) -> list[dict]:
    return [
        {
            "when": timezone.localtime(row.when),
            "who": row.who,
            "role": row.role,
            "action": row.action,
            "what": row.what,
            "page": row.page,
        }
        for row in pupil_extract(export.pupil_id, end=until)
    ]


def _keep(items: list[dict], withheld: set[str]) -> list[dict]:
    return [item for item in items if item["key"] not in withheld]


def collect(
    export: DossierExport,
    *,
    withheld: dict[str, str] | None = None,
    step: Step | None = None,
    now: datetime.datetime | None = None,
) -> dict:
    """The export's content: its chosen sections, without the `withheld` items (key → ground),
    and a list of what was withheld by kind and ground. `step(label, percent)` is told how far
    it got (the export's progress)."""
    withheld = withheld or {}
    gone = set(withheld)
    step = step or (lambda label, percent: None)
    now = now or timezone.now()
    sections = set(export.sections)
    pupil = export.pupil
    cases = cases_of(export)
    start, end = period(cases)

    content: dict = {
        "export": {
            "number": export.pk,
            "purpose": export.get_purpose_display(),
            "requester": export.get_requester_display() if export.requester else "",
            "destination": export.destination.name if export.destination_id else "",
            "organisation": export.organisation.name,
            "made_at": timezone.localtime(now),
            "period_start": start,
            "period_end": end,
            "sections": export.get_sections_display(),
        },
        "pupil": {
            "first_name": pupil.first_name,
            "last_name": pupil.last_name,
            "date_of_birth": pupil.date_of_birth,
            "school": pupil.school.name,
            "group": pupil.group,
        },
    }
    if Section.PUPIL in sections:
        content["guardians"] = _keep(
            [
                _item(
                    ItemKind.GUARDIAN,
                    g.pk,
                    name=g.name,
                    relation=g.get_relation_display(),
                    has_authority=g.has_authority,
                    phone=g.phone,
                    email=g.email,
                )
                for g in pupil.guardians.all()
            ],
            gone,
        )
    step("pupil", 5)

    content["cases"] = []
    for number, case in enumerate(cases, start=1):
        part: dict = {
            "number": case.number,
            "school": case.school.name,
            "caseworker": _person(case.caseworker),
            "stage": case.get_stage_display(),
            "signalled_on": case.signalled_on,
            "closed_on": case.closed_on,
            "closure_reason": case.get_closure_reason_display() if case.closure_reason else "",
            "outcome": case.outcome,
        }
        contacts = _contacts(case)
        if Section.SIGNAL in sections:
            part["signal"] = _keep([_signal(case)], gone)
        if Section.INTAKE in sections:
            part["intake"] = _keep([i for i in [_intake(case)] if i], gone)
        if Section.PLAN in sections:
            part["plan"] = _keep([p for p in [_plan(case, gone)] if p], gone)
        if Section.CONTACTS in sections:
            part["contacts"] = _keep([_contact(c) for c in contacts], gone)
        if Section.WORK_NOTES in sections:
            part["work_notes"] = _keep([_work_note(c) for c in contacts if c.work_note], gone)
        if Section.GROUPS in sections:
            part["group_sessions"] = _keep(_group_sessions(case), gone)
        if Section.CONSULTATIONS in sections:
            part["consultations"] = _keep(_consultations(case), gone)
        if Section.REFERRALS in sections:
            part["referrals"] = _keep(_referrals(case), gone)
        if Section.ZAT in sections:
            part["zat_items"] = _keep(_zat_items(case), gone)
        if Section.TIMELINE in sections:
            part["timeline"] = _keep(_timeline(case), gone)
        if Section.ATTACHMENTS in sections:
            part["attachments"] = _keep(attachments_of(case), gone)
        content["cases"].append(part)
        step(f"case {case.number}", 5 + 35 * number // len(cases))

    if Section.CONSENTS in sections:
        content["consents"] = _keep(_consents(export, gone), gone)
    if Section.OWN_STATEMENTS in sections:
        content["own_statements"] = _keep(own_statements(pupil), gone)
    if Section.ACCESS_LOG in sections:
        content["access_log"] = _access_log(export, now)
    step("access log", 45)

    kinds, grounds = dict(ItemKind.choices), _grounds()
    counted = Counter((key.split(":", 1)[0], ground) for key, ground in withheld.items())
    content["withheld"] = [
        {
            "kind": str(kinds.get(kind, kind)),
            "ground": str(grounds.get(ground, ground)),
            "count": count,
        }
        for (kind, ground), count in sorted(counted.items())
    ]
    return content


def _grounds() -> dict:
    from .models import Ground

    return dict(Ground.choices)


# (section, list in a case's part, its date, the text to recognise an item by)
DATED_ITEMS = [
    (Section.CONTACTS, "contacts", "held_on", lambda i: i["summary"]),
    (Section.WORK_NOTES, "work_notes", "held_on", lambda i: i["text"]),
    (Section.GROUPS, "group_sessions", "held_on", lambda i: i["group"]),
    (Section.CONSULTATIONS, "consultations", "held_on", lambda i: i["question"]),
    (Section.REFERRALS, "referrals", "", lambda i: f"{i['destination']}: {i['reason']}"),
    (Section.ZAT, "zat_items", "meeting_on", lambda i: i["question"]),
    (Section.TIMELINE, "timeline", "at", lambda i: f"{i['what']} {i['note']}".strip()),
    (Section.ATTACHMENTS, "attachments", "added_on", lambda i: f"{i['name']} ({i['file_name']})"),
]


def review_items(content: dict) -> list[dict]:
    """Every item a reviewer can withhold, in the order of the export, each with its section's
    label and a short text to recognise it by."""
    labels = dict(Section.choices)
    found: list[dict] = []

    def add(section: str, items: list[dict], text: Callable[[dict], str]) -> None:
        for item in items:
            found.append(
                {
                    "key": item["key"],
                    "kind": dict(ItemKind.choices)[item["kind"]],
                    "section": labels[section],
                    "text": text(item),
                }
            )

    add(Section.PUPIL, content.get("guardians", []), lambda i: f"{i['name']} ({i['relation']})")
    for part in content.get("cases", []):
        add(Section.SIGNAL, part.get("signal", []), lambda i: i["noticed"])
        add(Section.INTAKE, part.get("intake", []), lambda i: _first(i["fields"]))
        for plan in part.get("plan", []):
            add(Section.PLAN, [plan], lambda i: "; ".join(g["description"] for g in i["goals"]))
            add(Section.PLAN, plan["evaluations"], lambda i: _dated(i["held_on"], i["note"]))
        for section, name, day, text in DATED_ITEMS:
            add(section, part.get(name, []), lambda i, d=day, t=text: _dated(i.get(d), t(i)))
    consents = content.get("consents", [])
    add(Section.CONSENTS, consents, lambda i: _dated(i["given_on"], i["purpose"]))
    add(Section.OWN_STATEMENTS, content.get("own_statements", []), lambda i: _first(i["fields"]))
    return found


def _first(fields: list[dict]) -> str:
    return str(fields[0]["value"]) if fields else ""


def _dated(day, text: str) -> str:
    if day is None:
        return text
    if isinstance(day, datetime.datetime):
        day = timezone.localtime(day).date()
    return f"{date_format(day, 'j F Y')} · {text}" if day else text
