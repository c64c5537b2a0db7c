"""The only place that knows what a privacy officer may review.

A privacy officer (functionaris gegevensbescherming) of an organisation reviews the access log
of that organisation: the rows by its people (its workers, team leaders, privacy and
safeguarding officers, and the coordinators of the schools it serves) and the rows about pupils
at the schools it serves (through its workers' assignments, any school year). Never case
content: the log says who opened what, when and from where, not what was in it. Everyone else
gets 404 on every privacy page.

Reading the log is itself a read: a page that shows a pupil's name notes it (audit.log.note), so
the privacy officer's own reading shows up in the extract too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import Role, User
from audit.log import Action, note
from cases.models import Pupil
from schools.models import Organisation, School

from .models import AccessSignal

# The roles held within an organisation; a coordinator belongs to a school it serves.
ORGANISATION_ROLES = [Role.WORKER, Role.TEAMLEAD, Role.PRIVACY, Role.SAFEGUARDING]


def privacy_organisations(user: User) -> QuerySet[Organisation]:
    return Organisation.objects.filter(memberships__user=user, memberships__role=Role.PRIVACY)


def served_schools(organisations) -> QuerySet[School]:
    """Schools where a worker of the organisations is or was assigned."""
    return School.objects.filter(
        assignments__worker__memberships__role=Role.WORKER,
        assignments__worker__memberships__organisation__in=organisations,
    ).distinct()


@dataclass
class Scope:
    """What one privacy officer reviews."""

    officer: User

    @cached_property
    def organisations(self) -> QuerySet[Organisation]:
        return privacy_organisations(self.officer)

    @cached_property
    def school_ids(self) -> list[int]:
        return list(served_schools(self.organisations).values_list("pk", flat=True))

    @cached_property
    def user_ids(self) -> list[int]:
        return list(
            User.objects.filter(
                Q(
                    memberships__role__in=ORGANISATION_ROLES,
                    memberships__organisation__in=self.organisations,
                )
                | Q(
                    memberships__role=Role.COORDINATOR,
                    memberships__school__in=self.school_ids,
                )
            )
            .distinct()
            .values_list("pk", flat=True)
        )

    def user_ids_query(self) -> QuerySet:
        """The people in scope as a subquery (for the log's queries over millions of rows)."""
        return User.objects.filter(pk__in=self.user_ids).values("pk")

    def pupil_ids_query(self) -> QuerySet:
        return Pupil.objects.filter(school__in=self.school_ids).values("pk")

    def has_pupil(self, pk: int) -> bool:
        return self.pupils().filter(pk=pk).exists()

    def users(self) -> QuerySet[User]:
        return User.objects.filter(pk__in=self.user_ids).order_by(
            "first_name", "last_name", "username"
        )

    def schools(self) -> QuerySet[School]:
        return School.objects.filter(pk__in=self.school_ids).order_by("name")

    def pupils(self) -> QuerySet[Pupil]:
        return Pupil.objects.filter(school__in=self.school_ids)

    def signals(self) -> QuerySet[AccessSignal]:
        from django.contrib.postgres.expressions import ArraySubquery

        return AccessSignal.objects.filter(
            Q(user_id__in=self.user_ids)
            | Q(pupil_ids__overlap=ArraySubquery(self.pupil_ids_query()))
        )


def privacy_scope(user: User) -> Scope:
    """The privacy officer's scope; anyone else: 404."""
    if not user.has_role(Role.PRIVACY):
        raise Http404
    return Scope(user)


def get_pupil_for_officer(scope: Scope, pk: int) -> Pupil:
    """A pupil at a school the organisation serves; the page that shows them notes the read."""
    pupil = get_object_or_404(scope.pupils().select_related("school"), pk=pk)
    note(Action.VIEW, [pupil.pk], obj=pupil, description="privacy review")
    return pupil


def find_pupils(scope: Scope, query: str, *, limit: int = 50) -> list[Pupil]:
    """Pupils in scope whose name contains each word of `query`; the names shown are a read."""
    pupils = scope.pupils().select_related("school")
    for word in query.split():
        pupils = pupils.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    found = list(pupils.order_by("last_name", "first_name", "pk")[:limit])
    note(Action.VIEW, [p.pk for p in found], description="privacy review")
    return found


def get_person_for_officer(scope: Scope, pk: int) -> User:
    return get_object_or_404(scope.users(), pk=pk)


def get_signal_for_officer(scope: Scope, pk: int) -> AccessSignal:
    return get_object_or_404(scope.signals().select_related("user"), pk=pk)


def pupil_names(scope: Scope, pupil_ids) -> dict[int, Pupil]:
    """The pupils in scope among `pupil_ids`, by id, for a page that names them (a read)."""
    pupils = {
        p.pk: p for p in scope.pupils().filter(pk__in=set(pupil_ids)).select_related("school")
    }
    note(Action.VIEW, pupils, description="privacy review")
    return pupils
