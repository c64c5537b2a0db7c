"""The daily retention job: what `tasks.daily_retention` and `manage.py apply_retention` run."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from accounts.models import Role, User

from . import terms, work_notes, workflow
from .models import DestructionList

log = logging.getLogger(__name__)


def run_daily(*, dry_run: bool = False) -> dict:
    """Holds from meldingen, the due list (team leaders told when dossiers wait for a
    proposal), approved lists carried out, expired werkaantekeningen destroyed and their
    authors told. The dry run only lists: it changes and sends nothing."""
    due = terms.due_dossiers()
    result = {"due": due, "destroyed": 0, "work_notes": 0, "notices": 0, "holds": 0}
    if dry_run:
        return result
    result["holds"] = workflow.sync_meldcode_holds()
    result["due"] = due = terms.due_dossiers()
    for approved in DestructionList.objects.filter(status=DestructionList.Status.APPROVED):
        result["destroyed"] += workflow.carry_out(approved)
    result["work_notes"] = work_notes.destroy_expired()
    result["notices"] = work_notes.notify()
    tell_team_leaders(due)
    log.info(
        "retention: %s due, %s destroyed, %s work notes emptied",
        len(due),
        result["destroyed"],
        result["work_notes"],
    )
    return result


def tell_team_leaders(due) -> int:
    """One e-mail per team leader whose organisation has due dossiers and no list waiting: the
    number only, and a link behind login."""
    by_org: dict[int, int] = {}
    for dossier in due:
        by_org[dossier.organisation_id] = by_org.get(dossier.organisation_id, 0) + 1
    waiting = set(
        DestructionList.objects.filter(status=DestructionList.Status.PROPOSED).values_list(
            "organisation_id", flat=True
        )
    )
    link = settings.SMW_BASE_URL.rstrip("/") + reverse("retention:overview")
    sent = 0
    with override(settings.LANGUAGE_CODE):
        for org, count in by_org.items():
            if org is None or org in waiting:
                continue
            leaders = User.objects.filter(
                is_active=True, memberships__role=Role.TEAMLEAD, memberships__organisation=org
            ).exclude(email="")
            for leader in leaders.distinct():
                subject = ngettext(
                    "SMW: %(count)d dossier has passed its retention term",
                    "SMW: %(count)d dossiers have passed their retention term",
                    count,
                ) % {"count": count}
                body = _(
                    "Hello %(name)s,\n\nDossiers of your organisation have passed their retention "
                    "term. Propose them for destruction; the privacy officer approves.\n\n"
                    "%(link)s\n\nFor privacy this e-mail names no pupil."
                ) % {"name": leader.get_full_name() or leader.username, "link": link}
                sent += send_mail(subject, body, None, [leader.email])
    return sent
