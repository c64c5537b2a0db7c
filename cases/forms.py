"""Field validation for the case pages. Business rules live in workflow.py."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smw.forms import FilterForm, QueryForm

from .models import (
    Case,
    Category,
    Consultation,
    Contact,
    Goal,
    GoalResult,
    Group,
    Guardian,
    Intake,
    Plan,
    Pupil,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def not_in_future(value: datetime.date | None) -> None:
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("This date lies in the future."))


def not_too_old(value: datetime.date | None, years: int = 2) -> None:
    if value and value < timezone.localdate() - datetime.timedelta(days=365 * years):
        raise forms.ValidationError(_("This date is too long ago."))


class PupilSearchForm(forms.Form):
    school = forms.ModelChoiceField(queryset=None, label=_("School"))
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=DATE_WIDGET)

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        if schools.count() == 1:
            self.fields["school"].initial = schools.first()

    def clean_date_of_birth(self):
        value = self.cleaned_data["date_of_birth"]
        not_in_future(value)
        age = (timezone.localdate() - value).days / 365.25
        if age < 2 or age > 25:
            raise forms.ValidationError(_("A pupil is between 2 and 25 years old: check the date."))
        return value


class SignalForm(PupilSearchForm):
    """One page: who the pupil is (existing or new) and what was noticed."""

    existing_pupil = forms.IntegerField(required=False, widget=forms.HiddenInput)
    confirm_new = forms.BooleanField(
        required=False, label=_("This is a different pupil: register a new one")
    )
    group = forms.CharField(label=_("Group / class"), max_length=20, required=False)
    categories = forms.MultipleChoiceField(
        label=_("Concerns"),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one concern.")},
    )
    noticed = forms.CharField(
        label=_("What was noticed"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Facts: who noticed what, and when."),
    )
    source = forms.ChoiceField(label=_("Signalled by"), choices=Case.Source.choices)
    signalled_on = forms.DateField(
        label=_("Signalled on"), widget=DATE_WIDGET, initial=timezone.localdate
    )
    parents_informed = forms.BooleanField(label=_("Parents are informed"), required=False)
    parents_agree = forms.BooleanField(
        label=_("Parents agree to the referral to SMW"), required=False
    )

    def clean_signalled_on(self):
        value = self.cleaned_data["signalled_on"]
        not_in_future(value)
        not_too_old(value, years=1)
        return value

    def clean_noticed(self):
        value = self.cleaned_data["noticed"].strip()
        if len(value) < 10:
            raise forms.ValidationError(_("Describe what was noticed in a sentence or more."))
        return value

    def clean(self):
        data = super().clean()
        if data.get("parents_agree") and not data.get("parents_informed"):
            self.add_error("parents_informed", _("Parents cannot agree without being informed."))
        return data


class IntakeForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Intake
        fields = ["held_on", *Intake.TEXTS]
        widgets = {"held_on": DATE_WIDGET} | {
            name: forms.Textarea(attrs={"rows": 3}) for name in fields if name != "held_on"
        }

    def clean_held_on(self):
        value = self.cleaned_data["held_on"]
        not_in_future(value)
        case = self.instance.case
        if value and value < case.signalled_on:
            raise forms.ValidationError(_("The intake cannot be before the signal."))
        return value


class PlanForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Plan
        fields = [
            "planned_sessions",
            "evaluation_on",
            "agreed_pupil",
            "agreed_parents",
            "agreed_school",
            "agreed_on",
        ]
        widgets = {"evaluation_on": DATE_WIDGET, "agreed_on": DATE_WIDGET}

    def clean_agreed_on(self):
        value = self.cleaned_data["agreed_on"]
        not_in_future(value)
        return value

    def clean(self):
        data = super().clean()
        agreed_by = any(data.get(f) for f in ("agreed_pupil", "agreed_parents", "agreed_school"))
        if data.get("agreed_on") and not agreed_by:
            self.add_error("agreed_on", _("Tick who agreed to the plan."))
        if agreed_by and not data.get("agreed_on"):
            self.add_error("agreed_on", _("Give the date the plan was agreed."))
        evaluation, agreed = data.get("evaluation_on"), data.get("agreed_on")
        if evaluation and agreed and evaluation < agreed:
            self.add_error("evaluation_on", _("The evaluation comes after the agreement."))
        return data


class GoalForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # The empty choice comes first: otherwise a browser sends the first domain for the blank
    # row, the row counts as changed, and the plan cannot be saved without filling it in.
    domain = forms.ChoiceField(label=_("Domain"), choices=[("", "—"), *Goal.Domain.choices])
    description = forms.CharField(label=_("Goal"), max_length=300)


GoalFormSet = forms.formset_factory(GoalForm, extra=1, can_delete=True, max_num=12)


class EvaluationForm(forms.Form):
    held_on = forms.DateField(label=_("Evaluated on"), widget=DATE_WIDGET)
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        for goal in self.goals:
            self.fields[f"result_{goal.pk}"] = forms.ChoiceField(
                label=goal.description,
                choices=[("", "—"), *GoalResult.Result.choices],
                error_messages={"required": _("Give a result for this goal.")},
            )
            self.fields[f"note_{goal.pk}"] = forms.CharField(
                label=_("Explanation"), max_length=500, required=False
            )

    def clean_held_on(self):
        value = self.cleaned_data["held_on"]
        not_in_future(value)
        return value

    def results(self) -> dict[int, tuple[str, str]]:
        return {
            g.pk: (self.cleaned_data[f"result_{g.pk}"], self.cleaned_data[f"note_{g.pk}"])
            for g in self.goals
        }


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["held_on", "minutes", "kind", "place", "participants", "summary", "work_note"]
        widgets = {
            "held_on": DATE_WIDGET,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "work_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["held_on"].initial = timezone.localdate
        self.fields["kind"].choices = [
            c for c in Contact.Kind.choices if c[0] != Contact.Kind.GROUP
        ]

    def clean_held_on(self):
        value = self.cleaned_data["held_on"]
        not_in_future(value)
        if value < self.case.signalled_on:
            raise forms.ValidationError(_("A contact cannot be before the signal."))
        return value


class CloseForm(forms.Form):
    """Reason and outcome. A referred case whose help has not started yet at the organisation
    also says why it closes now (the handover rule is shown above the form)."""

    reason = forms.ChoiceField(label=_("Reason"), choices=[("", "—"), *Case.ClosureReason.choices])
    outcome = forms.CharField(
        label=_("Outcome"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    handover_note = forms.CharField(
        label=_("Help has not started at the organisation yet: why do you close now?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, referred: bool = False, help_started: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not referred or help_started:
            del self.fields["handover_note"]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class GuardianForm(forms.ModelForm):
    class Meta:
        model = Guardian
        fields = ["name", "relation", "phone", "email", "has_authority"]

    def clean_phone(self):
        import re

        value = self.cleaned_data["phone"].strip()
        if value and not re.fullmatch(r"\+?[0-9 ()-]{8,20}", value):
            raise forms.ValidationError(_("Enter a phone number, for example 06 12345678."))
        return value


class PupilForm(forms.ModelForm):
    class Meta:
        model = Pupil
        fields = ["first_name", "last_name", "date_of_birth", "group"]
        widgets = {"date_of_birth": DATE_WIDGET}


class ConsultationForm(forms.ModelForm):
    class Meta:
        model = Consultation
        fields = ["school", "case", "held_on", "minutes", "with_whom", "question", "advice"]
        widgets = {
            "held_on": DATE_WIDGET,
            "question": forms.Textarea(attrs={"rows": 3}),
            "advice": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, schools, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        self.fields["case"].queryset = cases
        self.fields["case"].required = False
        self.fields["case"].label = _("Case")
        self.fields["case"].help_text = _("Leave empty for an anonymous consultation.")
        self.fields["case"].empty_label = _("Anonymous (no pupil)")
        self.fields["case"].label_from_instance = case_label
        self.fields["held_on"].initial = timezone.localdate

    def clean_held_on(self):
        value = self.cleaned_data["held_on"]
        not_in_future(value)
        return value

    def clean(self):
        data = super().clean()
        case, school = data.get("case"), data.get("school")
        if case and school and case.school_id != school.pk:
            self.add_error("case", _("This case belongs to another school."))
        return data


class CaseFilterForm(FilterForm):
    SORTS = [
        ("-last_activity_at", _("Most recent activity")),
        ("last_activity_at", _("Longest untouched")),
        ("stage_changed_at", _("Longest in stage")),
        ("pupil__last_name", _("Name")),
        ("next_evaluation", _("Next evaluation")),
    ]
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    school = forms.ModelChoiceField(queryset=None, required=False, label=_("School"))
    stage = forms.ChoiceField(required=False, label=_("Stage"))
    category = forms.ChoiceField(required=False, label=_("Concern"))
    sort = forms.ChoiceField(required=False, label=_("Sort by"), choices=SORTS)

    def __init__(self, *args, schools, stages=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        self.fields["school"].empty_label = _("All schools")
        stage_choices = stages or [s for s in Case.Stage.choices if s[0] != Case.Stage.CLOSED]
        self.fields["stage"].choices = [("", _("All stages")), *stage_choices]
        self.fields["category"].choices = [("", _("All concerns")), *Category.choices]


class SearchForm(QueryForm):
    """The name searched for on the search page (GET); the page draws its own search box."""

    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    # Colleagues' cases are searched only when asked for: their pupils' names are not shown
    # (nor logged as seen) on every search.
    noodtoegang = forms.BooleanField(label=_("Colleagues' cases"), required=False)


# --- Groups ----------------------------------------------------------------------------------


def case_label(case: Case) -> str:
    """How a case is offered in a choice list: the pupil, their class and school."""
    group = f" ({case.pupil.group})" if case.pupil.group else ""
    return f"{case.pupil.full_name}{group} · {case.school.name}"


class ParticipantsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Case) -> str:
        return case_label(obj)


class GroupForm(forms.ModelForm):
    participants = ParticipantsField(
        queryset=Case.objects.none(),
        label=_("Participants"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Your own open cases at the school of the group; at least two."),
        error_messages={
            "required": _("Choose at least two participants."),
            "invalid_choice": _("Choose only your own open cases."),
        },
    )

    class Meta:
        model = Group
        fields = ["school", "name", "kind", "started_on"]
        widgets = {"started_on": DATE_WIDGET}
        help_texts = {"name": _("For example: Rouwgroep groep 7–8.")}

    def __init__(self, *args, schools, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        if schools.count() == 1:
            self.fields["school"].initial = schools.first()
        self.fields["participants"].queryset = cases.select_related("pupil", "school").order_by(
            "school__name", "pupil__last_name", "pupil__first_name"
        )
        self.fields["started_on"].initial = timezone.localdate

    def clean_started_on(self):
        value = self.cleaned_data["started_on"]
        if value > timezone.localdate() + datetime.timedelta(days=60):
            raise forms.ValidationError(_("A group starts at most two months from now."))
        not_too_old(value, years=1)
        return value

    def clean(self):
        data = super().clean()
        school, participants = data.get("school"), data.get("participants")
        if participants is None:
            return data
        if school is not None:
            elsewhere = [c for c in participants if c.school_id != school.pk]
            if elsewhere:
                self.add_error(
                    "participants",
                    _("Not a pupil of %(school)s: %(names)s.")
                    % {
                        "school": school.name,
                        "names": ", ".join(c.pupil.full_name for c in elsewhere),
                    },
                )
        if len(participants) < 2:
            self.add_error("participants", _("A group needs at least two participants."))
        return data


class GroupSessionForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DATE_WIDGET, initial=timezone.localdate)
    minutes = forms.IntegerField(label=_("Minutes"), min_value=5, max_value=480)
    topic = forms.CharField(label=_("Topic"), max_length=200)
    summary = forms.CharField(
        label=_("Summary for the file"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Added to the file of every participant whose case is open."),
    )

    def __init__(self, *args, group: Group, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group

    def clean_held_on(self):
        value = self.cleaned_data["held_on"]
        not_in_future(value)
        if value < self.group.started_on:
            raise forms.ValidationError(_("A session cannot be before the group started."))
        return value


# --- Team leader ------------------------------------------------------------------------------


class ReassignForm(forms.Form):
    cases = forms.MultipleChoiceField(
        label=_("Cases"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one case.")},
    )
    to = forms.ModelChoiceField(label=_("New case manager"), queryset=None)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("For example: illness, leave, caseload balance."),
    )

    def __init__(self, *args, cases, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].choices = [
            (str(c.pk), f"{c.number} · {c.school.name} · {c.get_stage_display()}") for c in cases
        ]
        self.fields["to"].queryset = workers


class EmergencyForm(forms.Form):
    """Break-the-glass: why this case must be opened now (checked in cases/emergency.py)."""

    reason = forms.CharField(
        label=_("Reason for emergency access"),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "What is the emergency, and why can it not wait for the case manager? "
            "At least 20 characters and three words."
        ),
        error_messages={"required": _("Write why you must open this case in an emergency.")},
    )


class StandInForm(forms.Form):
    """A stand-in (waarneming) as the team leader records it; rules in cases/stand_ins.py."""

    stand_in = forms.ModelChoiceField(label=_("Stand-in"), queryset=None)
    for_worker = forms.ModelChoiceField(label=_("Stands in for"), queryset=None)
    starts_on = forms.DateField(label=_("From"), widget=DATE_WIDGET)
    ends_on = forms.DateField(
        label=_("Until"), widget=DATE_WIDGET, help_text=_("The last day of the stand-in.")
    )

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stand_in"].queryset = workers
        self.fields["for_worker"].queryset = workers


class VersionCompareForm(QueryForm):
    """Which two versions of an intake or plan to compare (GET)."""

    old = forms.IntegerField(label=_("Compare version"), min_value=1, required=False)
    new = forms.IntegerField(label=_("with version"), min_value=1, required=False)
