"""People and their roles, as the application manager changes them: add, edit, deactivate a
person; ask for a role, which a second person approves (four-eyes); take a role back.

The rules that hold whatever page or POST asks:
- only an application manager manages people, and never a superuser's or staff account;
- nothing here sets `is_superuser`, `is_staff`, permissions, groups or a password;
- nobody changes their own roles; a role in `NEEDS_APPROVAL` becomes a `RoleRequest` that a
  team leader or privacy officer approves (of the role's organisation, for a role of an
  organisation), never the one who asked nor the person it is for;
- every grant, request, approval, refusal and revocation writes an `AccessLog` row with
  `Action.GRANT`: who granted what to whom, without pupil data.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import object_ref
from audit.models import AccessLog
from schools.models import Municipality, Organisation, School
from smw.errors import Refused

from .models import NEEDS_APPROVAL, Membership, Role, RoleRequest, User

Status = RoleRequest.Status


def log_grant(by: User, obj, description: str) -> AccessLog:
    """One access-log row for a change of who may do what; no pupil is concerned."""
    return AccessLog.objects.create(
        user=by,
        action=AccessLog.Action.GRANT,
        object_ref=object_ref(obj),
        description=description[:200],
    )


def _ensure_manager(by: User) -> None:
    if not by.has_role(Role.ADMIN):
        raise Refused(_("Only the application manager can do this."))


def _ensure_manageable(by: User, person: User) -> None:
    """Operations' accounts (superuser, staff) lie outside what the application manager touches."""
    _ensure_manager(by)
    if person.is_superuser or person.is_staff:
        raise Refused(_("This account is managed by operations, not in SMW."))


def case_roles(user: User) -> list[str]:
    """The roles of `user` that wait for approval when given, i.e. that reach further than
    figures."""
    return [
        role for role in user.memberships.values_list("role", flat=True) if role in NEEDS_APPROVAL
    ]


# --- People ----------------------------------------------------------------------------------


def _check_username(username: str, *, exclude: User | None = None) -> None:
    others = User.objects.filter(username__iexact=username)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise Refused(_("This user name is taken."), field="username")


@transaction.atomic
def create_user(*, by: User, username: str, first_name: str, last_name: str, email: str) -> User:
    """A new person without roles and without a usable password: they choose one through
    "Forgot your password" with the address given here."""
    _ensure_manager(by)
    _check_username(username)
    person = User(username=username, first_name=first_name, last_name=last_name, email=email)
    person.set_unusable_password()
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        raise Refused(_("This user name is taken."), field="username") from None
    log_grant(by, person, f"user {person.username} created")
    return person


@transaction.atomic
def update_user(
    person: User, *, by: User, username: str, first_name: str, last_name: str, email: str
) -> User:
    """Name and e-mail. The address of someone who holds a role with case access, or waits for
    one, stays as it is: whoever changes it could reset that person's password and sign in as
    them."""
    _ensure_manageable(by, person)
    person = User.objects.select_for_update().get(pk=person.pk)
    _check_username(username, exclude=person)
    waiting = person.role_requests.filter(status=Status.WAITING).exists()
    if email.lower() != person.email.lower() and person != by and (case_roles(person) or waiting):
        raise Refused(
            _(
                "This person holds a role with access to cases, so their e-mail address cannot "
                "be changed here. Take the role back first, or ask operations."
            ),
            field="email",
        )
    values = {
        "username": username,
        "first_name": first_name,
        "last_name": last_name,
        "email": email,
    }
    changed = [name for name, value in values.items() if getattr(person, name) != value]
    for name in changed:
        setattr(person, name, values[name])
    if changed:
        person.save(update_fields=changed)
        log_grant(by, person, f"user {person.username} changed: {', '.join(changed)}")
    return person


@transaction.atomic
def set_active(person: User, *, by: User, active: bool) -> User:
    """Deactivate (sign-in stops, history stays) or activate again."""
    _ensure_manageable(by, person)
    if person == by:
        raise Refused(_("You cannot deactivate your own account."))
    if not active and person.is_active:
        from continuity.leavers import ensure_owns_nothing

        person = User.objects.select_for_update().get(pk=person.pk)
        ensure_owns_nothing(person)
    if person.is_active != active:
        person.is_active = active
        person.save(update_fields=["is_active"])
        word = "activated" if active else "deactivated"
        log_grant(by, person, f"user {person.username} {word}")
    return person


# --- Roles -----------------------------------------------------------------------------------


def _scope(role: str, organisation, school, municipality) -> dict:
    """The scope the role needs, checked; a Refused names the missing field."""
    needed = Membership.SCOPE[Role(role)]
    values = {"organisation": organisation, "school": school, "municipality": municipality}
    if needed and values[needed] is None:
        raise Refused(_("Choose the %(scope)s for this role.") % {"scope": _(needed)}, field=needed)
    return {name: (value if name == needed else None) for name, value in values.items()}


