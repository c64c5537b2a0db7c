"""A select's empty choice speaks Dutch, on a form field and on a model field alike."""

from __future__ import annotations

from django import forms
from django.utils import translation

from reports.models import ReportRun
from schools.models import School


def test_the_empty_choice_of_a_select_is_dutch(db):
    with translation.override("nl"):
        field = forms.ModelChoiceField(queryset=School.objects.none())
        assert str(field.empty_label) == "- Maak een keuze -"
        blank, *_rest = ReportRun._meta.get_field("kind").get_choices()
        assert str(blank[1]) == "- Maak een keuze -"
