"""Every page of the school social worker and the care coordinator, at 390 px wide (a phone)
and at 1280 px: no page scrolls sideways on the phone, axe finds nothing serious or critical
at either width, and the caseload is a list of cards with what is late visible.

The pages are found as a person finds them: every link reachable from the start page (one page
of each kind: numbers in the path count as one), as the crawler of tests/test_every_page.py."""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urlsplit

import pytest

from .accessibility import blocking_violations, describe

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
MAX_KINDS = 80
# Links that end the visit, switch the language or fetch a file rather than a page.
SKIPPED = re.compile(
    r"^/(accounts/logout|i18n|admin|static|media)/|\.(pdf|csv|xlsx)$|/(pdf|download)/$|/export\."
)
FILE_QUERY = re.compile(r"(^|&)(format|download)=")


def _kind(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def _links(page, server: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    found = []
    for href in hrefs:
        url, _fragment = urldefrag(href)
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != server:
            continue
        if SKIPPED.search(parts.path) or FILE_QUERY.search(parts.query):
            continue
        found.append(url)
    return found


def _document_width(page) -> tuple[int, int]:
    return page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )


def _too_wide(page) -> list[str]:
    """What sticks out on the right, for the failure message."""
    return page.evaluate(
        """() => {
        const width = document.documentElement.clientWidth;
        const out = [];
        for (const el of document.querySelectorAll('body *')) {
            const box = el.getBoundingClientRect();
            if (box.right > width + 1 && !el.closest('.table-responsive')) {
                const name = typeof el.className === 'string' ? el.className.trim() : '';
                out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
                    (name ? '.' + name.split(/\\s+/).join('.') : '') + ' ' +
                    Math.round(box.right));
            }
        }
        return out.slice(0, 8);
    }"""
    )


@pytest.mark.parametrize("username", ["smw", "zc"])
def test_every_page_fits_a_phone_and_passes_axe_at_both_widths(page, login, server, username):
    # Some eighty pages, each scanned twice: allow a busy machine more than the usual seconds.
    page.set_default_timeout(30_000)
    login(username)
    start = page.url
    queue, seen, problems = [start], {_kind(urlsplit(start).path)}, []
    visited = 0
    while queue and visited < MAX_KINDS:
        url = queue.pop(0)
        page.set_viewport_size(PHONE)
        try:
            response = page.goto(url)
        except Exception as exc:  # a link that starts a download is no page
            if "Download is starting" in str(exc):
                continue
            raise
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        visited += 1
        path = urlsplit(page.url).path
        scroll, client = _document_width(page)
        if scroll > client:
            problems.append(f"{path}: {scroll} px wide at {client} px: {_too_wide(page)}")
        for width, size in (("390", PHONE), ("1280", DESKTOP)):
            page.set_viewport_size(size)
            violations = blocking_violations(page)
            if violations:
                problems.append(f"{path} at {width} px:\n{describe(violations)}")
        for link in _links(page, server):
            kind = _kind(urlsplit(link).path)
            if kind not in seen:
                seen.add(kind)
                queue.append(link)
    assert visited >= 10, f"only {visited} pages reached from {start}"
    # A file shown in the browser itself (a document's image) has no page to name its icon:
    # Chromium then asks for /favicon.ico, which SMW does not serve.
    errors = [error for error in page.console_log.errors if "/favicon.ico" not in error]
    assert errors == [], errors
    assert not problems, "\n".join(problems)


def test_the_caseload_is_a_list_of_cards_on_a_phone(page, login, server):
    page.set_viewport_size(PHONE)
    login("smw")
    page.goto(f"{server}/dossiers/")
    table = page.locator("main table")
    cards = page.locator("main .case-card")
    assert cards.count() > 0
    assert not table.is_visible()
    assert cards.first.is_visible()
    # what is late is on the card itself
    late = page.locator("main .case-card .late")
    assert late.count() > 0 and late.first.is_visible()
    assert "te laat" in late.first.inner_text()
    # the filters are folded away until asked for
    assert not page.locator("main form[aria-label='Dossiers filteren'] select").first.is_visible()
    page.locator("main summary", has_text="Filters").click()
    assert page.locator("main form[aria-label='Dossiers filteren'] select").first.is_visible()

    page.set_viewport_size(DESKTOP)
    assert table.is_visible()
    assert not cards.first.is_visible()
    assert page.locator("main form[aria-label='Dossiers filteren'] select").first.is_visible()
