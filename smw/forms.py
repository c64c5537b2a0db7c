"""What the forms of every app share."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


def posted_data(request: HttpRequest):
    """The data a form binds to: the POST, or None on GET. An empty POST still binds, so it shows
    errors; a GET binds to the text kept after the session ended (accounts.kept_forms), if any."""
    return request.POST if request.method == "POST" or request.POST else None


class QueryForm(forms.Form):
    """The query parameters of a page (GET), read through fields like any other input. A value
    that is not understood leaves only its own field out: the page shows without that filter or
    pre-filled value, and says so (see `understood`), never a server error or a silently wrong
    list."""

    not_understood_message = _("Not understood, so not applied: %(fields)s.")

    def understood_data(self) -> dict:
        """The cleaned value of every field whose value was understood; nothing when unbound."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return self.cleaned_data

    def not_understood(self) -> list[str]:
        """The labels of the fields whose value was not understood."""
        if not self.is_bound:
            return []
        return [str(self.fields[name].label) for name in self.errors if name in self.fields]


def understood(request: HttpRequest, form: QueryForm) -> dict:
    """The values of `form` that were understood; a warning above the page names the rest."""
    fields = form.not_understood()
    if fields:
        messages.warning(request, form.not_understood_message % {"fields": ", ".join(fields)})
    return form.understood_data()


class FilterForm(QueryForm):
    """A search or filter form above a list (GET): its fields get Bootstrap's classes, so they
    line up in one row of equal controls (the other forms are laid out by crispy-forms)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs["class"] = " ".join(filter(None, [widget.attrs.get("class"), css]))
