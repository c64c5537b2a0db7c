"""The application manager's forms for schools and assignments: the fields named here, nothing
else."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from smw.forms import FilterForm

from .models import BRIN_VALIDATOR, Assignment, Municipality, School, SchoolYear


class SchoolForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    brin = forms.CharField(
        label=_("BRIN code"), max_length=6, help_text=_("For example 12AB or 12AB01.")
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=School.Sector.choices)
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=None)
    region = forms.ChoiceField(
        label=_("Holiday region"),
        choices=School.Region.choices,
        initial=School.Region.MIDDLE,
        required=False,
        help_text=_("The region whose school holidays the school follows."),
    )
    active = forms.BooleanField(
        label=_("Active"),
        required=False,
        initial=True,
        help_text=_("SMW works at this school. An inactive school keeps its history."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.all()

    def clean_brin(self) -> str:
        brin = self.cleaned_data["brin"].strip().upper()
        BRIN_VALIDATOR(brin)
        return brin


class NameForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)


class AssignmentForm(forms.Form):
    worker = forms.ModelChoiceField(label=_("School social worker"), queryset=None)
    school = forms.ModelChoiceField(label=_("School"), queryset=None)
    school_year = forms.ModelChoiceField(label=_("School year"), queryset=None)
    contracted_hours = forms.DecimalField(
        label=_("Contracted hours"),
        max_digits=6,
        decimal_places=1,
        min_value=Decimal("0.5"),
        help_text=_("Hours for the whole school year."),
    )
    funding_source = forms.ChoiceField(
        label=_("Funding source"), choices=Assignment.FundingSource.choices
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = User.objects.filter(
            is_active=True, memberships__role=Role.WORKER
        ).distinct()
        self.fields["school"].queryset = School.objects.filter(active=True)
        current = SchoolYear.current()
        SchoolYear.objects.get_or_create(start_year=current.start_year + 1)
        self.fields["school_year"].queryset = SchoolYear.objects.all()
        self.fields["school_year"].initial = current.pk


class AssignmentFilterForm(FilterForm):
    school_year = forms.ModelChoiceField(label=_("School year"), queryset=None, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_year"].queryset = SchoolYear.objects.all()
        self.fields["school_year"].empty_label = None
