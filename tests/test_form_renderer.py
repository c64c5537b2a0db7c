"""Forms given back with what was sent render as valid HTML (smw/form_renderer.py)."""

from __future__ import annotations

import pytest
from django import forms

from tests.html_check import Pages


class _Form(forms.Form):
    on = forms.DateField(widget=forms.DateInput(attrs={"type": "date", "min": "2026-01-01"}))
    at = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}))
    week = forms.CharField(max_length=8, widget=forms.TextInput(attrs={"type": "week"}))
    site = forms.URLField()
    mail = forms.EmailField()
    count = forms.IntegerField()
    name = forms.CharField(max_length=20, help_text="Voor- en achternaam")
    started = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}), show_hidden_initial=True, help_text="x"
    )


NONSENSE = {
    "on": "-1",
    "at": "25:99",
    "week": "2026-W99",
    "site": "www example",
    "mail": "geen adres",
    "count": "2026-02-30",
    "name": "Daan",
    "started": "2026-02-30",
}
VALID = {
    "on": "2026-02-28",
    "at": "09:30",
    "week": "2026-W07",
    "site": "https://example.nl/a",
    "mail": "a@example.nl",
    "count": "-1",
    "name": "Daan",
    "started": "2026-03-01",
}


def _tag(html: str, name: str) -> str:
    """The <input> tag of the field `name`."""
    before, after = html.split(f'name="{name}"', 1)
    return "<input" + before.rsplit("<input", 1)[1] + f'name="{name}"' + after.split(">", 1)[0]


def test_a_value_its_type_cannot_hold_is_kept_in_a_text_input():
    html = str(_Form(NONSENSE))
    for name, value in NONSENSE.items():
        tag = _tag(html, name)
        assert 'type="text"' in tag, tag
        assert f'value="{value}"' in tag, tag
        assert "min=" not in tag, tag


def test_valid_values_keep_their_input_type_and_lengths_only_where_allowed():
    html = str(_Form(VALID))
    for name, kind in [
        ("on", "date"),
        ("at", "time"),
        ("week", "week"),
        ("site", "url"),
        ("mail", "email"),
        ("count", "number"),
        ("started", "date"),
    ]:
        assert f'type="{kind}"' in _tag(html, name), _tag(html, name)
    assert 'min="2026-01-01"' in _tag(html, "on")
    assert "maxlength" not in _tag(html, "week")
    assert 'maxlength="20"' in _tag(html, "name")
    hidden = _tag(html, "initial-started")
    assert 'type="hidden"' in hidden
    assert "aria-" not in hidden


@pytest.mark.parametrize("data", [NONSENSE, VALID, {}])
def test_the_form_is_valid_html_with_any_data(tmp_path, data):
    from django.http import HttpResponse

    pages = Pages(tmp_path)
    page = '<!doctype html><html lang="nl"><head><title>SMW</title></head><body><form>'
    pages.add("form", HttpResponse(page + str(_Form(data or None)) + "</form></body></html>"))
    assert pages.errors() == []
