"""The meldcode in the rapportage of a school: how many trajectories started, meldingen were
made and advice was asked of Veilig Thuis in a period. Counts only, never a pupil; a count from
1 to 4 is shown as "<5" (reports.suppression)."""

from __future__ import annotations

from reports.periods import Period
from reports.suppression import suppress
from schools.models import School

from .models import Consultation, Trajectory


def true_counts(school: School, period: Period) -> dict[str, int]:
    from reports.figures import _moments

    start, end = _moments(period)
    within = (period.start, period.end)
    at_school = Trajectory.objects.filter(case__school=school)
    return {
        "trajectories": at_school.filter(started_at__gte=start, started_at__lt=end).count(),
        "meldingen": at_school.filter(reported_on__range=within).count(),
        "advice": Consultation.objects.filter(
            trajectory__case__school=school, veilig_thuis=True, held_on__range=within
        ).count(),
    }


def school_figures(school: School, period: Period) -> dict[str, int | str]:
    """The counts as the rapportage shows them: small ones suppressed."""
    return suppress(true_counts(school, period), [])
