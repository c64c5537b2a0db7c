"""Keyboard users: the skip link comes first and focus stays visible in the navigation bar."""

from __future__ import annotations

from .accessibility import assert_accessible

FOCUSED = "document.activeElement"


def test_skip_link_is_first_and_moves_focus_to_main(page, login):
    login("teamleider")
    page.keyboard.press("Tab")
    skip_link = page.locator(".skip-link")
    assert page.evaluate(f"{FOCUSED}.classList.contains('skip-link')")
    assert skip_link.is_visible()
    assert skip_link.bounding_box()["width"] > 1
    page.keyboard.press("Enter")
    assert page.evaluate(f"{FOCUSED}.id") == "main"


def test_focus_is_visible_on_every_control_of_the_navigation_bar(page, login):
    login("teamleider")
    page.keyboard.press("Tab")  # the skip link
    seen = []
    for _ in range(20):  # the bar has a handful of controls; never loop forever
        page.keyboard.press("Tab")
        if not page.evaluate(f"{FOCUSED}.closest('header') !== null"):
            break
        outline = page.evaluate(
            "(el => { const s = getComputedStyle(el);"
            " return [s.outlineStyle, s.outlineWidth, s.outlineColor]; })(document.activeElement)"
        )
        name = page.evaluate(f"{FOCUSED}.textContent.trim()")
        seen.append(name)
        style, width, color = outline
        assert style != "none" and width != "0px", f"no visible focus on {name!r}: {outline}"
        # on the dark bar a dark or faint ring cannot be seen
        assert color == "rgb(255, 255, 255)", f"faint focus on {name!r}: {outline}"
    assert len(seen) >= 3, seen  # brand, "My workers", the user menu


def test_user_menu_opens_with_the_keyboard(page, login):
    login("smw")
    toggle = page.locator("#user-menu")
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    menu = page.locator("#user-menu + .dropdown-menu")
    assert menu.is_visible()
    assert menu.get_by_role("button").count() == 1  # sign out
    assert_accessible(page)
    assert page.console_log.errors == []
