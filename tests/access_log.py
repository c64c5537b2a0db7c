"""What one request wrote to the access log, for tests that assert who saw which pupil."""

from __future__ import annotations

from dataclasses import dataclass, field

from audit.models import AccessLog


@dataclass
class Written:
    """The access log rows one request wrote."""

    rows: list[AccessLog] = field(default_factory=list)

    def pupils(self, action: str = AccessLog.Action.VIEW) -> set[int]:
        """Every pupil the rows with `action` name."""
        return {pk for row in self.rows if row.action == action for pk in row.pupil_ids}

    def actions(self) -> set[str]:
        return {row.action for row in self.rows}

    def only(self, action: str) -> AccessLog:
        """The one row of `action`."""
        (row,) = [row for row in self.rows if row.action == action]
        return row


def _last_id() -> int:
    return AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def request(client, method: str, url: str, data=None, **extra):
    """Send the request; the response and the access log rows it wrote, checked to be the
    signed-in user's and with the request's path."""
    before = _last_id()
    response = getattr(client, method)(url, data, **extra)
    written = Written(list(AccessLog.objects.filter(pk__gt=before).order_by("pk")))
    path = response.wsgi_request.get_full_path()
    user = response.wsgi_request.user
    for row in written.rows:
        assert (row.user_id, row.path) == (user.pk, path), row
    return response, written


def get(client, url: str, data=None, **extra):
    return request(client, "get", url, data, **extra)


def post(client, url: str, data=None, **extra):
    return request(client, "post", url, data, **extra)
