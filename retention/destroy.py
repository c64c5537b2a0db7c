"""Destroying a dossier: every piece of personal data of the pupil goes, an anonymous
statistical remnant stays.

What stays, so that every registration, rapportage and funding figure of every past period is
the same before and after: the rows of the pupil, its cases, contacts, referrals, consents,
ZAT items and meldcode trajectories, with their school, dates, stages, categories, outcome codes,
minutes, kinds and statuses — every column a report counts or sums. What goes: every name and
free text (set-based UPDATEs, one per table, so a dossier with hundreds of contacts takes a few
statements), the parents and guardians, the birth date (the year stays), the link between a named
ZAT item and the case (it becomes an anonymous item), and every stored report file that names the
pupil (made again, now without the name). The access log keeps its rows: it holds the pupil as a
number only. Other stores of personal data join through `after_destroy`.

Erasing is idempotent: `reapply_destructions` runs it again from the destruction records after
a backup was restored.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import CharField, Q, TextField, Value
from django.db.models.functions import Concat, Replace, TruncYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import (
    Case,
    CaseEvent,
    Consultation,
    Contact,
    EmergencyAccess,
    Evaluation,
    Goal,
    GoalResult,
    Guardian,
    Intake,
    Pupil,
)
from meldcode.models import Answer as MeldcodeAnswer
from meldcode.models import Consultation as MeldcodeConsultation
from meldcode.models import Trajectory
from referrals.models import Consent, Referral, ReferralStatusChange
from reports.models import ReportRun
from timesheet.models import TimeEntry
from vault.crypto import seal
from zat.models import ActionPoint, AgendaItem, Meeting

from .models import DestructionItem, DestructionList, DestructionRecord, Extension, LegalHold

log = logging.getLogger(__name__)

# The kinds of data a destruction record names (DestructionRecord.kinds), in words.
KINDS = {
    "names": _("names, date of birth and group"),
    "guardians": _("parents and guardians"),
    "signal": _("signal and outcome"),
    "timeline": _("timeline notes"),
    "intake": _("intake"),
    "plan": _("plan of action"),
    "evaluations": _("evaluations"),
    "contacts": _("contact summaries"),
    "work_notes": _("work notes"),
    "consultations": _("consultations"),
    "emergency": _("emergency access reasons"),
    "hours": _("time entry notes"),
    "consents": _("consents"),
    "referrals": _("referral texts"),
    "zat": _("ZAT items by name"),
    "meldcode": _("meldcode texts"),
    "report_files": _("report files naming the pupil"),
}

FIRST_NAME = "Vernietigd"  # what a destroyed pupil is called: "Vernietigd dossier 123"
ANONYMOUS_ITEM = "Geanonimiseerd: dossier vernietigd"
REMOVED = "[verwijderd]"

# Called with the pupil's id inside the destruction's transaction, after the erasure, both when
# a dossier is destroyed and when reapply_destructions repeats it. Other stores of personal
# data register here (the per-pupil key of the encrypted text destroys its key), e.g.:
#
#     from retention.destroy import after_destroy
#
#     @after_destroy
#     def destroy_pupil_key(pupil_id: int) -> None: ...
AFTER_DESTROY: list[Callable[[int], None]] = []


def after_destroy(hook: Callable[[int], None]) -> Callable[[int], None]:
    """Register `hook(pupil_id)` to run whenever a dossier is destroyed (or destroyed again)."""
    if hook not in AFTER_DESTROY:
        AFTER_DESTROY.append(hook)
    return hook


# The free text of a meldcode trajectory, by name (an encrypted field need not be a TextField),
# and whatever text field is added to it, or to an intake, later (_texts).
TRAJECTORY_TEXTS = [
    "facts",
    "sources",
    "interpretation",
    "kindcheck_note",
    "conversation_with",
    "conversation_summary",
    "conversation_skipped",
    "reported_how",
    "vt_reference",
    "feedback",
    "help_manager",
    "help_agreements",
    "monitoring",
]


def _texts(model, named: list[str], keep: frozenset | set = frozenset()) -> list[str]:
    found = {
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, (CharField, TextField)) and not f.choices and f.name not in keep
    }
    return sorted(found | set(named))


def _blank(queryset, *fields: str) -> int:
    return queryset.update(**dict.fromkeys(fields, ""))


def erase(pupil_id: int) -> list[str]:
    """Remove the personal data of pupil `pupil_id` in place; the kinds of data that were there.
    Runs in the caller's transaction."""
    kinds: list[str] = []

    def did(kind: str, changed: int) -> None:
        if changed and kind not in kinds:
            kinds.append(kind)

    pupil = Pupil.objects.filter(pk=pupil_id).first()
    if pupil is None:
        return kinds
    cases = Case.objects.filter(pupil_id=pupil_id)
    case_ids = list(cases.values_list("pk", flat=True))
    full_name = pupil.full_name

    # Report files that list the pupil by name: the runs that say so, and the registrations of
    # the school over the months the pupil was in care (runs made before they said so).
    spans = cases.values_list("signalled_on", "closed_on")
    named = Q(pupil_ids__contains=[pupil_id])
    for start, end in spans:
        named |= Q(
            kind=ReportRun.Kind.REGISTRATION,
            school_id=pupil.school_id,
            period_end__gte=start,
            **({"period_start__lte": end} if end else {}),
        )
    runs = list(ReportRun.objects.filter(named).exclude(file="").values_list("pk", "file"))

    # ZAT: the meetings' general notes lose the name; named items become anonymous items.
    items = AgendaItem.objects.filter(case__in=case_ids)
    if full_name.strip() and pupil.first_name != FIRST_NAME:
        did(
            "zat",
            Meeting.objects.filter(items__in=items)
            .distinct()
            .update(notes=Replace("notes", Value(full_name), Value(REMOVED))),
        )
    did("zat", ActionPoint.objects.filter(item__in=items).update(description=REMOVED))
    did(
        "zat",
        items.update(
            case=None,
            consent=None,
            anonymous_label=ANONYMOUS_ITEM,
            question="",
            discussion="",
            advice="",
        ),
    )

    did(
        "names",
        Pupil.objects.filter(pk=pupil_id)
        .exclude(first_name=FIRST_NAME, group="")
        .update(
            first_name=FIRST_NAME,
            last_name=Concat(Value("dossier "), Value(str(pupil_id))),
            group="",
            date_of_birth=TruncYear("date_of_birth"),
        ),
    )
    guardian_ids = list(Guardian.objects.filter(pupil_id=pupil_id).values_list("pk", flat=True))
    through = Consent.by_guardians.through
    through.objects.filter(guardian__pupil_id=pupil_id).delete()
    did("guardians", Guardian.objects.filter(pupil_id=pupil_id).delete()[0])

    # A closed case keeps an outcome text (what a closure needs), without its words.
    did("signal", _blank(cases.exclude(noticed=""), "noticed"))
    # The outcome is sealed (vault.fields): "[verwijderd]" sealed with the anonymous key.
    did("signal", cases.exclude(outcome="").update(outcome=seal(REMOVED, None)))
    did("timeline", _blank(CaseEvent.objects.filter(case__in=case_ids).exclude(note=""), "note"))
    did(
        "intake",
        _blank(Intake.objects.filter(case__in=case_ids), *_texts(Intake, list(Intake.TEXTS))),
    )
    goals = Goal.objects.filter(plan__case__in=case_ids)
    did("plan", _blank(goals.exclude(description=""), "description"))
    evaluations = Evaluation.objects.filter(plan__case__in=case_ids)
    did("evaluations", _blank(evaluations.exclude(note=""), "note"))
    results = GoalResult.objects.filter(goal__plan__case__in=case_ids)
    did("evaluations", _blank(results.exclude(note=""), "note"))
    contacts = Contact.objects.filter(case__in=case_ids)
    did("work_notes", _blank(contacts.exclude(work_note=""), "work_note"))
    did(
        "contacts",
        _blank(contacts.filter(~Q(summary="") | ~Q(participants="")), "summary", "participants"),
    )
    did(
        "consultations",
        _blank(Consultation.objects.filter(case__in=case_ids), "question", "advice"),
    )
    did("emergency", _blank(EmergencyAccess.objects.filter(case__in=case_ids), "reason"))
    did("hours", _blank(TimeEntry.objects.filter(case__in=case_ids).exclude(note=""), "note"))
    did("consents", _blank(Consent.objects.filter(pupil_id=pupil_id), "note"))
    referrals = Referral.objects.filter(case__in=case_ids)
    did("referrals", _blank(referrals, "reason", "question", "shared_information"))
    referrals.exclude(exception_reason="").update(exception_reason="")
    ReferralStatusChange.objects.filter(referral__case__in=case_ids).update(note="")

    trajectories = Trajectory.objects.filter(case__in=case_ids)
    did("meldcode", _blank(trajectories, *_texts(Trajectory, TRAJECTORY_TEXTS, keep={"outcome"})))
    _blank(MeldcodeConsultation.objects.filter(trajectory__in=trajectories), "with_whom", "advice")
    _blank(MeldcodeAnswer.objects.filter(trajectory__in=trajectories), "motivation")

    # Retention's own free text about the dossier.
    _blank(LegalHold.objects.filter(pupil_id=pupil_id), "reason")
    LegalHold.objects.filter(pupil_id=pupil_id).exclude(lift_reason="").update(lift_reason=REMOVED)
    _blank(Extension.objects.filter(pupil_id=pupil_id), "reason")

    # The admin's history names what was changed there.
    changed = {
        Pupil: [pupil_id],
        Case: case_ids,
        Guardian: guardian_ids,
        Contact: list(contacts.values_list("pk", flat=True)),
    }
    named = Q(pk__in=[])
    for model, ids in changed.items():
        if ids:
            named |= Q(
                content_type=ContentType.objects.get_for_model(model),
                object_id__in=[str(pk) for pk in ids],
            )
    LogEntry.objects.filter(named).update(object_repr=REMOVED, change_message="")

    if runs:
        did("report_files", _remove_report_files(runs))

    for hook in AFTER_DESTROY:
        hook(pupil_id)
    # Last: without its key the pupil's sealed text cannot be read, not even from a backup.
    from vault.crypto import destroy_pupil_key

    destroy_pupil_key(pupil_id)
    return kinds


