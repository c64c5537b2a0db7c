"""The privacy officer's pages: the access log of their organisation, its signals and sign-ins.
Everything comes from privacy.access (scope, 404 for everyone else) and privacy.rows (queries)."""

from __future__ import annotations

import csv
import datetime
import io

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from audit.log import Action, note
from reports.exports import inert
from smw.forms import understood
from smw.pdf import render_pdf

from . import access, workflow
from .extract import ExtractRow, as_rows, pupil_extract, roles_of
from .forms import (
    LogFilterForm,
    MonthForm,
    PeriodForm,
    PupilSearchForm,
    ReviewForm,
    SignalFilterForm,
    local_midnight,
)
from .mail import waiting
from .models import AccessSignal, SignalReview
from .rows import LogPaginator, log_rows, pupil_extract_rows, school_pupil_ids

PAGE_SIZE = 50


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return query.urlencode()


def _log_page(request, rows):
    return LogPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def _named(scope, rows) -> list:
    """The rows of a page with the names of the pupils in scope they concern (a read)."""
    rows = list(rows)
    names = access.pupil_names(scope, {pk for row in rows for pk in row.pupil_ids})
    roles = roles_of({row.user_id for row in rows})
    for row in rows:
        row.pupils = [names[pk] for pk in row.pupil_ids if pk in names]
        row.others = len(row.pupil_ids) - len(row.pupils)
        row.roles = roles.get(row.user_id, "")
    return rows


def overview(request: HttpRequest) -> HttpResponse:
    """The privacy officer's start page: what waits, and the ways into the log."""
    scope = access.privacy_scope(request.user)
    by_kind = dict(
        waiting(scope).values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    kinds = [(kind, label, by_kind.get(kind, 0)) for kind, label in AccessSignal.Kind.choices]
    return render(
        request,
        "privacy/overview.html",
        {
            "waiting": sum(by_kind.values()),
            "kinds": kinds,
            "organisations": list(scope.organisations),
            "schools": scope.schools(),
        },
    )


def log(request: HttpRequest) -> HttpResponse:
    """Logboek: the organisation's access log, filtered by pupil, person, action, period, school."""
    scope = access.privacy_scope(request.user)
    form = LogFilterForm(request.GET or None, scope=scope)
    data = understood(request, form)
    start, end = form.period()
    school = data.get("school")
    rows = log_rows(
        scope_user_ids=scope.user_ids_query(),
        scope_pupil_ids=scope.pupil_ids_query(),
        pupil_id=data.get("pupil"),
        user_id=data["user"].pk if data.get("user") else None,
        action=data.get("action") or None,
        start=start,
        end=end,
        school_pupil_ids=school_pupil_ids(school.pk) if school else None,
    )
    page = _log_page(request, rows)
    page.object_list = _named(scope, page.object_list)
    pupil = (
        access.pupil_names(scope, [data["pupil"]]).get(data["pupil"]) if data.get("pupil") else None
    )
    return render(
        request,
        "privacy/log.html",
        {
            "form": form,
            "page": page,
            "pupil": pupil,
            "query": _query_without_page(request),
            "people": set(scope.user_ids),  # whose month has a page of its own
        },
    )


def pupils(request: HttpRequest) -> HttpResponse:
    """Find a pupil by name, to open their extract."""
    scope = access.privacy_scope(request.user)
    form = PupilSearchForm(request.GET or None)
    q = understood(request, form).get("q", "")
    found = access.find_pupils(scope, q) if q else []
    return render(request, "privacy/pupils.html", {"form": form, "q": q, "found": found})


def pupil_extract_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Who saw this pupil's data, when, what and from where; as CSV or PDF with ?format=."""
    scope = access.privacy_scope(request.user)
    pupil = access.get_pupil_for_officer(scope, pk)
    form = PeriodForm(request.GET or None)
    understood(request, form)
    start, end = form.period()
    fmt = request.GET.get("format", "")
    if fmt in ("csv", "pdf"):
        rows = pupil_extract(pupil, start=start, end=end)
        made_at = timezone.localtime()
        stem = f"inzage-leerling-{pupil.pk}-{made_at:%Y-%m-%d}"
        if fmt == "csv":
            note(Action.EXPORT, [pupil.pk], obj=pupil, description="access log extract (CSV)")
            content, content_type = extract_csv(rows), "text/csv; charset=utf-8"
        else:
            note(Action.PRINT, [pupil.pk], obj=pupil, description="access log extract (PDF)")
            content = render_pdf(
                "privacy/extract_pdf.html",
                {"pupil": pupil, "rows": rows, "made_at": made_at, "form": form},
            )
            content_type = "application/pdf"
        return HttpResponse(
            content,
            content_type=content_type,
            headers={"Content-Disposition": content_disposition_header(True, f"{stem}.{fmt}")},
        )
    page = _log_page(request, pupil_extract_rows(pupil.pk, start=start, end=end))
    page.object_list = as_rows(page.object_list)
    return render(
        request,
        "privacy/extract.html",
        {"pupil": pupil, "form": form, "page": page, "query": _query_without_page(request)},
    )


def extract_csv(rows: list[ExtractRow]) -> bytes:
    """UTF-8 with a byte order mark and semicolons, as Excel in Dutch opens it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [_("When"), _("Who"), _("Role"), _("Action"), _("What"), _("Page"), _("Address")]
    )
    for row in rows:
        writer.writerow(
            [
                f"{timezone.localtime(row.when):%Y-%m-%d %H:%M:%S}",
                *(inert(str(getattr(row, name))) for name in ExtractRow._fields[1:]),
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def person(request: HttpRequest, pk: int) -> HttpResponse:
    """What this person opened in a month (?month=YYYY-MM, default this month)."""
    scope = access.privacy_scope(request.user)
    who = access.get_person_for_officer(scope, pk)
    form = MonthForm(request.GET or None)
    first = understood(request, form).get("month") or timezone.localdate().replace(day=1)
    after = (first + datetime.timedelta(days=32)).replace(day=1)
    rows = log_rows(
        scope_user_ids=[who.pk],
        scope_pupil_ids=[],
        user_id=who.pk,
        start=local_midnight(first),
        end=local_midnight(after),
    )
    page = _log_page(request, rows)
    page.object_list = _named(scope, page.object_list)
    before = (first - datetime.timedelta(days=1)).replace(day=1)
    return render(
        request,
        "privacy/person.html",
        {
            "who": who,
            "roles": roles_of([who.pk]).get(who.pk, ""),
            "month": first,
            "previous": f"{before:%Y-%m}",
            "next": f"{after:%Y-%m}" if after <= timezone.localdate() else "",
            "form": form,
            "page": page,
            "query": _query_without_page(request),
        },
    )


def _usernames(scope) -> list[str]:
    return list(scope.users().values_list("username", flat=True))


def sign_ins(request: HttpRequest) -> HttpResponse:
    """Sign-ins of the organisation's people, as axes records them."""
    from axes.models import AccessLog as SignIn

    scope = access.privacy_scope(request.user)
    rows = SignIn.objects.filter(username__in=_usernames(scope)).order_by("-attempt_time", "-pk")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "privacy/sign_ins.html", {"page": page, "query": ""})


