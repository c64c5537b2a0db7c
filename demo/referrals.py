"""The demo's sociale kaart (data/social_map.toml) for its municipalities, Utrecht and
Nieuwegein, and referral records for the demo cases that were referred."""

from __future__ import annotations

import datetime

from django.utils import timezone

from cases.models import Case, CaseEvent
from referrals.consent import required_consent
from referrals.models import Consent, Referral, ReferralStatusChange, SocialMapEntry
from schools.models import Municipality

from .data import read

# Each organisation: name, kind, the municipalities it serves, waiting_weeks and these texts,
# of which one the file leaves out is empty.
TEXTS = ("address", "phone", "email", "website", "application_procedure", "notes")
ENTRIES = [
    dict.fromkeys(TEXTS, "") | entry | {"kind": SocialMapEntry.Kind(entry["kind"])}
    for entry in read("social_map")["entry"]
]


def seed_social_map() -> int:
    """Create or update the demo entries; returns how many there are."""
    municipalities = {
        m.name: m for m in Municipality.objects.filter(name__in=("Utrecht", "Nieuwegein"))
    }
    for entry in ENTRIES:
        social_map_entry, _created = SocialMapEntry.objects.update_or_create(
            name=entry["name"],
            kind=entry["kind"],
            defaults={text: entry[text] for text in TEXTS}
            | {"waiting_weeks": entry["waiting_weeks"], "active": True},
        )
        social_map_entry.municipalities.set(
            [municipalities[m] for m in entry["municipalities"] if m in municipalities]
        )
    return len(ENTRIES)


def seed_referrals() -> int:
    """Referral records (with consent) for the demo cases that were referred, so the referral
    dashboard, the case pages and the coordinator's progress view have something to show.
    Idempotent: cases that already have a referral are left alone."""
    today = timezone.localdate()
    made = 0
    referred = Case.objects.filter(
        referred_on__isnull=False, referrals__isnull=True
    ).select_related("pupil", "school__municipality", "caseworker")
    for number, case in enumerate(referred.order_by("pk")):
        event = CaseEvent.objects.filter(case=case, to_stage=Case.Stage.REFERRED).first()
        note = event.note if event else ""
        destination = _destination_for(note, case.school.municipality)
        if destination is None:
            continue
        day = case.referred_on
        acute = destination.kind == SocialMapEntry.Kind.VEILIG_THUIS
        consent = None
        if not acute:
            need = required_consent(case.pupil, day)
            consent = Consent.objects.create(
                pupil=case.pupil,
                case=case,
                purpose=Consent.Purpose.REFERRAL,
                party=destination,
                by_pupil=need.pupil,
                given_on=day,
                valid_until=day + datetime.timedelta(days=365),
                recorded_by=case.caseworker,
            )
            consent.by_guardians.set(need.guardians)
        if case.stage == Case.Stage.CLOSED:
            path = ["voorbereid", "aangemeld", "afgewezen"]
        else:
            path = [
                ["voorbereid", "aangemeld"],
                ["voorbereid", "aangemeld", "wachtlijst"],
                ["voorbereid", "aangemeld", "intake"],
            ][number % 3]
        referral = Referral.objects.create(
            case=case,
            destination=destination,
            reason=note or "Verwijzing voor specialistische hulp.",
            question="Kunt u de leerling en het gezin verder helpen? SMW blijft coördineren.",
            shared_information="Samenvatting van de intake en het plan van aanpak.",
            consent=consent,
            acute_exception=acute,
            exception_reason=(
                "Acute onveiligheid: melding volgens de meldcode, ouders achteraf geïnformeerd."
                if acute
                else ""
            ),
            follow_up_on=min(day + datetime.timedelta(days=21), today + datetime.timedelta(days=7)),
            status=path[-1],
            status_changed_on=min(day + datetime.timedelta(days=3 * (len(path) - 1)), today),
            created_by=case.caseworker,
        )
        for step, status in enumerate(path):
            ReferralStatusChange.objects.create(
                referral=referral,
                status=status,
                on=min(day + datetime.timedelta(days=3 * step), today),
                note="Afgewezen: valt buiten de doelgroep." if status == "afgewezen" else "",
                by=case.caseworker,
            )
        made += 1
    return made


def _destination_for(note: str, municipality) -> SocialMapEntry | None:
    text = note.lower()
    entries = SocialMapEntry.objects.filter(municipalities=municipality, active=True)
    for word, kind in (
        ("veilig thuis", SocialMapEntry.Kind.VEILIG_THUIS),
        ("ggz", SocialMapEntry.Kind.YOUTH_MENTAL_HEALTH),
        ("leerplicht", SocialMapEntry.Kind.ATTENDANCE),
        ("jeugdarts", SocialMapEntry.Kind.YOUTH_DOCTOR),
        ("groep", SocialMapEntry.Kind.GROUPS),
    ):
        if word in text:
            match = entries.filter(kind=kind).first()
            if match:
                return match
    return entries.filter(kind=SocialMapEntry.Kind.WIJKTEAM).first()
