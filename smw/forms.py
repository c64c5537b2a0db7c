"""What the forms of every app share."""

from __future__ import annotations

from django import forms


class FilterForm(forms.Form):
    """A search or filter form above a list (GET): its fields get Bootstrap's classes, so they
    line up in one row of equal controls (the other forms are laid out by crispy-forms)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs["class"] = " ".join(filter(None, [widget.attrs.get("class"), css]))