def failed_sign_ins(request: HttpRequest) -> HttpResponse:
    """Failed sign-ins (kept for review) and the lock-outs now in force."""
    from axes.models import AccessAttempt, AccessFailureLog

    scope = access.privacy_scope(request.user)
    names = _usernames(scope)
    rows = AccessFailureLog.objects.filter(username__in=names).order_by("-attempt_time", "-pk")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    locked = AccessAttempt.objects.filter(
        username__in=names, failures_since_start__gte=settings.AXES_FAILURE_LIMIT
    ).order_by("-attempt_time")
    return render(
        request, "privacy/failed_sign_ins.html", {"page": page, "locked": locked, "query": ""}
    )


def signals(request: HttpRequest) -> HttpResponse:
    """The signals to review, waiting ones first by default."""
    scope = access.privacy_scope(request.user)
    form = SignalFilterForm(request.GET or None)
    data = understood(request, form)
    rows = scope.signals().select_related("user")
    status = data.get("status") or "waiting"
    reviewed = Exists(SignalReview.objects.filter(signal=OuterRef("pk")))
    if status == "waiting":
        rows = rows.filter(~reviewed)
    elif status == "reviewed":
        rows = rows.filter(reviewed)
    if data.get("kind"):
        rows = rows.filter(kind=data["kind"])
    rows = rows.annotate(n_reviews=Count("reviews")).order_by("-at", "-pk")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "privacy/signals.html",
        {"form": form, "page": page, "status": status, "query": _query_without_page(request)},
    )


def signal(request: HttpRequest, pk: int) -> HttpResponse:
    """One signal: its reason, the pupils and rows it concerns, its reviews and a new one."""
    scope = access.privacy_scope(request.user)
    item = access.get_signal_for_officer(scope, pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        workflow.review_signal(item, reviewer=request.user, note=form.cleaned_data["note"])
        messages.success(request, _("Your review is recorded."))
        return redirect("privacy:signals")
    names = access.pupil_names(scope, item.pupil_ids)
    from audit.models import AccessLog

    rows = _named(scope, AccessLog.objects.filter(pk__in=item.log_ids[:200]).order_by("at"))
    sign_ins = []
    if item.kind == AccessSignal.Kind.TWO_ADDRESSES:
        from axes.models import AccessLog as SignIn

        rows = []  # the ids are of axes' sign-ins
        sign_ins = SignIn.objects.filter(pk__in=item.log_ids, username=item.user.username).order_by(
            "attempt_time"
        )
    return render(
        request,
        "privacy/signal.html",
        {
            "signal": item,
            "pupils": [names[p] for p in item.pupil_ids if p in names],
            "others": len([p for p in item.pupil_ids if p not in names]),
            "rows": rows,
            "sign_ins": sign_ins,
            "reviews": item.reviews.select_related("reviewer"),
            "form": form,
            "roles": roles_of([item.user_id]).get(item.user_id, ""),
            "people": set(scope.user_ids),
        },
    )
