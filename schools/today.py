"""The application manager's items about schools and school years (accounts/today.py): what is
left to set up before the year's work can be recorded."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.today import Entry, Item, Urgency, first_rows, provides

from . import access
from .models import SchoolYear

# From this month on, next school year's assignments are due (the year starts on 1 August).
NEXT_YEAR_FROM_MONTH = 5


@provides(Role.ADMIN)
def schools_without_assignment(user: User, today: datetime.date):
    year = SchoolYear.start_year_for(today)
    years = [(year, Urgency.LATE)]
    if NEXT_YEAR_FROM_MONTH <= today.month < 8:
        years.append((year + 1, Urgency.DUE))
    for start_year, urgency in years:
        schools, count = first_rows(access.schools_without_assignment(user, start_year))
        if count:
            name = f"{start_year}-{start_year + 1}"
            yield Item(
                key=f"unassigned-schools-{start_year}",
                title=_("Schools without an assignment in %(year)s") % {"year": name},
                count=count,
                urgency=urgency,
                url=reverse("schools:manage_assignment_new"),
                entries=[
                    Entry(
                        label=school.name,
                        url=reverse("schools:manage_assignment_new") + f"?school={school.pk}",
                    )
                    for school in schools
                ],
            )