def _remove_report_files(runs: list[tuple[int, str]]) -> int:
    """Delete the stored files now (once the transaction commits) and make them again."""
    from reports.models import ReportRun

    ids = [pk for pk, _name in runs]
    ReportRun.objects.filter(pk__in=ids).update(file="")

    def after_commit():
        from .tasks import remake_report_file

        storage = ReportRun._meta.get_field("file").storage
        for pk, name in runs:
            storage.delete(name)
            remake_report_file.delay(pk)

    transaction.on_commit(after_commit)
    return len(runs)


def remake_report_file(run_id: int) -> None:
    """Make a report's PDF again from today's rows (after a destruction: without the name)."""
    from django.core.files.base import ContentFile

    from reports.runs import render_run

    run = ReportRun.objects.filter(pk=run_id, status=ReportRun.Status.READY).first()
    if run is None or run.file:
        return
    pdf = render_run(run)
    storage = run.file.storage
    stem = f"{run.kind}-{(run.school_id or run.municipality_id)}-{run.period_start:%Y%m%d}"
    name = storage.save(f"reports/remade/{stem}-v{run.version}.pdf", ContentFile(pdf))
    if not ReportRun.objects.filter(pk=run.pk, file="").update(file=name, pupil_ids=run.pupil_ids):
        storage.delete(name)


