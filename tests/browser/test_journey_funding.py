"""Journey: the municipality's officer opens the funding report of the newest settled quarter,
downloads it as PDF and CSV, and finds no page with pupils: each answers 404."""

from __future__ import annotations

import io
import re
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from cases.models import Case
from reports.periods import settled_quarters

from .journey import SLOW, download, follow, main_text

MUNICIPALITY = "Utrecht"


def newest_settled_quarter():
    return next(iter(settled_quarters(timezone.localdate()).values()))


def test_officer_downloads_funding_report(page, login, server, checks):
    quarter = newest_settled_quarter()

    login("gemeente")
    follow(page, page.locator("nav a", has_text="Financieringsrapportage"))
    assert page.url == f"{server}/rapportages/financiering/"
    checks.page_ok()
    form = page.locator("main form[method=get]")
    assert form.locator("select[name=municipality] option:checked").inner_text() == MUNICIPALITY
    # the newest settled quarter comes first and is chosen; no other kind of period is offered
    chosen = form.locator("select[name=quarter] option:checked")
    assert chosen.get_attribute("value") == quarter.quarter_key
    assert chosen.inner_text() == quarter.label
    for gone in ("period_kind", "school_year", "start", "end"):
        assert form.locator(f"[name={gone}]").count() == 0
    follow(page, form.locator("button[type=submit]"))
    assert "municipality=" in page.url and f"quarter={quarter.quarter_key}" in page.url
    report = main_text(page)
    assert MUNICIPALITY in report
    assert quarter.label in report
    # figures: at least one table of numbers for the schools of the municipality
    assert page.locator("main table").count() >= 1
    assert re.search(r"\d", page.locator("main table").first.inner_text())
    assert "OBS De Regenboog" in report
    checks.page_ok("funding report: figures")

    # CSV straight from the figures on screen
    csv_download = download(page, page.locator("main a[href*='export.csv']").first)
    assert csv_download.suggested_filename.endswith(".csv")
    csv_text = Path(csv_download.path()).read_bytes().decode("utf-8-sig")
    assert len(csv_text.strip().splitlines()) >= 2
    assert "OBS De Regenboog" in csv_text

    # PDF: made in the background, downloaded from its run page
    # tasks run in-process in tests: the answer to "make PDF" waits for the PDF itself
    make_pdf = page.locator("main form[action$='/financiering/maak/'] button[type=submit]")
    follow(page, make_pdf, timeout=SLOW)
    assert re.fullmatch(rf"{re.escape(server)}/rapportages/financiering/\d+/", page.url)
    download_link = page.locator("main a[href$='/download/']")
    expect(download_link).to_be_visible(timeout=SLOW)
    checks.page_ok()
    pdf = Path(download(page, download_link.first).path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    text = " ".join(
        " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages).split()
    )
    assert MUNICIPALITY in text
    assert page.console_log.errors == []


def test_officer_gets_404_on_every_page_with_pupils(page, login, server, checks):
    demo_case = Case.objects.filter(school__municipality__name=MUNICIPALITY).order_by("pk").first()
    login("gemeente")
    for path in [
        "/dossiers/",
        "/dossiers/school/",
        f"/dossiers/{demo_case.pk}/",
        f"/dossiers/{demo_case.pk}/voortgang/",
        "/zat/",
        "/verwijzingen/",
        "/rapportages/",
    ]:
        response = page.goto(f"{server}{path}")
        assert response.status == 404, path
        # the browser logs the 404 of the page itself as a console error: only that one
        own_404 = f"status of 404 (Not Found) ({server}{path})"
        page.console_log.errors = [e for e in page.console_log.errors if not e.endswith(own_404)]
        assert page.locator("main h1").inner_text() == "Niet gevonden", path
        assert demo_case.pupil.full_name not in page.content(), path
        checks.page_ok("404")
