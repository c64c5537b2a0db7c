"""The one function every page with pupil or case data calls."""

from __future__ import annotations

from axes.helpers import get_client_ip_address
from django.db import models
from django.http import HttpRequest

from .models import AccessLog

Action = AccessLog.Action


def record_access(
    request: HttpRequest,
    action: str,
    *,
    obj: models.Model | None = None,
    pupil_id: int | None = None,
    description: str = "",
) -> AccessLog:
    """Write one access-log row for what `request.user` just saw or did."""
    object_ref = f"{obj._meta.label_lower}:{obj.pk}" if obj is not None else ""
    return AccessLog.objects.create(
        user=request.user,
        action=action,
        object_ref=object_ref,
        description=description[:200],
        pupil_id=pupil_id,
        path=request.get_full_path()[:300],
        ip_address=get_client_ip_address(request) or None,
    )


def record_access_many(
    request: HttpRequest,
    action: str,
    *,
    pupil_ids: list[int],
    obj: models.Model | None = None,
    description: str = "",
) -> list[AccessLog]:
    """One row per pupil in a single INSERT: for pages that show several pupils."""
    object_ref = f"{obj._meta.label_lower}:{obj.pk}" if obj is not None else ""
    common = {
        "user": request.user,
        "action": action,
        "object_ref": object_ref,
        "description": description[:200],
        "path": request.get_full_path()[:300],
        "ip_address": get_client_ip_address(request) or None,
    }
    return AccessLog.objects.bulk_create(
        AccessLog(pupil_id=pupil_id, **common) for pupil_id in dict.fromkeys(pupil_ids)
    )
