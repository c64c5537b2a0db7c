"""The referrals' items on the worker's start page (accounts/today.py): follow-ups that are due
and consents to ask again."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.today import Entry, Item, Urgency, first_rows, provides

from . import access


@provides(Role.WORKER)
def follow_ups_due(user: User, today: datetime.date):
    referrals, count = first_rows(access.follow_ups_due(user, today))
    if count:
        first = referrals[0].follow_up_on
        yield Item(
            key="referral-follow-ups",
            title=_("Referrals to follow up"),
            count=count,
            urgency=Urgency.by_date(first, today),
            url=reverse("referrals:dashboard"),
            date=first,
            entries=[
                Entry(
                    label=referral.case.pupil.full_name,
                    url=reverse("referrals:detail", args=[referral.pk]),
                    detail=f"{referral.destination.name}, {referral.get_status_display()}",
                    date=referral.follow_up_on,
                    late=referral.follow_up_on < today,
                )
                for referral in referrals
            ],
        )


@provides(Role.WORKER)
def consents_to_ask_again(user: User, today: datetime.date):
    consents, count = first_rows(access.consents_to_ask_again(user, today))
    if count:
        first = consents[0].valid_until
        yield Item(
            key="consents",
            title=_("Consents to ask again"),
            count=count,
            urgency=Urgency.by_date(first, today),
            date=first,
            entries=[
                Entry(
                    label=consent.case.pupil.full_name,
                    url=reverse("referrals:consent_new", args=[consent.case_id]),
                    detail=consent.get_purpose_display()
                    + (f" ({consent.party.name})" if consent.party else ""),
                    date=consent.valid_until,
                    late=consent.valid_until < today,
                )
                for consent in consents
            ],
        )
