"""Journey: the care coordinator makes last month's registration now, watches it become ready
and downloads the PDF."""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from .journey import SLOW, download, flash, follow, submit

SCHOOL = "OBS De Regenboog"


def test_registration_of_last_month_made_now(page, login, server, checks):
    last_month = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)

    login("zc")
    follow(page, page.locator("nav a", has_text="Rapportages"))
    assert page.url == f"{server}/rapportages/"
    checks.page_ok()
    with page.expect_response(lambda r: r.url.startswith(f"{server}/rapportages/?kind=")):
        page.select_option("select[name=kind]", "registratie")  # fetches the kind's periods
    page.wait_for_load_state("networkidle")
    assert page.locator("select[name=school] option:checked").inner_text() == SCHOOL
    page.select_option("select[name=period]", f"m{last_month:%Y%m}")
    submit(page, "Nu maken", timeout=SLOW)  # tasks run in-process in tests: the PDF is made
    assert re.fullmatch(rf"{re.escape(server)}/rapportages/\?run=\d+", page.url)
    run_id = page.url.rpartition("=")[2]
    # new, or made before in this database: either way it is at the top, for this school
    assert flash(page).strip() in {
        "Het rapport wordt gemaakt. Je kunt de voortgang hieronder volgen.",
        "Dit rapport bestaat al; het staat bovenaan de lijst.",
    }
    row = page.locator(f"#run-{run_id}")
    assert SCHOOL in row.inner_text()
    assert "Registratie" in row.inner_text()
    # tasks run in-process in tests; in production the row polls until the worker is done
    expect(row.locator(".badge")).to_have_text("Klaar", timeout=SLOW)
    checks.page_ok("archive with a run")

    file = download(page, row.get_by_role("link", name="PDF downloaden"))
    assert file.suggested_filename.startswith(f"SMW-registratie-04AB-{last_month:%Y-%m}")
    pdf = Path(file.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    text = " ".join(
        " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages).split()
    )
    assert SCHOOL in text
    assert page.console_log.errors == []
