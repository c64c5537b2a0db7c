"""Whose consent is needed, by the pupil's age on the day (Dutch rules for youth care):

- under 12: the parents with parental authority (gezag);
- 12 up to 16: the pupil and the parents with gezag;
- 16 and older: the pupil alone.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from cases.models import Guardian, Pupil


@dataclass(frozen=True)
class Requirement:
    age: int
    pupil: bool
    guardians: tuple[Guardian, ...]

    @property
    def needs_guardians(self) -> bool:
        """Parents with gezag must consent under 16, also while none are recorded yet."""
        return self.age < 16

    def describe(self) -> str:
        if self.pupil and self.needs_guardians:
            return _("the pupil (%(age)s) and the parents with parental authority") % {
                "age": self.age
            }
        if self.pupil:
            return _("the pupil (%(age)s) alone") % {"age": self.age}
        return _("the parents with parental authority (the pupil is %(age)s)") % {"age": self.age}


def required_consent(pupil: Pupil, day: datetime.date) -> Requirement:
    age = pupil.age_on(day)
    authority = tuple(pupil.guardians.filter(has_authority=True).order_by("pk"))
    if age < 12:
        return Requirement(age=age, pupil=False, guardians=authority)
    if age < 16:
        return Requirement(age=age, pupil=True, guardians=authority)
    return Requirement(age=age, pupil=True, guardians=())


def missing_consent(
    pupil: Pupil, day: datetime.date, *, by_pupil: bool, guardian_ids: set[int]
) -> list[str]:
    """What is missing for a complete consent on `day`; empty when complete."""
    need = required_consent(pupil, day)
    missing = []
    if need.pupil and not by_pupil:
        missing.append(_("the pupil's own consent (the pupil is %(age)s)") % {"age": need.age})
    if need.age < 16:
        if not need.guardians:
            missing.append(
                _("a parent with parental authority: record the parents on the case first")
            )
        for guardian in need.guardians:
            if guardian.pk not in guardian_ids:
                missing.append(
                    _("consent of %(name)s (parental authority)") % {"name": guardian.name}
                )
    return missing
