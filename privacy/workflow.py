"""The privacy officer's one write: a review of a signal, only ever added."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User

from .models import AccessSignal, SignalReview


@transaction.atomic
def review_signal(signal: AccessSignal, *, reviewer: User, note: str) -> SignalReview:
    return SignalReview.objects.create(signal=signal, reviewer=reviewer, note=note.strip())
