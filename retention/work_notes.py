"""Werkaantekeningen end with the help: when a case closes, its work notes are destroyed after the
organisation's grace period (Policy.work_note_grace_days, default 30 days), so that their author
can first move into the dossier what belongs there. The author is told at closure and a week
before, on their start page and by e-mail (a link only, no content). Until then the notes stay
visible to their author alone, as before (cases.access.can_read_work_note). A case reopened
within the grace period keeps its notes: only closed cases count.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import User
from cases.models import Case, Contact

from .models import DEFAULT_GRACE_DAYS, WorkNoteNotice
from .terms import organisations_of, policies

WEEK = datetime.timedelta(days=7)


@dataclass
class Expiring:
    case: Case
    author_id: int
    notes: int
    expires_on: datetime.date


def _grace(case_rows: list[dict]) -> dict[int, int]:
    """Case pk → grace days of its organisation."""
    organisation = organisations_of(case_rows)
    by_org = policies()
    return {
        pk: (by_org[org].work_note_grace_days if org in by_org else DEFAULT_GRACE_DAYS)
        for pk, org in organisation.items()
    }


def expiring(*, author: User | None = None, case_ids=None) -> list[Expiring]:
    """Closed cases with work notes still there, per author, with the day they go."""
    notes = Contact.objects.filter(case__stage=Case.Stage.CLOSED).exclude(work_note="")
    if author is not None:
        notes = notes.filter(author=author)
    if case_ids is not None:
        notes = notes.filter(case__in=case_ids)
    counts = list(notes.values("case_id", "author_id").annotate(n=Count("pk")))
    if not counts:
        return []
    cases = Case.objects.in_bulk({row["case_id"] for row in counts})
    grace = _grace(
        [
            {"pk": c.pk, "caseworker_id": c.caseworker_id, "school_id": c.school_id}
            for c in cases.values()
        ]
    )
    found = [
        Expiring(
            case=cases[row["case_id"]],
            author_id=row["author_id"],
            notes=row["n"],
            expires_on=cases[row["case_id"]].closed_on
            + datetime.timedelta(days=grace[row["case_id"]]),
        )
        for row in counts
    ]
    return sorted(found, key=lambda e: (e.expires_on, e.case.pk))


def destroy_expired(today: datetime.date | None = None) -> int:
    """Empty the work notes of closed cases whose grace period has ended; the number emptied."""
    today = today or timezone.localdate()
    gone = [e.case.pk for e in expiring() if e.expires_on <= today]
    if not gone:
        return 0
    return (
        Contact.objects.filter(case__in=gone, case__stage=Case.Stage.CLOSED)
        .exclude(work_note="")
        .update(work_note="")
    )


def _mail(author: User, expiring_on: datetime.date, case: Case, kind: str) -> int:
    if not author.email:
        return 0
    link = settings.SMW_BASE_URL.rstrip("/") + reverse("cases:detail", args=[case.pk])
    with override(settings.LANGUAGE_CODE):
        day = date_format(expiring_on, "j F Y")
        if kind == WorkNoteNotice.Kind.CLOSED:
            subject = _("SMW: your work notes on a closed case will be destroyed")
        else:
            subject = _("SMW: your work notes on a closed case will be destroyed in a week")
        body = _(
            "Hello %(name)s,\n\nA case on which you wrote work notes was closed. Work notes end "
            "with the help: they will be destroyed on %(day)s. Move into the dossier what "
            "belongs there before then.\n\n%(link)s\n\nFor privacy this e-mail names no pupil."
        ) % {"name": author.get_full_name() or author.username, "day": day, "link": link}
        return send_mail(subject, body, None, [author.email])


def notify(today: datetime.date | None = None, *, case_ids=None) -> int:
    """Tell each author once at closure and once a week before; the number of notices."""
    today = today or timezone.localdate()
    sent = 0
    due = [e for e in expiring(case_ids=case_ids) if e.expires_on > today]
    authors = User.objects.in_bulk({e.author_id for e in due})
    for item in due:
        kinds = [WorkNoteNotice.Kind.CLOSED]
        if item.expires_on - WEEK <= today:
            kinds.append(WorkNoteNotice.Kind.WEEK_BEFORE)
        for kind in kinds:
            try:
                with transaction.atomic():
                    WorkNoteNotice.objects.create(
                        case=item.case,
                        author_id=item.author_id,
                        kind=kind,
                        closed_on=item.case.closed_on,
                    )
            except IntegrityError:
                continue  # told before
            author = authors[item.author_id]
            if author.is_active:
                _mail(author, item.expires_on, item.case, kind)
            sent += 1
    return sent


def case_closed(case_pk: int) -> int:
    """Right after a case closed (cases.workflow.close_case, after the commit)."""
    return notify(case_ids=[case_pk])