@transaction.atomic
def destroy_dossier(item: DestructionItem, *, by, at=None) -> DestructionRecord:
    """Destroy the dossier of one item of an approved list and write its record (`at`: when,
    now unless told otherwise)."""
    destruction_list = item.destruction_list
    kinds = erase(item.pupil_id)
    record = DestructionRecord.objects.create(
        destroyed_at=at or timezone.now(),
        pupil_number=item.pupil_id,
        school_id=item.school_id,
        organisation_id=destruction_list.organisation_id,
        case_numbers=item.case_numbers,
        destruction_list=destruction_list,
        destroyed_by=by,
        proposed_by_id=destruction_list.proposed_by_id,
        approved_by_id=destruction_list.decided_by_id,
        rule=item.rule,
        last_closed_on=item.last_closed_on,
        term_ended_on=item.term_ended_on,
        kinds=kinds,
    )
    DestructionItem.objects.filter(pk=item.pk).update(destroyed_at=record.destroyed_at)
    transaction.on_commit(lambda: journal(record))
    log.info("dossier of pupil %s destroyed (list %s)", item.pupil_id, destruction_list.pk)
    return record


JOURNAL_FIELDS = [
    "pupil_number",
    "school_id",
    "organisation_id",
    "case_numbers",
    "destruction_list_id",
    "destroyed_by_id",
    "proposed_by_id",
    "approved_by_id",
    "rule",
    "last_closed_on",
    "term_ended_on",
    "kinds",
]


def journal(record: DestructionRecord) -> None:
    """Add the record to the destruction journal (SMW_DESTRUCTION_JOURNAL), a file kept apart
    from the database's backups: a restored backup from before the destruction lacks the
    record, and `reapply_destructions --journal` finds it there. No personal data."""
    path = settings.SMW_DESTRUCTION_JOURNAL
    if not path:
        return
    entry = {name: getattr(record, name) for name in JOURNAL_FIELDS}
    entry["destroyed_at"] = record.destroyed_at
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as out:
        out.write(json.dumps(entry, cls=DjangoJSONEncoder) + "\n")


def _from_journal(path: str) -> int:
    """Records of the journal the database lacks, written again; how many."""
    known = set(DestructionRecord.objects.values_list("pupil_number", flat=True))
    added = 0
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            entry = json.loads(line)
            if entry["pupil_number"] in known:
                continue
            if (
                entry.get("destruction_list_id")
                and not DestructionList.objects.filter(pk=entry["destruction_list_id"]).exists()
            ):
                entry["destruction_list_id"] = None
            DestructionRecord.objects.create(**entry)
            known.add(entry["pupil_number"])
            added += 1
    return added


def reapply(records=None, *, journal_path: str | None = None) -> int:
    """Erase again the dossiers of the destruction records (all by default), and of the
    journal's records the restored database lacks (which are written again): after a backup was
    restored, whatever the backup gave back goes again. The number of dossiers."""
    if journal_path:
        _from_journal(journal_path)
    records = records if records is not None else DestructionRecord.objects.all()
    done = 0
    for pupil_id in records.values_list("pupil_number", flat=True).distinct():
        with transaction.atomic():
            erase(pupil_id)
        done += 1
    return done
