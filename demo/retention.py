"""Demo retention for `manage.py seed_demo`: dossiers of long ago of the demo organisation.

- two dossiers destroyed two months ago on a list the team leader proposed and the privacy
  officer approved, with its destruction certificate;
- three dossiers past their term on a list `teamleider` proposed, awaiting the approval of
  `privacy`;
- one dossier past its term kept by a legal hold (a court case);
- the most recently closed case of `smw`, whose werkaantekeningen are destroyed in four days;
- the legal hold of the demo's melding to Veilig Thuis.

The old dossiers are of a school that has since closed, managed by a worker who has left.

Idempotent: when the demo organisation has a destruction list, nothing is added.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts.models import Membership, Role, User
from cases.models import Case, Category, Contact, Guardian, Intake, Pupil
from retention import work_notes, workflow
from retention.certificate import store_certificate
from retention.models import DestructionList, LegalHold, Policy, WorkNoteNotice
from schools.models import Organisation, School

# (first name, last name, years ago the help ended, category)
EARLIER = [("Jolien", "Verhoef", 24, Category.DIVORCE), ("Bram", "Oosterhuis", 23, Category.GRIEF)]
WAITING = [
    ("Sanne", "Kruithof", 22, Category.BULLYING),
    ("Mehmet", "Yildiz", 21, Category.SOCIAL_EMOTIONAL),
    ("Lotte", "Brouwer", 21, Category.ABSENTEEISM),
]
HELD = ("Daan", "Veldkamp", 22, Category.DOMESTIC_VIOLENCE)


def _old_dossier(first, last, years_ago, category, *, school, worker) -> Case:
    today = timezone.localdate()
    closed = today.replace(year=today.year - years_ago, day=1) - datetime.timedelta(days=40)
    signalled = closed - datetime.timedelta(days=120)
    pupil = Pupil.objects.create(
        school=school,
        first_name=first,
        last_name=last,
        date_of_birth=signalled.replace(year=signalled.year - 10, day=12),
        group="7",
        created_by=worker,
    )
    Guardian.objects.create(pupil=pupil, name=f"Ouder {last}", relation=Guardian.Relation.PARENT)
    case = Case.objects.create(
        pupil=pupil,
        school=school,
        caseworker=worker,
        stage=Case.Stage.CLOSED,
        categories=[category, Category.SOCIAL_EMOTIONAL]
        if category != Category.SOCIAL_EMOTIONAL
        else [category, Category.PARENTING],
        source=Case.Source.TEACHER,
        noticed=f"{first} is stil en trekt zich terug in de klas.",
        signalled_on=signalled,
        reported_by=worker,
        parents_informed=True,
        parents_agree=True,
        intake_on=signalled + datetime.timedelta(days=10),
        closed_on=closed,
        closure_reason=Case.ClosureReason.GOAL_REACHED,
        outcome="Doelen bereikt; ouders en school weten wat te doen.",
    )
    Intake.objects.create(
        case=case,
        held_on=case.intake_on,
        request_for_help=f"{first} wil weer plezier hebben op school.",
        clarified_problem="Thuis veel spanning.",
    )
    for week in (2, 5, 9):
        Contact.objects.create(
            case=case,
            author=worker,
            held_on=signalled + datetime.timedelta(weeks=week),
            minutes=45,
            kind=Contact.Kind.PUPIL,
            place=Contact.Place.SCHOOL,
            summary=f"Gesprek met {first} over hoe het gaat.",
        )
    return case


def seed_retention() -> int:
    """The demo's retention scenario; the number of dossiers added."""
    people = {
        u.username: u for u in User.objects.filter(username__in=["smw", "teamleider", "privacy"])
    }
    if len(people) < 3:
        return 0
    membership = people["teamleider"].memberships.filter(role=Role.TEAMLEAD).first()
    organisation = Organisation.objects.filter(pk=membership.organisation_id).first()
    if organisation is None or DestructionList.objects.filter(organisation=organisation).exists():
        return 0
    regenboog = School.objects.filter(brin="04AB").select_related("municipality").first()
    if regenboog is None:
        return 0
    # The old dossiers are of a school that has since closed (not part of today's caseload).
    school, _ = School.objects.get_or_create(
        brin="04ZZ",
        defaults={
            "name": "OBS De Kempenaer (gesloten)",
            "sector": School.Sector.PO,
            "municipality": regenboog.municipality,
            "active": False,
        },
    )
    worker, leader, officer = people["smw"], people["teamleider"], people["privacy"]
    # The old dossiers were managed by a worker who has long left (no sign-in).
    former, _ = User.objects.get_or_create(
        username="oud-smw",
        defaults={"first_name": "Els", "last_name": "Hoekstra", "is_active": False},
    )
    Membership.objects.get_or_create(user=former, role=Role.WORKER, organisation=organisation)
    made = lambda spec: _old_dossier(*spec, school=school, worker=former)  # noqa: E731

    # An earlier list: proposed, approved and carried out two months ago.
    for spec in EARLIER:
        made(spec)
    earlier = timezone.now() - datetime.timedelta(days=61)
    done = workflow.propose_list(organisation, by=leader)
    done = workflow.approve_list(done, by=officer, note="Termijn verstreken, geen bewaarplicht.")
    workflow.carry_out(done, at=earlier + datetime.timedelta(hours=2))
    DestructionList.objects.filter(pk=done.pk).update(
        proposed_at=earlier - datetime.timedelta(days=3), decided_at=earlier
    )
    store_certificate(done.pk)

    # One on hold, then the waiting list.
    held = made(HELD)
    workflow.place_hold(
        held.pupil,
        by=officer,
        kind=LegalHold.Kind.COURT,
        reason="Procedure over het gezag loopt nog bij de rechtbank.",
        review_on=timezone.localdate() + datetime.timedelta(days=120),
    )
    for spec in WAITING:
        made(spec)
    workflow.propose_list(organisation, by=leader)

    _work_notes_going_soon(worker, organisation)
    # The meldcode's melding to Veilig Thuis (demo/meldcode.py) as the hold the job makes of it.
    workflow.sync_meldcode_holds()
    return PUPILS


# How many old dossiers the scenario adds.
PUPILS = len(EARLIER) + len(WAITING) + 1


def _work_notes_going_soon(worker: User, organisation: Organisation) -> None:
    """The worker's most recently closed case gets work notes that go in four days: the
    organisation's grace period is set to fit when the default of 30 days does not. What the
    daily job would have destroyed already (older closed cases) is destroyed now."""
    today = timezone.localdate()
    case = (
        Case.objects.filter(
            caseworker=worker,
            stage=Case.Stage.CLOSED,
            closed_on__lt=today,
            closed_on__gte=today - datetime.timedelta(days=86),
        )
        .order_by("-closed_on")
        .first()
    )
    if case is None:
        return
    since = (today - case.closed_on).days
    if not 23 <= since <= 29:
        Policy.objects.update_or_create(
            organisation=organisation, defaults={"work_note_grace_days": since + 4}
        )
    for contact in Contact.objects.filter(case=case, author=worker, work_note="")[:2]:
        contact.work_note = "Eigen indruk: moeder lijkt overbelast, nog toetsen bij de IB'er."
        contact.save(update_fields=["work_note"])
    WorkNoteNotice.objects.get_or_create(
        case=case, author=worker, kind=WorkNoteNotice.Kind.CLOSED, closed_on=case.closed_on
    )
    work_notes.destroy_expired(today)
