"""Working days skip weekends and Dutch public holidays; the due dates built on them."""

import datetime

import pytest

from meldcode.deadlines import add_working_days, deadlines_of, is_working_day
from meldcode.models import Trajectory

D = datetime.date


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        (D(2026, 3, 2), 5, D(2026, 3, 9)),  # Monday + 5 working days: next Monday
        (D(2026, 3, 6), 1, D(2026, 3, 9)),  # Friday + 1: over the weekend
        (D(2026, 3, 7), 1, D(2026, 3, 9)),  # from a Saturday
        (D(2026, 4, 24), 1, D(2026, 4, 28)),  # Friday; Koningsdag Monday 27 April 2026
        (D(2026, 12, 24), 1, D(2026, 12, 28)),  # Christmas Friday 25, weekend
        (D(2025, 12, 24), 1, D(2025, 12, 29)),  # Christmas Thursday and Friday 2025
        (D(2026, 12, 23), 5, D(2026, 12, 31)),  # 24, 28, 29, 30, 31
        (D(2026, 4, 2), 1, D(2026, 4, 7)),  # Goede Vrijdag 3 April and Tweede Paasdag 6 April
    ],
)
def test_add_working_days(start, n, due):
    assert add_working_days(start, n) == due


def test_koningsdag_moves_off_a_sunday():
    # 27 April 2025 was a Sunday: Koningsdag was Saturday 26 April, 28 April a working day
    assert not is_working_day(D(2025, 4, 26))
    assert is_working_day(D(2025, 4, 28))
    # 27 April 2031 is a Sunday too
    assert is_working_day(D(2031, 4, 28))
    # and on a weekday it is a holiday
    assert not is_working_day(D(2026, 4, 27))
    assert not is_working_day(D(2028, 4, 27))


def test_new_year_across_the_year_end():
    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)  # 1 Jan Friday, weekend


def _trajectory(**fields):
    fields.setdefault("step", Trajectory.Step.DECISION)
    fields.setdefault("step_since", D(2026, 3, 2))
    return Trajectory(**fields)


def test_feedback_due_five_working_days_after_the_melding():
    trajectory = _trajectory(reported_on=D(2026, 4, 22))  # Wednesday; Koningsdag 27 April
    (deadline,) = deadlines_of(trajectory, today=D(2026, 4, 29), step_days=10)
    assert deadline.kind == "feedback" and deadline.due == D(2026, 4, 30)
    assert not deadline.overdue
    (deadline,) = deadlines_of(trajectory, today=D(2026, 5, 1), step_days=10)
    assert deadline.overdue


def test_feedback_received_is_no_deadline():
    trajectory = _trajectory(reported_on=D(2026, 4, 22), feedback_on=D(2026, 4, 24))
    assert [d.kind for d in deadlines_of(trajectory, today=D(2026, 5, 1), step_days=10)] == ["step"]


def test_a5_due_at_the_end_of_the_help_term():
    trajectory = _trajectory(help_until=D(2026, 6, 1))
    (deadline,) = deadlines_of(trajectory, today=D(2026, 6, 2), step_days=10)
    assert deadline.kind == "a5" and deadline.due == D(2026, 6, 1) and deadline.overdue


def test_a_step_open_too_long_after_the_organisations_working_days():
    trajectory = _trajectory(step=Trajectory.Step.CONSULTATION, step_since=D(2026, 4, 20))
    (deadline,) = deadlines_of(trajectory, today=D(2026, 4, 20), step_days=5)
    assert deadline.kind == "step" and deadline.due == D(2026, 4, 28)  # skips 27 April


def test_a_closed_trajectory_waits_for_nothing():
    trajectory = _trajectory(step=Trajectory.Step.CLOSED, reported_on=D(2026, 4, 1))
    assert deadlines_of(trajectory, today=D(2026, 5, 1), step_days=10) == []
