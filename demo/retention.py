"""Demo retention for `manage.py seed_demo`: dossiers of long ago of the demo organisation.

- two dossiers destroyed two months ago on a list the team leader proposed and the privacy
  officer approved, with its destruction certificate;
- three dossiers past their term on a list `teamleider` proposed, awaiting the approval of
  `privacy`;
- one dossier past its term kept by a legal hold (a court case);
- a case of `smw` closed 26 days ago whose werkaantekeningen are destroyed in four days.

Idempotent: when the demo organisation has a destruction list, nothing is added.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts.models import Role, User
from cases.models import Case, Category, Contact, Guardian, Intake, Pupil
from retention import workflow
from retention.certificate import store_certificate
from retention.models import DestructionList, LegalHold, WorkNoteNotice
from schools.models import Organisation, School

# (first name, last name, years ago the help ended, category)
EARLIER = [("Jolien", "Verhoef", 24, Category.DIVORCE), ("Bram", "Oosterhuis", 23, Category.GRIEF)]
WAITING = [
    ("Sanne", "Kruithof", 22, Category.BULLYING),
    ("Mehmet", "Yildiz", 21, Category.SOCIAL_EMOTIONAL),
    ("Lotte", "Brouwer", 21, Category.ABSENTEEISM),
]
HELD = ("Daan", "Veldkamp", 22, Category.DOMESTIC_VIOLENCE)
WORK_NOTES = ("Ilse", "Smeets")


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
        categories=[category],
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
    school = School.objects.filter(brin="04AB").first()
    if school is None:
        return 0
    worker, leader, officer = people["smw"], people["teamleider"], people["privacy"]
    made = lambda spec: _old_dossier(*spec, school=school, worker=worker)  # noqa: E731

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

    # Work notes that go in four days.
    today = timezone.localdate()
    recent = _old_dossier(*WORK_NOTES, 0, Category.BEHAVIOUR, school=school, worker=worker)
    closed = today - datetime.timedelta(days=26)
    Case.objects.filter(pk=recent.pk).update(
        closed_on=closed,
        signalled_on=closed - datetime.timedelta(days=90),
        intake_on=closed - datetime.timedelta(days=80),
    )
    contacts = list(Contact.objects.filter(case=recent).order_by("pk"))
    for day, contact in zip((80, 50, 20), contacts, strict=True):
        contact.held_on = closed - datetime.timedelta(days=day)
        contact.work_note = "Eigen indruk: moeder lijkt overbelast, nog toetsen."
        contact.save(update_fields=["held_on", "work_note"])
    WorkNoteNotice.objects.create(
        case=recent, author=worker, kind=WorkNoteNotice.Kind.CLOSED, closed_on=closed
    )
    return len(EARLIER) + len(WAITING) + 2
