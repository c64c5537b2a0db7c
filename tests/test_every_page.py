"""Every demo login walks every page it can reach from its start page, then sends every form
on them empty and filled with nonsense, and opens each kind of page again with every query
parameter its links, forms and htmx requests send set to nonsense: no link leads to an error or
a closed door, and no input, however wrong, gives a server error (a NUL byte gets the 400
page). Every page and every form given back with its errors is valid HTML by the W3C Nu
checker. Every page that shows a demo pupil's full name wrote, in that request, an access log row
for that user and pupil with that page's path (NEN 7513: no page forgets)."""

from __future__ import annotations

import html
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import parse_qs, parse_qsl, urldefrag, urlsplit

import pytest
from django.test import Client

from accounts.models import User
from audit.models import AccessLog
from cases.models import Pupil
from tests.conftest import demo_seeded
from tests.html_check import Pages

DEMO_LOGINS = [
    "smw",
    "smw2",
    "zc",
    "zc2",
    "teamleider",
    "gemeente",
    "beheer",
    "privacy",
    "aandacht",
]
# Logins whose start page may be a simple page, with no forms or filters (yet).
SIMPLE_START: set[str] = set()
MAX_PAGES = 150  # per login; the demo data lead to fewer
NONSENSE = ["-1", "2026-02-30", "<script>alert(1)</script>" + "x" * 5000]
# Values for every query parameter a page knows; NUL is refused by one middleware with a 400.
BAD_PARAMETERS = ["abc", "-1", "99999999", "'", "<script>alert(1)</script>", "x" * 5000]
NUL = "\x00"
# Forms that end the visit or only switch the language: not sent.
NOT_SENT = ("/accounts/logout/", "/i18n/setlang/")


class _Parsed(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict] = []
        # htmx requests: (url, names of the fields they send)
        self.hx_gets: list[tuple[str, list[str]]] = []
        self._form: dict | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("data-hx-get"):
            included = re.findall(r"#id_(\w+)", attrs.get("data-hx-include") or "")
            self.hx_gets.append((attrs["data-hx-get"], included))
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = {
                "method": (attrs.get("method") or "get").lower(),
                "action": attrs.get("action"),
                "fields": {},
                "choices": {},
            }
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "textarea", "select", "button"):
            name = attrs.get("name")
            if not name:
                return
            kind = (attrs.get("type") or "").lower()
            if tag == "select":
                self._select = name
                self._form["fields"].setdefault(name, "")
            elif kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._form["fields"][name] = attrs.get("value", "on")
                self._form["choices"].setdefault(name, []).append(attrs.get("value", "on"))
            elif tag != "button" and kind not in ("submit", "button"):
                self._form["fields"][name] = attrs.get("value", "")
        elif tag == "option" and self._form is not None and self._select:
            value = attrs.get("value", "")
            self._form["choices"].setdefault(self._select, []).append(value)
            if "selected" in attrs:
                self._form["fields"][self._select] = value

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _parse(html: str) -> _Parsed:
    parsed = _Parsed()
    parsed.feed(html)
    return parsed


def _local(url: str, base: str) -> str | None:
    """The path (and query) of a link within SMW, or None for anything else."""
    url = urldefrag(url)[0]
    if not url or url.startswith(("mailto:", "tel:", "javascript:")):
        return None
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    if url.startswith("?"):
        url = urlsplit(base).path + url
    elif not url.startswith("/"):
        return None
    if url.startswith(("/static/", "/media/")):
        return None
    return url


def _kind(url: str) -> str:
    """The page a URL shows, whatever case or school: /dossiers/12/plan/ → /dossiers/N/plan/."""
    return re.sub(r"\d+", "N", urlsplit(url).path)


# kind of page -> (a URL of it, the names of the query parameters it is sent)
Parameters = dict[str, tuple[str, set[str]]]


