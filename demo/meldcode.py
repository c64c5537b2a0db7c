"""Demo meldcode trajectories for `manage.py seed_demo`, on cases of `smw`, walked through the
real workflow (meldcode/workflow.py) and then moved back in time with queryset updates:

- one at step 2, awaiting the aandachtsfunctionaris's advice;
- one at step 4 with A1–A3 answered;
- one with a melding whose Veilig Thuis feedback is overdue;
- one closed after A5, with agreements about monitoring.

Idempotent: when the demo organisation has trajectories, nothing is added.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts.models import User
from cases.models import Case, CaseEvent, Category
from meldcode import workflow
from meldcode.deadlines import is_working_day
from meldcode.models import Answer, Consultation, Trajectory, Violence

FAVOURED = [Category.DOMESTIC_VIOLENCE, Category.SEXUAL_ABUSE, Category.PARENTING]


def _working_days_ago(n: int) -> datetime.date:
    """The day n working days before today."""
    day = timezone.localdate()
    while n > 0:
        day -= datetime.timedelta(days=1)
        n -= is_working_day(day)
    return day


def _cases(worker: User) -> list[Case]:
    cases = list(
        Case.objects.filter(caseworker=worker)
        .open()
        .exclude(stage=Case.Stage.SIGNAL)
        .select_related("pupil")
        .order_by("pk")
    )
    cases.sort(key=lambda c: not set(c.categories) & set(FAVOURED))
    # the longest-running trajectory on the case signalled first
    return sorted(cases[:4], key=lambda c: c.signalled_on, reverse=True)


def seed_meldcode() -> int:
    worker = User.objects.filter(username="smw").first()
    officer = User.objects.filter(username="aandacht").first()
    if worker is None or officer is None or Trajectory.objects.filter(started_by=worker).exists():
        return 0
    cases = _cases(worker)
    if len(cases) < 4:
        return 0
    today = timezone.localdate()

    def signals(trajectory, days_ago, violence=(Violence.PHYSICAL,)):
        workflow.record_signals(
            trajectory,
            by=worker,
            signals_on=today - datetime.timedelta(days=days_ago),
            facts=(
                "Leerkracht zag op maandag blauwe plekken op beide bovenarmen. Kind zei "
                "desgevraagd: 'papa was boos'."
            ),
            sources="Leerkracht groep 7; eigen gesprek met het kind op dinsdag.",
            interpretation="Mogelijk lichamelijk geweld door een ouder.",
            kindcheck=False,
            violence=list(violence),
        )

    def consult(trajectory, days_ago, *, veilig_thuis=False):
        workflow.add_consultation(
            trajectory,
            by=officer,
            held_on=today - datetime.timedelta(days=days_ago),
            with_whom="Ruud de Boer (aandachtsfunctionaris)",
            advice="Eerst een gesprek met beide ouders; vooraf anoniem advies van Veilig Thuis.",
            veilig_thuis=veilig_thuis,
        )
        workflow.finish_consultation(trajectory, by=worker)

    def converse(trajectory, days_ago):
        workflow.record_conversation(
            trajectory,
            by=worker,
            held_on=today - datetime.timedelta(days=days_ago),
            with_whom="Moeder en het kind",
            summary="Moeder herkent de zorgen; er zijn spanningen thuis sinds de verhuizing.",
        )

    def answer(trajectory, question, value, **extra):
        workflow.answer(
            trajectory,
            by=worker,
            question=question,
            answer=value,
            motivation={
                "A1": "De signalen en het gesprek bevestigen het vermoeden.",
                "A2": "Geen acuut gevaar; het kind gaat veilig naar huis, geen eerdere meldingen.",
                "A3": "SMW kan met opvoedondersteuning en het wijkteam passende hulp organiseren.",
                "A4": "Ouders stemmen in met de hulp en de afspraken.",
                "A5": "Na acht weken hulp geen nieuwe signalen; ouders houden zich aan afspraken.",
            }[question]
            if value
            else "Ouders wijzen elke hulp af; de zorgen blijven.",
            **extra,
        )

    # 1. step 2: the signals are mapped, the advice of the aandachtsfunctionaris is awaited
    first = workflow.start(cases[0], by=worker)
    signals(first, 3)

    # 2. step 4: A1–A3 answered, A4 next
    second = workflow.start(cases[1], by=worker)
    signals(second, 12)
    consult(second, 10)
    converse(second, 6)
    answer(second, "A1", True)
    answer(second, "A2", False)
    answer(second, "A3", True)

    # 3. melding; the feedback of Veilig Thuis is overdue
    third = workflow.start(cases[2], by=worker)
    signals(third, 30, violence=(Violence.PHYSICAL, Violence.WITNESS))
    consult(third, 27, veilig_thuis=True)
    converse(third, 24)
    answer(third, "A1", True)
    answer(third, "A2", False)
    answer(third, "A3", True)
    answer(third, "A4", False)
    reported_on = _working_days_ago(8)
    workflow.record_melding(
        third, by=worker, reported_on=reported_on, how="Telefonisch, met het meldformulier"
    )

    # 4. closed after A5: help with a term, lasting safety, agreements about monitoring
    fourth = workflow.start(cases[3], by=worker)
    signals(fourth, 120, violence=(Violence.NEGLECT,))
    consult(fourth, 117)
    converse(fourth, 113)
    answer(fourth, "A1", True)
    answer(fourth, "A2", False)
    answer(fourth, "A3", True)
    answer(fourth, "A4", True)
    workflow.record_help(
        fourth,
        by=worker,
        help_until=today + datetime.timedelta(days=1),
        help_manager="Sanne de Vries (SMW)",
        agreements="Opvoedondersteuning via het wijkteam, acht weken; wekelijks contact SMW.",
    )
    answer(
        fourth, "A5", True, monitoring="Mentor meldt nieuwe signalen; SMW belt ouders maandelijks."
    )

    _backdate(first, 3)
    _backdate(second, 6)
    _backdate(third, 24, reported_on=reported_on)
    _backdate(fourth, 113, help_until=today - datetime.timedelta(days=14), closed=14)
    return 4


def _backdate(trajectory, days_ago, *, reported_on=None, help_until=None, closed=None):
    """Move the trajectory's stamps back to when it happened (the workflow stamps today), never
    before what the case's timeline held already; the case's last activity follows."""
    today = timezone.localdate()
    case = Case.objects.get(pk=trajectory.case_id)
    events = CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.MELDCODE).order_by("pk")
    earlier = (
        CaseEvent.objects.filter(case=case)
        .exclude(kind=CaseEvent.Kind.MELDCODE)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    started = timezone.now() - datetime.timedelta(days=days_ago + 4)
    started = min(started, timezone.now() - datetime.timedelta(hours=1))
    if earlier and started <= earlier:
        started = earlier + datetime.timedelta(hours=1)
    update = {"started_at": started, "step_since": today - datetime.timedelta(days=days_ago)}
    if help_until:
        update["help_until"] = help_until
    if closed:
        update["closed_on"] = update["step_since"] = today - datetime.timedelta(days=closed)
    if reported_on:
        update["step_since"] = update["legal_hold_since"] = reported_on
    Trajectory.objects.filter(pk=trajectory.pk).update(**update)
    Answer.objects.filter(trajectory=trajectory).update(at=started)
    Consultation.objects.filter(trajectory=trajectory).update(at=started)
    last = started
    for minutes, event in enumerate(events):
        last = started + datetime.timedelta(minutes=minutes)
        CaseEvent.objects.filter(pk=event.pk).update(at=last)
    latest = CaseEvent.objects.filter(case=case).order_by("-at").values_list("at", flat=True)[0]
    Case.objects.filter(pk=case.pk).update(last_activity_at=latest)
