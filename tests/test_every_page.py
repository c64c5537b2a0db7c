"""Every demo login walks every page it can reach from its start page, then sends every form
on them empty and filled with nonsense: no link leads to an error or a closed door, and no
input, however wrong, gives a server error."""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urlsplit

import pytest
from django.test import Client

from accounts.models import User
from tests.conftest import demo_seeded

DEMO_LOGINS = ["smw", "smw2", "zc", "zc2", "teamleider", "gemeente", "beheer"]
MAX_PAGES = 150  # per login; the demo data lead to fewer
NONSENSE = ["-1", "2026-02-30", "<script>alert(1)</script>" + "x" * 5000]
# Forms that end the visit or only switch the language: not sent.
NOT_SENT = ("/accounts/logout/", "/i18n/setlang/")


class _Parsed(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
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


def _walk(client: Client) -> tuple[dict[str, int], list[tuple[str, dict]]]:
    """GET every page reachable from "/" (up to MAX_PAGES): {url: status}, and the forms found
    with the page they are on."""
    seen: dict[str, int] = {}
    forms: list[tuple[str, dict]] = []
    queue = deque(["/"])
    per_kind: dict[str, int] = {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        kind = _kind(url)
        per_kind[kind] = per_kind.get(kind, 0) + 1
        if per_kind[kind] > 2:  # the same page of another case, list page or filter
            continue
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code in (301, 302, 303):
            onward = [response["Location"]]
        elif response.status_code == 200 and response.get("Content-Type", "").startswith(
            "text/html"
        ):
            parsed = _parse(response.content.decode())
            onward = parsed.links
            forms += [(url, form) for form in parsed.forms]
        else:
            continue
        for link in onward:
            local = _local(link, url)
            if local and local not in seen:
                queue.append(local)
    return seen, forms


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
def test_every_link_opens_and_no_input_gives_a_server_error(demo, db, username):
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username=username))
    seen, forms = _walk(client)
    assert len(seen) > 3, seen  # the walk got somewhere
    broken = {url: status for url, status in seen.items() if status >= 400}
    assert not broken, f"links on {username}'s pages that fail: {broken}"

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
        for data in _variants(form):
            if form["method"] == "post":
                response = client.post(action, data)
            else:
                query = dict(parse_qsl(urlsplit(action).query)) | data
                response = client.get(urlsplit(action).path, query)
            if response.status_code >= 500:
                failures.append((form["method"], action, data, response.status_code))
    assert not failures, failures[:5]
    assert sent, "no form was sent"
