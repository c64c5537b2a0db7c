"""Who may ask to use the rights on a pupil's dossier, on the day the request is received:

- the pupil, from 12, for their own dossier;
- a parent with parental authority (gezag), while the pupil is under 16, unless access would
  harm the child (the handler records that judgement and its reason when deciding);
- from 16, a parent only with the pupil's consent;
- a parent without gezag, or anyone else, only with consent (of whom, by the consent rules).

The age is the one the consent rules use (Pupil.age_on, as in referrals.consent), so the
birthday boundaries are the same everywhere.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import Pupil
from referrals.consent import required_consent

from .models import RightsRequest

Requester = RightsRequest.Requester

# The rules as the form shows them.
RULES = [
    gettext_lazy("A pupil from 12 may ask for their own dossier."),
    gettext_lazy(
        "A parent with parental authority (gezag) may ask while the pupil is under 16, unless "
        "access would harm the child: the decider records that judgement and the reason."
    ),
    gettext_lazy("From 16, a parent may ask only with the pupil's consent."),
    gettext_lazy("A parent without gezag, or anyone else, may ask only with consent."),
]


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    age: int
    message: str
    needs_consent: bool = False
    needs_harm_judgement: bool = False


def who_may_ask(
    pupil: Pupil, requester: str, day: datetime.date, *, consent_given: bool, authority: bool
) -> Verdict:
    """Whether `requester` may ask on `day`; `authority`: the parent chosen has gezag."""
    age = pupil.age_on(day)
    if requester == Requester.PUPIL:
        if age < 12:
            return Verdict(
                False,
                age,
                _(
                    "The pupil is %(age)s: a pupil uses these rights from 12. Under 12 the "
                    "parents with parental authority ask."
                )
                % {"age": age},
            )
        return Verdict(
            True, age, _("The pupil (%(age)s) asks for their own dossier.") % {"age": age}
        )
    if requester == Requester.PARENT_WITH_AUTHORITY and not authority:
        return Verdict(
            False,
            age,
            _("Choose a parent of this pupil who has parental authority (gezag)."),
        )
    if requester == Requester.PARENT_WITH_AUTHORITY and age < 16:
        return Verdict(
            True,
            age,
            _(
                "A parent with gezag of a pupil of %(age)s may ask, unless access would harm "
                "the child."
            )
            % {"age": age},
            needs_harm_judgement=True,
        )
    if requester == Requester.PARENT_WITH_AUTHORITY:
        whose = _("the pupil's consent (the pupil is %(age)s)") % {"age": age}
    else:
        whose = required_consent(pupil, day).describe()
    if not consent_given:
        return Verdict(
            False,
            age,
            _("This requester may ask only with consent: %(whose)s. Record that it is given.")
            % {"whose": whose},
            needs_consent=True,
        )
    return Verdict(
        True,
        age,
        _("This requester may ask with consent: %(whose)s (given).") % {"whose": whose},
        needs_consent=True,
    )
