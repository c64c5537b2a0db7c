"""Field validation for the meldcode pages. The rules of the steps live in workflow.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms import DATE_WIDGET, not_in_future, not_too_old
from smw.forms import FilterForm

from .models import Answer, Trajectory, Violence

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _text(label, *, rows: int = 4, max_length: int = 4000, required: bool = True, help_text=""):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class _DateForm(forms.Form):
    """Every date of the meldcode is a date that has passed, and not long ago."""

    def clean(self):
        data = super().clean()
        for name, field in self.fields.items():
            if isinstance(field, forms.DateField) and data.get(name) and name != "help_until":
                try:
                    not_in_future(data[name])
                    not_too_old(data[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return data


class SignalsForm(_DateForm):
    signals_on = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    facts = _text(
        _("Observed facts"),
        help_text=_("What was seen or heard, by whom and when; no interpretation."),
    )
    sources = _text(_("Source of the facts"), rows=2, max_length=2000)
    interpretation = _text(
        _("Interpretation"),
        required=False,
        help_text=_("Kept apart from the facts: what you think the facts may mean."),
    )
    violence = forms.MultipleChoiceField(
        label=_("Forms of violence suspected"),
        choices=Violence.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Honour-related violence, forced marriage and female genital mutilation: contact "
            "Veilig Thuis straight away."
        ),
    )
    kindcheck = forms.TypedChoiceField(
        label=_("Kindcheck: is a parent's own problem a risk for the child?"),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    kindcheck_note = _text(_("Kindcheck explanation"), rows=2, max_length=2000, required=False)


class ConsultationForm(_DateForm):
    held_on = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    with_whom = forms.CharField(label=_("With whom"), max_length=300)
    with_safeguarding = forms.BooleanField(
        label=_("With the aandachtsfunctionaris"), required=False
    )
    veilig_thuis = forms.BooleanField(
        label=_("(Anonymous) advice from Veilig Thuis"), required=False
    )
    advice = _text(_("Advice given"))

    def __init__(self, *args, officer: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if officer:  # the aandachtsfunctionaris's own note
            del self.fields["with_safeguarding"]


class ConversationForm(_DateForm):
    held_on = forms.DateField(label=_("Date"), widget=DATE_WIDGET, required=False)
    with_whom = forms.CharField(label=_("With whom"), max_length=300, required=False)
    summary = _text(_("What was said"), required=False)
    skipped = _text(
        _("Or: why the conversation was skipped"),
        rows=2,
        max_length=2000,
        required=False,
        help_text=_("Only for the safety of the child, yourself or others."),
    )


class AnswerForm(forms.Form):
    question = forms.ChoiceField(choices=Answer.Question.choices, widget=forms.HiddenInput)
    answer = forms.TypedChoiceField(
        label=_("Answer"),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    motivation = _text(_("Motivation"))
    monitoring = _text(
        _("Agreements about monitoring"),
        required=False,
        help_text=_("Needed when the answer is yes: the trajectory then closes."),
    )

    def __init__(self, *args, question: str, **kwargs):
        super().__init__(*args, initial={"question": question}, **kwargs)
        self.fields["answer"].label = Answer.Question(question).label
        if question != "A5":
            del self.fields["monitoring"]

    def add_error(self, field, error):
        # A refused skip is about the page as a whole: the question is not a visible field.
        super().add_error(None if field == "question" else field, error)


class MeldingForm(_DateForm):
    reported_on = forms.DateField(label=_("Reported on"), widget=DATE_WIDGET)
    how = forms.CharField(
        label=_("How"), max_length=200, help_text=_("For example by phone, with the form.")
    )
    reference = forms.CharField(label=_("Veilig Thuis reference"), max_length=50, required=False)


class HelpForm(forms.Form):
    help_until = forms.DateField(label=_("Help term ends on"), widget=DATE_WIDGET)
    help_manager = forms.CharField(label=_("Case manager of the help"), max_length=200)
    agreements = _text(_("Help agreed"))


class FeedbackForm(_DateForm):
    feedback_on = forms.DateField(label=_("Feedback received on"), widget=DATE_WIDGET)
    feedback = _text(_("What Veilig Thuis decided"))


class TrajectoryFilterForm(FilterForm):
    """The list of trajectories by step (GET)."""

    step = forms.TypedChoiceField(required=False, label=_("Step"), coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [("", _("All steps")), *Trajectory.Step.choices]
