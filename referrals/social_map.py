"""The sociale kaart as the application manager keeps it: add and change entries; an entry no
longer in use is made inactive, never deleted (referrals point to it)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import Role, User
from smw.errors import Refused

from .models import SocialMapEntry

FIELDS = [
    "name",
    "kind",
    "address",
    "phone",
    "email",
    "website",
    "application_procedure",
    "waiting_weeks",
    "notes",
    "active",
]


@transaction.atomic
def save_entry(entry: SocialMapEntry | None, *, by: User, data: dict) -> SocialMapEntry:
    """Add an entry (entry=None) or change one, with the municipalities it serves."""
    if not by.has_role(Role.ADMIN):
        raise Refused(_("Only the application manager can do this."))
    others = SocialMapEntry.objects.exclude(pk=entry.pk) if entry else SocialMapEntry.objects
    if others.filter(name__iexact=data["name"], kind=data["kind"]).exists():
        raise Refused(
            _("The sociale kaart has this organisation of this kind already."), field="name"
        )
    entry = entry or SocialMapEntry()
    for name in FIELDS:
        setattr(entry, name, data[name])
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        raise Refused(
            _("The sociale kaart has this organisation of this kind already."), field="name"
        ) from None
    entry.municipalities.set(data["municipalities"])
    return entry