def _describe(role: str, scope: dict) -> str:
    where = next((str(v) for v in scope.values() if v is not None), "")
    return f"{role} ({where})" if where else role


@transaction.atomic
def give_role(
    person: User,
    *,
    by: User,
    role: str,
    organisation: Organisation | None = None,
    school: School | None = None,
    municipality: Municipality | None = None,
) -> Membership | RoleRequest:
    """Give a role: at once for a role without case access, else a request that waits for a
    second person. Nobody gives themselves a role."""
    _ensure_manageable(by, person)
    if person == by:
        raise Refused(_("You cannot give yourself a role. Ask another application manager."))
    if role not in Role.values:
        raise Refused(_("Choose a role."), field="role")
    if not person.is_active:
        raise Refused(_("This account is deactivated; activate it first."))
    scope = _scope(role, organisation, school, municipality)
    if Membership.objects.filter(user=person, role=role, **scope).exists():
        raise Refused(_("This person already holds this role."))
    description = _describe(role, scope)
    if role not in NEEDS_APPROVAL:
        membership = Membership.objects.create(user=person, role=role, **scope)
        log_grant(by, membership, f"role {description} given to {person.username}")
        return membership
    if scope["municipality"] is not None:  # no role that needs approval has this scope
        raise Refused(_("Choose a role."), field="role")
    if RoleRequest.objects.filter(
        user=person,
        role=role,
        organisation=scope["organisation"],
        school=scope["school"],
        status=Status.WAITING,
    ).exists():
        raise Refused(_("This role is already waiting for approval."))
    request = RoleRequest.objects.create(
        user=person,
        role=role,
        organisation=scope["organisation"],
        school=scope["school"],
        requested_by=by,
    )
    log_grant(by, request, f"role {description} requested for {person.username}")
    return request


@transaction.atomic
def take_role(membership: Membership, *, by: User) -> None:
    """Take a role back: at once, since it only narrows access. Not one's own."""
    person = membership.user
    _ensure_manageable(by, person)
    if person == by:
        raise Refused(_("You cannot change your own roles. Ask another application manager."))
    description = _describe(
        membership.role,
        {
            "organisation": membership.organisation,
            "school": membership.school,
            "municipality": membership.municipality,
        },
    )
    log_grant(by, membership, f"role {description} taken from {person.username}")
    membership.delete()


# --- Approval --------------------------------------------------------------------------------


def approver_organisations(user: User) -> QuerySet:
    return user.memberships.filter(role__in=[Role.TEAMLEAD, Role.PRIVACY]).values("organisation")


def is_approver(user: User) -> bool:
    return user.has_role(Role.TEAMLEAD) or user.has_role(Role.PRIVACY)


def decidable_requests(user: User) -> QuerySet[RoleRequest]:
    """The waiting requests `user` may approve or refuse: as team leader or privacy officer, for
    a role of their organisation or a role of no organisation (coordinator, application manager);
    never a request they made or one for themselves."""
    if not is_approver(user):
        return RoleRequest.objects.none()
    return (
        RoleRequest.objects.filter(status=Status.WAITING)
        .filter(Q(organisation__isnull=True) | Q(organisation__in=approver_organisations(user)))
        .exclude(user=user)
        .exclude(requested_by=user)
        .select_related("user", "organisation", "school", "requested_by")
    )


@transaction.atomic
def decide(request: RoleRequest, *, by: User, approve: bool) -> RoleRequest:
    """Approve (the membership is made) or refuse a waiting request."""
    request = RoleRequest.objects.select_for_update().get(pk=request.pk)
    if not decidable_requests(by).filter(pk=request.pk).exists():
        if request.status != Status.WAITING:
            raise Refused(_("This request has been decided already."))
        raise Refused(_("You cannot decide on this request."))
    if approve and not request.user.is_active:
        raise Refused(_("This account is deactivated; activate it first."))
    scope = {"organisation": request.organisation, "school": request.school}
    description = _describe(request.role, scope)
    request.status = Status.APPROVED if approve else Status.REFUSED
    request.decided_by = by
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_by", "decided_at"])
    if approve:
        membership, _created = Membership.objects.get_or_create(
            user=request.user, role=request.role, municipality=None, **scope
        )
        log_grant(
            by,
            membership,
            f"role {description} for {request.user.username} approved "
            f"(asked by {request.requested_by.username})",
        )
    else:
        log_grant(
            by,
            request,
            f"role {description} for {request.user.username} refused "
            f"(asked by {request.requested_by.username})",
        )
    return request
