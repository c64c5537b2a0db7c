"""Every form widget is rendered through this renderer (settings.FORM_RENDERER), which keeps
the HTML valid whatever a form is given back with.

- A value its input type cannot hold ("-1" in a date field, sent by a crafted request or by a
  browser without date inputs) is shown in a text input: what was sent stays visible, where a
  browser would empty the date input, and the page stays valid HTML.
- `maxlength` and `minlength` only where HTML allows them (Django adds them for every CharField,
  also when its input is a week input), and no `aria-*` on hidden inputs (Django gives the hidden
  initial value of a field the attributes of the field itself).
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable

from django.forms.renderers import DjangoTemplates

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?")
_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_NUMBER = re.compile(r"-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?")
# The HTML standard's valid e-mail address, and an absolute URL as far as a checker reads it.
_EMAIL = re.compile(
    r"[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*"
)
_URL = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://[^\s/?#]+[^\s]*|(mailto|tel):[^\s]+")
# Where HTML allows maxlength and minlength.
_LENGTH_TYPES = {"text", "search", "url", "tel", "email", "password"}


def _date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _week(value: str) -> bool:
    match = _WEEK.fullmatch(value)
    if not match:
        return False
    try:
        datetime.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        return False
    return True


def _number(value: str) -> bool:
    return bool(_NUMBER.fullmatch(value)) and math.isfinite(float(value))


VALID: dict[str, Callable[[str], bool]] = {
    "date": _date,
    "time": lambda value: bool(_TIME.fullmatch(value)),
    "week": _week,
    "month": lambda value: bool(_MONTH.fullmatch(value)),
    "number": _number,
    "email": lambda value: all(_EMAIL.fullmatch(v.strip()) for v in value.split(",")),
    "url": lambda value: bool(_URL.fullmatch(value)),
}


def valid_widget(widget: dict) -> dict:
    """The context of an input widget as it can be rendered as valid HTML."""
    kind = widget.get("type")
    attrs = dict(widget.get("attrs") or {})
    value = widget.get("value")
    if kind in VALID and value not in (None, "") and not VALID[kind](str(value)):
        kind = "text"
        for name in ("min", "max", "step", "multiple"):
            attrs.pop(name, None)
    if kind not in _LENGTH_TYPES:
        attrs.pop("maxlength", None)
        attrs.pop("minlength", None)
    if kind == "hidden":
        attrs = {name: v for name, v in attrs.items() if not name.startswith("aria-")}
    return {**widget, "type": kind, "attrs": attrs}


class ValidInputRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if isinstance(widget, dict) and "type" in widget:
            context = {**context, "widget": valid_widget(widget)}
        return super().render(template_name, context, request)
