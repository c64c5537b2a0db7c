"""Steps shared by the journeys: move through pages as a person would, and check each page.

A journey clicks links and buttons (never posts behind the browser's back), waits for the page
that follows, and calls `Checks.page()` on every page it lands on: axe-core finds nothing serious
on each distinct page, and the browser logged no console error or CSP violation so far.
"""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlparse

from .accessibility import assert_accessible


class Checks:
    def __init__(self, page):
        self.page = page
        self.scanned: set[str] = set()

    def page_ok(self, kind: str | None = None) -> None:
        """No console errors; an axe scan unless a page of this kind was already scanned
        (the kind is the path with numbers as N, unless given)."""
        page = self.page
        assert page.console_log.errors == [], page.console_log.errors
        kind = kind or re.sub(r"\d+", "N", urlparse(page.url).path)
        if kind not in self.scanned:
            self.scanned.add(kind)
            assert_accessible(page)


# How long a page or file made in the request may take (ms): a PDF, or a report whose task runs
# in-process in tests, can take many seconds on a busy machine. Steps wait for the outcome.
SLOW = 120_000


def follow(page, locator, *, timeout: float | None = None) -> None:
    """Click a link or button that loads another page, and wait for it (`timeout` in ms for a
    page that takes long: `SLOW`)."""
    with page.expect_navigation(timeout=timeout):
        # The click would wait for the navigation too, but only its own few seconds.
        locator.click(no_wait_after=True)


def download(page, locator, *, timeout: float = SLOW):
    """Click a link to a file made on request; the download, once the server has made it."""
    with page.expect_download(timeout=timeout) as download_info:
        locator.click(no_wait_after=True)
    return download_info.value


def submit(page, label: str | None = None, *, timeout: float | None = None) -> None:
    """Press the submit button of the page's form in <main> (by its Dutch label if given)."""
    buttons = page.locator("main form[method=post] button[type=submit]")
    if label is not None:
        # "Opslaan" is not "Opslaan en plan van aanpak starten": the exact label first.
        exact = buttons.filter(has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
        buttons = exact if exact.count() else buttons.filter(has_text=label)
    follow(page, buttons.first, timeout=timeout)


def flash(page) -> str:
    """The message Django's messages framework shows at the top of the page."""
    return page.locator("main .messages").inner_text()


def main_text(page) -> str:
    return page.locator("main").inner_text()


def open_case_in_intake(*, worker: str, school: str, first: str, last: str, born):
    """A fresh case of `worker` in stage "intake", its intake still empty, made with the
    workflow functions (committed at once: the live server sees it). Returns the case."""
    from accounts.models import User
    from cases import workflow
    from cases.models import Pupil
    from schools.models import School

    by = User.objects.get(username=worker)
    pupil = Pupil.objects.create(
        school=School.objects.get(name=school),
        first_name=first,
        last_name=last,
        date_of_birth=born,
        group="8",
        created_by=by,
    )
    case = workflow.submit_signal(
        by=by,
        pupil=pupil,
        categories=["sociaal_emotioneel"],
        noticed=f"{first} is sinds weken somber en slaapt slecht, zegt de leerkracht.",
        source="leerkracht",
        parents_informed=True,
        parents_agree=True,
    )
    workflow.start_intake(case, by=by)
    return case


def open_case_in_help(*, worker: str, school: str, first: str, last: str, born):
    """A fresh case of `worker` in stage "short-term help", made with the workflow functions
    (committed at once: the live server sees it). Returns the case."""
    from django.utils import timezone

    from accounts.models import User
    from cases import workflow
    from cases.models import Goal, Intake, Plan

    today = timezone.localdate()
    by = User.objects.get(username=worker)
    case = open_case_in_intake(worker=worker, school=school, first=first, last=last, born=born)
    intake = Intake.objects.get(case=case)
    intake.held_on = today
    intake.request_for_help = "Weer zin hebben om naar school te gaan."
    intake.clarified_problem = "Sombere stemming sinds de scheiding van de ouders."
    intake.save()  # sealed with the pupil's key (vault.fields)
    workflow.start_plan(case, by=by)
    plan = Plan.objects.get(case=case)
    Goal.objects.create(plan=plan, domain="leerling", description="Slaapt weer door")
    Plan.objects.filter(pk=plan.pk).update(
        agreed_pupil=True, agreed_on=today, evaluation_on=today + datetime.timedelta(days=42)
    )
    workflow.start_help(case, by=by)
    case.refresh_from_db()
    return case