class LogCheck:
    """Checks, request by request, that every demo pupil whose full name a page shows has an
    access log row written by that request, for that user, with that page's path."""

    def __init__(self, user: User):
        self.user = user
        self.pupils_by_name: dict[str, set[int]] = {}
        for pk, first, last in Pupil.objects.values_list("pk", "first_name", "last_name"):
            self.pupils_by_name.setdefault(f"{first} {last}", set()).add(pk)
        names = sorted(self.pupils_by_name, key=len, reverse=True)
        self._names = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, names)) + r")(?!\w)")
        self.failures: list[tuple[str, str]] = []
        self.last_id = self._last_id()

    @staticmethod
    def _last_id() -> int:
        return AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def shown(self, content: str) -> set[str]:
        """The full names of demo pupils in a page's text (tags and attributes included)."""
        return set(self._names.findall(html.unescape(content)))

    def after(self, response) -> None:
        """Check the response just received; then the next request starts from here."""
        before, self.last_id = self.last_id, self._last_id()
        if not response.get("Content-Type", "").startswith("text/html"):
            return
        path = response.wsgi_request.get_full_path()[:300]
        logged: set[int] = set()
        for row in AccessLog.objects.filter(pk__gt=before, pk__lte=self.last_id):
            if row.user_id == self.user.pk and row.path == path:
                logged.update(row.pupil_ids)
        for name in sorted(self.shown(response.content.decode())):
            if not self.pupils_by_name[name] & logged:
                self.failures.append((path, name))


