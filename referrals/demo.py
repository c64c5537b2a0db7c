"""A believable local sociale kaart for the demo municipalities (Utrecht, Nieuwegein)."""

from __future__ import annotations

from schools.models import Municipality

from .models import SocialMapEntry

K = SocialMapEntry.Kind
BOTH = ("Utrecht", "Nieuwegein")
# name, kind, municipalities, address, phone, e-mail, website, procedure, waiting weeks, notes
ENTRIES = [
    (
        "Buurtteam Jeugd en Gezin Utrecht-West",
        K.WIJKTEAM,
        ("Utrecht",),
        "Kanaalweg 12, 3526 KL Utrecht",
        "030 123 45 60",
        "west@buurtteams.example.nl",
        "https://buurtteams.example.nl",
        "Aanmelden door ouders zelf, of door SMW met toestemming "
        "van ouders via het aanmeldformulier. Warme overdracht in een driegesprek op school.",
        2,
        "Vaste contactpersoon voor OBS De Regenboog: Fatima (ma–do).",
    ),
    (
        "Buurtteam Jeugd en Gezin Utrecht-Oost",
        K.WIJKTEAM,
        ("Utrecht",),
        "Biltstraat 200, 3572 BR Utrecht",
        "030 123 45 70",
        "oost@buurtteams.example.nl",
        "https://buurtteams.example.nl",
        "Telefonisch aanmelden; binnen twee weken een kennismaking.",
        2,
        "",
    ),
    (
        "Sociaal Team Nieuwegein",
        K.WIJKTEAM,
        ("Nieuwegein",),
        "Stadsplein 1, 3431 LZ Nieuwegein",
        "030 607 10 00",
        "socialteam@nieuwegein.example.nl",
        "https://nieuwegein.example.nl/socialteam",
        "Aanmelden via het digitale formulier of telefonisch spreekuur (di en do 9–12).",
        3,
        "",
    ),
    (
        "Altrecht Jeugd",
        K.YOUTH_MENTAL_HEALTH,
        BOTH,
        "Lange Nieuwstraat 119, 3512 PG Utrecht",
        "030 230 80 00",
        "jeugd@altrecht.example.nl",
        "https://altrecht.example.nl/jeugd",
        "Verwijzing nodig van huisarts, jeugdarts of "
        "buurtteam. SMW levert informatie aan met toestemming.",
        12,
        "Lange wachtlijst voor trauma-behandeling; overbrugging via buurtteam.",
    ),
    (
        "Kinder- en Jeugdpsychologen Praktijk De Linde",
        K.YOUTH_MENTAL_HEALTH,
        BOTH,
        "Lindelaan 4, 3431 AB Nieuwegein",
        "030 600 22 33",
        "info@delinde.example.nl",
        "",
        "Verwijzing huisarts of jeugdarts. Intake binnen zes weken.",
        6,
        "",
    ),
    (
        "GGD regio Utrecht – Jeugdgezondheidszorg",
        K.YOUTH_DOCTOR,
        BOTH,
        "Zilveren Schor 1, 3431 JE Nieuwegein",
        "030 630 54 00",
        "jgz@ggdru.example.nl",
        "https://ggdru.example.nl",
        "Jeugdarts of jeugdverpleegkundige via de school of SMW; ook bij ziekteverzuim.",
        1,
        "Jeugdarts neemt deel aan de ZAT's in Nieuwegein.",
    ),
    (
        "Huisartsenpraktijk Lombok",
        K.GP,
        ("Utrecht",),
        "Kanaalstraat 50, 3531 CK Utrecht",
        "030 244 00 11",
        "",
        "",
        "Ouders maken zelf een afspraak; SMW kan met toestemming een brief meegeven.",
        0,
        "",
    ),
    (
        "Veilig Thuis Utrecht",
        K.VEILIG_THUIS,
        BOTH,
        "Postbus 1, Utrecht",
        "0800 2000",
        "",
        "https://veiligthuis.example.nl",
        "24/7 bereikbaar voor advies en melding (meldcode). Bij acute onveiligheid direct bellen; "
        "toestemming is dan niet vereist, leg de afweging vast.",
        0,
        "Gebruik de meldcode huiselijk geweld en kindermishandeling.",
    ),
    (
        "Leerplicht Utrecht",
        K.ATTENDANCE,
        ("Utrecht",),
        "Stadsplateau 1, 3521 AZ Utrecht",
        "030 286 00 00",
        "leerplicht@utrecht.example.nl",
        "",
        "Melding door de school via DUO bij 16 uur ongeoorloofd verzuim in vier weken.",
        0,
        "",
    ),
    (
        "Leerplicht Nieuwegein",
        K.ATTENDANCE,
        ("Nieuwegein",),
        "Stadsplein 1, 3431 LZ Nieuwegein",
        "030 607 11 11",
        "leerplicht@nieuwegein.example.nl",
        "",
        "Melding door de school; leerplichtambtenaar sluit aan bij het ZAT.",
        0,
        "",
    ),
    (
        "Timon Jeugdhulp",
        K.YOUTH_CARE,
        BOTH,
        "Amersfoortseweg 1, 3712 BA Huis ter Heide",
        "030 693 33 00",
        "aanmelden@timon.example.nl",
        "https://timon.example.nl",
        "Met beschikking van de gemeente (via buurtteam/sociaal team).",
        8,
        "Ambulante gezinsbegeleiding en pleegzorg.",
    ),
    (
        "Stichting Kinderen en Scheiding – KIES",
        K.GROUPS,
        BOTH,
        "",
        "030 650 00 50",
        "kies@welzijn.example.nl",
        "",
        "Groepen voor kinderen van 8–12 met gescheiden ouders; aanmelden door ouders of SMW.",
        4,
        "Nieuwe groep start in februari.",
    ),
    (
        "Rouwgroep Het Lichtpunt",
        K.GROUPS,
        ("Utrecht",),
        "Oudegracht 100, 3511 AX Utrecht",
        "030 231 11 22",
        "info@lichtpunt.example.nl",
        "",
        "Voor kinderen en jongeren na het overlijden van een naaste.",
        3,
        "",
    ),
    (
        "Algemeen Maatschappelijk Werk Nieuwegein",
        K.SOCIAL_WORK,
        ("Nieuwegein",),
        "Muntplein 3, 3437 PA Nieuwegein",
        "030 604 00 40",
        "amw@welzijn.example.nl",
        "",
        "Voor ouders: schulden, scheiding, opvoedvragen.",
        4,
        "",
    ),
    (
        "U-Centraal Schuldhulp",
        K.OTHER,
        ("Utrecht",),
        "Europaplein 2, 3526 WS Utrecht",
        "030 236 80 00",
        "",
        "",
        "Ouders melden zich zelf; SMW kan meegaan naar het eerste gesprek.",
        3,
        "Armoede: ook Jeugdfonds Sport & Cultuur.",
    ),
]


