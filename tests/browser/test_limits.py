"""Limits that say so: a text field shows the room left while typing, and a paste that does
not fit is refused with a message; the browser never cuts it without a word."""

from __future__ import annotations

import datetime

from playwright.sync_api import expect

from .journey import open_case_in_intake

SCHOOL = "OBS De Regenboog"


def _paste(page, selector: str, text: str) -> None:
    """Put `text` on the clipboard and paste it with the keyboard, as a person would."""
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    page.focus(selector)
    page.keyboard.press("Control+V")


def test_a_paste_that_does_not_fit_is_refused_and_the_room_left_is_shown(
    page, login, server, unique_name
):
    first, last = unique_name("Noor")
    case = open_case_in_intake(
        worker="smw", school=SCHOOL, first=first, last=last, born=datetime.date(2015, 9, 12)
    )
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    login("smw")
    page.goto(f"{server}/dossiers/{case.pk}/intake/")
    field = "textarea[name=signals]"
    room = page.locator("#id_signals-room")
    assert room.inner_text() == "nog 4000 tekens"
    assert room.get_attribute("aria-live") == "polite"
    assert "id_signals-room" in page.get_attribute(field, "aria-describedby")

    page.type(field, "Hallo")
    expect(room).to_have_text("nog 3995 tekens")  # a few times a second, not every key

    # 10,000 characters into a field of 4,000: nothing pasted, nothing cut, and a message.
    _paste(page, field, "x" * 10_000)
    assert page.input_value(field) == "Hallo"
    assert room.inner_text() == (
        "Niet geplakt: de tekst heeft 10000 tekens en er is ruimte voor 3995. "
        "Maak hem eerst korter."
    )

    # What fits is pasted; a line break counts as two, as the server counts it.
    _paste(page, field, "\nPast wel.")
    assert page.input_value(field) == "Hallo\nPast wel."
    expect(room).to_have_text("nog 3984 tekens")
    assert page.console_log.errors == []
