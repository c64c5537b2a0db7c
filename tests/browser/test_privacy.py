"""The privacy officer walks their pages on the demo: the waiting signals, one reviewed with a
note, the access log with its filters, a pupil's extract (page, CSV and PDF), a person's month,
the sign-ins and the failed ones; axe finds nothing serious on any of them."""

from __future__ import annotations

import io

from pypdf import PdfReader

from privacy.models import AccessSignal

from .journey import download, flash, follow, main_text, submit


def test_privacy_officer_reviews_the_access_log(page, login, server, checks):
    login("privacy")
    assert page.url == f"{server}/privacy/"
    checks.page_ok()
    assert "wachten op beoordeling" in main_text(page)

    # --- A signal, reviewed with a note ---------------------------------------------------------
    follow(page, page.get_by_role("link", name="Signalen wachten op beoordeling"))
    checks.page_ok()
    burst = AccessSignal.objects.get(kind=AccessSignal.Kind.BULK)
    follow(page, page.locator(f"main a[href='/privacy/signalen/{burst.pk}/']"))
    checks.page_ok()
    assert "Mohamed El Amrani" in main_text(page)
    submit(page, "Markeren als beoordeeld")
    assert "Schrijf een notitie" in main_text(page)
    checks.page_ok("signal with an error")
    page.fill("textarea[name=note]", "Account geblokkeerd; met Mohamed en teamleider besproken.")
    submit(page, "Markeren als beoordeeld")
    assert "Je beoordeling is vastgelegd." in flash(page)
    assert f"/privacy/signalen/{burst.pk}/" not in page.content()  # no longer waiting

    # --- The access log, filtered; a bad date answered in Dutch --------------------------------
    page.goto(f"{server}/privacy/logboek/?start=2026-13-45&action=view")
    checks.page_ok()
    assert "Niet begrepen" in main_text(page)
    page.goto(f"{server}/privacy/logboek/")
    page.select_option("select[name=action]", "refused")
    follow(page, page.locator("main form[method=get] button[type=submit]"))
    assert "geweigerd" in main_text(page)
    checks.page_ok("log filtered")

    # --- A pupil's extract -------------------------------------------------------------------
    pupil_id = burst.pupil_ids[0]
    page.goto(f"{server}/privacy/leerlingen/")
    checks.page_ok()
    from cases.models import Pupil

    pupil = Pupil.objects.get(pk=pupil_id)
    page.fill("input[name=q]", pupil.last_name)
    follow(page, page.locator("main form[method=get] button[type=submit]"))
    checks.page_ok("pupils found")
    follow(page, page.locator(f"main a[href='/privacy/leerlingen/{pupil_id}/']"))
    checks.page_ok()
    assert "Mohamed El Amrani" in main_text(page)
    csv = download(page, page.get_by_role("link", name="Downloaden als CSV"))
    assert csv.suggested_filename.endswith(".csv")
    pdf = download(page, page.get_by_role("link", name="Downloaden als PDF"))
    text = PdfReader(io.BytesIO(pdf.path().read_bytes())).pages[0].extract_text()
    assert pupil.last_name in text

    # --- A person's month, the sign-ins --------------------------------------------------------
    page.goto(f"{server}/privacy/logboek/?user={burst.user_id}")
    follow(page, page.locator("main table a", has_text="Mohamed El Amrani").first)
    checks.page_ok()
    assert "Wat deze persoon opende in" in main_text(page)
    page.goto(f"{server}/privacy/inloggen/")
    checks.page_ok()
    # newest first: the browser tests' own sign-ins may have pushed the demo's to a later page
    while "185.220.101.47" not in main_text(page):
        follow(page, page.locator("main .pagination a", has_text="Volgende"))
    assert "185.220.101.47" in main_text(page)
    follow(page, page.get_by_role("link", name="Mislukte inlogpogingen en blokkades"))
    checks.page_ok()
    assert "zc2" in main_text(page)
    two = AccessSignal.objects.get(kind=AccessSignal.Kind.TWO_ADDRESSES)
    page.goto(f"{server}/privacy/signalen/{two.pk}/")
    checks.page_ok("signal with sign-ins")
    assert "185.220.101.47" in main_text(page)
