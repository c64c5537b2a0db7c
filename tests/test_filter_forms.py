"""The filter forms above the lists render as one row of Bootstrap controls."""

from __future__ import annotations

import re

import pytest

from cases.forms import CaseFilterForm
from referrals.forms import SocialMapFilterForm
from schools.models import Municipality, School


@pytest.mark.parametrize(
    "make",
    [
        lambda: CaseFilterForm(schools=School.objects.none()),
        lambda: SocialMapFilterForm(municipalities=Municipality.objects.none()),
    ],
)
def test_every_control_has_bootstraps_class(db, make):
    form = make()
    for field in form:
        html = field.as_widget()
        expected = "form-select" if html.startswith("<select") else "form-control"
        assert re.search(rf'class="[^"]*\b{expected}\b', html), html


def test_the_class_is_set_on_this_form_only(db):
    CaseFilterForm(schools=School.objects.none())
    assert "class" not in CaseFilterForm.base_fields["stage"].widget.attrs
