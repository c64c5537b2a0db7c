"""A refusal reaches the person: on the form they sent, with what they typed, or as a message."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from cases.workflow import TransitionRefused
from smw.errors import Refused, refusal_as_message, refusal_to


class NoteForm(forms.Form):
    note = forms.CharField()


def test_refusal_is_shown_on_the_form_with_what_was_typed():
    form = NoteForm({"note": "Moeder belt terug."})
    assert form.is_valid()

    with refusal_to(form):
        raise Refused("This case is closed. Reopen it first.")

    assert form.non_field_errors() == ["This case is closed. Reopen it first."]
    assert 'value="Moeder belt terug."' in str(form["note"])


def test_a_refusal_about_one_field_is_shown_at_that_field():
    form = NoteForm({"note": "Gesprek met moeder"})
    assert form.is_valid()

    with refusal_to(form):
        raise Refused("This date lies in the future.", field="note")

    assert form.errors == {"note": ["This date lies in the future."]}
    assert form.non_field_errors() == []


def test_the_block_after_a_refusal_does_not_run():
    form = NoteForm({"note": "x"})
    form.is_valid()
    reached = []

    def close_case():
        raise TransitionRefused("Only the case manager can do this.")

    with refusal_to(form):
        close_case()
        reached.append("after")

    assert reached == []
    assert form.non_field_errors() == ["Only the case manager can do this."]


def test_a_form_without_refusal_keeps_no_error():
    form = NoteForm({"note": "x"})
    form.is_valid()

    with refusal_to(form):
        pass

    assert form.is_valid()


def test_other_errors_are_not_taken_for_a_refusal():
    form = NoteForm({"note": "x"})
    form.is_valid()

    with pytest.raises(ValueError), refusal_to(form):
        raise ValueError("a bug, not a refusal")


def test_refusal_as_message_for_the_next_page():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)

    with refusal_as_message(request):
        raise Refused("This signal has already been taken on by Anna.")

    assert [str(m) for m in get_messages(request)] == [
        "This signal has already been taken on by Anna."
    ]