def seed_social_map() -> int:
    """Create or update the demo entries; returns how many there are."""
    municipalities = {m.name: m for m in Municipality.objects.filter(name__in=BOTH)}
    for name, kind, serves, address, phone, email, website, procedure, weeks, notes in ENTRIES:
        entry, _created = SocialMapEntry.objects.update_or_create(
            name=name,
            kind=kind,
            defaults={
                "address": address,
                "phone": phone,
                "email": email,
                "website": website,
                "application_procedure": procedure,
                "waiting_weeks": weeks,
                "notes": notes,
                "active": True,
            },
        )
        entry.municipalities.set([municipalities[m] for m in serves if m in municipalities])
    return len(ENTRIES)


def seed_referrals() -> int:
    """Referral records (with consent) for the demo cases that were referred, so the referral
    dashboard, the case pages and the coordinator's progress view have something to show.
    Idempotent: cases that already have a referral are left alone."""
    import datetime

    from django.utils import timezone

    from cases.models import Case, CaseEvent

    from .consent import required_consent
    from .models import Consent, Referral, ReferralStatusChange

    today = timezone.localdate()
    made = 0
    referred = Case.objects.filter(
        referred_on__isnull=False, referrals__isnull=True
    ).select_related("pupil", "school__municipality", "caseworker")
    for number, case in enumerate(referred.order_by("pk")):
        note = (
            CaseEvent.objects.filter(case=case, to_stage=Case.Stage.REFERRED)
            .values_list("note", flat=True)
            .first()
            or ""
        )
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