def _walk(
    client: Client, check: LogCheck | None = None, pages: Pages | None = None
) -> tuple[dict[str, int], list[tuple[str, dict]], Parameters]:
    """GET every page reachable from "/" (up to MAX_PAGES): {url: status}, the forms found
    with the page they are on, and the query parameters each kind of page is sent by the links,
    GET forms and htmx requests on them; `check` sees every response, `pages` gets each page
    shown."""
    seen: dict[str, int] = {}
    forms: list[tuple[str, dict]] = []
    parameters: Parameters = {}
    queue = deque(["/"])
    per_kind: dict[tuple, int] = {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        # A page opened with other parameters (an entry of the sociale kaart for a case) counts
        # apart: it has other links.
        kind = (_kind(url), *sorted(parse_qs(urlsplit(url).query)))
        per_kind[kind] = per_kind.get(kind, 0) + 1
        if per_kind[kind] > 2:  # the same page of another case, list page or filter value
            continue
        response = client.get(url)
        if check is not None:
            check.after(response)
        seen[url] = response.status_code
        if response.status_code in (301, 302, 303):
            onward = [response["Location"]]
        elif response.status_code == 200 and response.get("Content-Type", "").startswith(
            "text/html"
        ):
            parsed = _parse(response.content.decode())
            onward = parsed.links
            if pages is not None:
                pages.add(url, response)
            forms += [(url, form) for form in parsed.forms]
            _collect_parameters(parameters, url, parsed)
        else:
            continue
        for link in onward:
            local = _local(link, url)
            if local and local not in seen:
                queue.append(local)
    return seen, forms, parameters


def _collect_parameters(parameters: Parameters, url: str, parsed: _Parsed) -> None:
    """Add the query parameters that `parsed` (the page at `url`) sends, by kind of page."""
    sent = [(link, parse_qs(urlsplit(link).query)) for link in parsed.links]
    sent += [(hx_url, dict.fromkeys(names)) for hx_url, names in parsed.hx_gets]
    sent += [
        (form["action"] or url, {**form["fields"], **form["choices"]})
        for form in parsed.forms
        if form["method"] == "get"
    ]
    for target, names in sent:
        local = _local(target, url)
        if local and names:
            parameters.setdefault(_kind(local), (local, set()))[1].update(names)


def _with_bad_parameters(seen: dict[str, int], parameters: Parameters) -> list[tuple[str, dict]]:
    """(path, query): one page of each kind that is sent query parameters (one that opened in
    the walk, else one it was sent to, such as an htmx request), with each of its parameters set
    in turn to each bad value; the page's own query is kept for the other names."""
    requests = []
    for kind, (example, names) in sorted(parameters.items()):
        opened = [url for url, status in seen.items() if status == 200 and _kind(url) == kind]
        url = urlsplit(opened[0] if opened else example)
        own = dict(parse_qsl(url.query))
        for name in sorted(names):
            for value in [*BAD_PARAMETERS, NUL]:
                requests.append((url.path, own | {name: value}))
    return requests


def _variants(form: dict) -> list[dict]:
    """The form as the page fills it, then empty, then each nonsense value in every field, then
    the first choices of each select."""
    filled = dict(form["fields"])
    variants = [filled, {}]
    for value in NONSENSE:
        variants.append(dict.fromkeys(filled, value))
    # the first offered choices of each select, the rest as filled
    for name, choices in form["choices"].items():
        for choice in choices[:2]:
            variants.append({**filled, name: choice})
    return variants


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with demo_seeded(django_db_blocker):
        yield


@pytest.mark.parametrize("username", DEMO_LOGINS)
def test_every_link_opens_and_no_input_gives_a_server_error(demo, db, username, tmp_path):
    user = User.objects.get(username=username)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    check = LogCheck(user)
    pages = Pages(tmp_path)
    seen, forms, parameters = _walk(client, check, pages)
    assert len(seen) > (0 if username in SIMPLE_START else 3), seen  # the walk got somewhere
    broken = {url: status for url, status in seen.items() if status >= 400}
    assert not broken, f"links on {username}'s pages that fail: {broken}"
    assert not check.failures, f"pupils shown to {username} without a log row: {check.failures}"

    failures = []
    sent = set()
    for page, form in forms:
        action = _local(form["action"] or page, page) or page
        if action.startswith(NOT_SENT):
            continue
        key = (form["method"], _kind(action), tuple(sorted(form["fields"])))
        if key in sent:
            continue
        sent.add(key)
        for number, data in enumerate(_variants(form)):
            if form["method"] == "post":
                response = client.post(action, data)
            else:
                query = dict(parse_qsl(urlsplit(action).query)) | data
                response = client.get(urlsplit(action).path, query)
            check.after(response)
            if response.status_code >= 500:
                failures.append((form["method"], action, data, response.status_code))
            elif number < 3 and response.status_code == 200:
                # as filled, empty, and with nonsense: the form given back with its errors
                pages.add(f"{form['method'].upper()} {action} ({number})", response)
    assert not failures, failures[:5]
    assert sent or username in SIMPLE_START, "no form was sent"

    bad_requests = _with_bad_parameters(seen, parameters)
    for path, query in bad_requests:
        response = client.get(path, query)
        check.after(response)
        status = response.status_code
        if status >= 500 or (NUL in query.values() and status != 400):
            failures.append(("get", path, query, status))
    assert not failures, failures[:5]
    assert bad_requests or username in SIMPLE_START, "no query parameter was tried"
    assert not check.failures, f"pupils shown to {username} without a log row: {check.failures}"
    invalid = pages.errors()
    assert not invalid, f"{len(invalid)} HTML errors on {username}'s pages: {invalid[:10]}"


def test_the_log_check_finds_a_page_that_forgets_to_log(demo, db, monkeypatch):
    """The check above can fail: with the request log's notes dropped, the caseload shows
    pupils without a row, and the check names each of them."""
    from audit.log import RequestLog

    user = User.objects.get(username="smw")
    client = Client()
    client.force_login(user)
    check = LogCheck(user)
    response = client.get("/dossiers/")
    check.after(response)
    assert response.status_code == 200
    shown = check.shown(response.content.decode())
    assert shown, "the caseload shows pupils"
    assert not check.failures

    monkeypatch.setattr(RequestLog, "note", lambda self, *args, **kwargs: None)
    check.after(client.get("/dossiers/"))
    assert {name for _, name in check.failures} == shown


def test_the_html_check_finds_an_invalid_page(tmp_path):
    """The checker above can fail: it names the request of a page with an error."""
    from django.http import HttpResponse

    pages = Pages(tmp_path)
    valid = '<!doctype html><html lang="nl"><head><title>SMW</title></head><body><p>“&lt;5”</p>'
    pages.add("GET /goed/", HttpResponse(valid + "</body></html>"))
    assert pages.errors() == []
    pages.add(
        "GET /fout/",
        HttpResponse(valid + '<input type="week" name="week" maxlength="8"> “<5”</body></html>'),
    )
    errors = pages.errors()
    assert len(errors) == 2, errors
    assert all(error.startswith("GET /fout/: ") for error in errors)
    assert any("maxlength" in error for error in errors)
