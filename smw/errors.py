"""A refusal: what a workflow function raises when it will not do what was asked, and the two
ways a page shows it (on the form that asked, or as a message above the page it returns to)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django import forms
from django.contrib import messages
from django.http import HttpRequest


class Refused(Exception):
    """A change the rules do not allow now; str(exc) is a message the person can act on.

    `field` names the form field the message belongs to, when it is about one field.
    """

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


@contextmanager
def refusal_to(form: forms.BaseForm) -> Iterator[None]:
    """Run the block; a refusal becomes an error on `form` (at its field, else at the top), which
    keeps what was typed.

    The block ends with the page's response on success; after a refusal the code below the
    block runs, and shows the form again.
    """
    try:
        yield
    except Refused as exc:
        form.add_error(exc.field, str(exc))


@contextmanager
def refusal_as_message(request: HttpRequest) -> Iterator[None]:
    """Run the block; a refusal becomes an error message on the next page (buttons without a
    form of their own: take on, change stage)."""
    try:
        yield
    except Refused as exc:
        messages.error(request, str(exc))
