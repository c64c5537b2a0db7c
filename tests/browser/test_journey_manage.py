"""Journey: the application manager adds a person and asks a role for them, keeps schools,
assignments and the sociale kaart; the team leader approves the role. Every page `beheer` uses
has no serious or critical axe finding, no console error, and shows no pupil; the Django admin
is 404 to them."""

from __future__ import annotations

import uuid

from accounts.models import Role, RoleRequest, User

from .journey import follow, main_text, submit


def test_application_manager_pages_and_approval(page, login, server, checks):
    username = f"nieuw{uuid.uuid4().hex[:6]}"
    login("beheer")
    assert page.url == f"{server}/accounts/manage/"
    checks.page_ok()

    follow(page, page.locator("main a", has_text="Gebruiker toevoegen"))
    checks.page_ok()
    submit(page)  # empty: the form says what is missing, on an accessible page
    assert page.locator(".invalid-feedback").count() >= 1
    checks.page_ok("new user: errors")
    page.fill("input[name=username]", username)
    page.fill("input[name=first_name]", "Nina")
    page.fill("input[name=last_name]", "Nieuw")
    page.fill("input[name=email]", f"{username}@example.org")
    submit(page)
    person = User.objects.get(username=username)
    assert page.url == f"{server}/accounts/manage/{person.pk}/"
    checks.page_ok()

    form = page.locator("main form[aria-label='Rol geven']")
    form.locator("select[name=role]").select_option(Role.WORKER)
    form.locator("select[name=organisation]").select_option(label="Stichting Jeugd & School")
    follow(page, form.locator("button[type=submit]"))
    assert "wacht op goedkeuring" in main_text(page)
    assert not person.memberships.exists()
    checks.page_ok("person: role asked")

    for path in (
        "/scholen/beheer/",
        "/scholen/beheer/nieuw/",
        "/scholen/beheer/inzet/",
        "/scholen/beheer/inzet/nieuw/",
        "/verwijzingen/sociale-kaart/beheer/",
        "/verwijzingen/sociale-kaart/beheer/nieuw/",
    ):
        response = page.goto(f"{server}{path}")
        assert response.status == 200, path
        checks.page_ok()
    page.goto(f"{server}/scholen/beheer/")
    follow(page, page.locator("main table a").first)
    checks.page_ok()
    page.goto(f"{server}/scholen/beheer/inzet/")
    follow(page, page.locator("main table a").first)
    checks.page_ok()
    page.goto(f"{server}/verwijzingen/sociale-kaart/beheer/")
    follow(page, page.locator("main table a").first)
    checks.page_ok()

    login("teamleider")
    assert page.locator("nav a[href='/accounts/approvals/']").count() == 1
    page.goto(f"{server}/accounts/approvals/")
    checks.page_ok()
    request = RoleRequest.objects.get(user=person)
    row = page.locator("main tr", has_text=username)
    follow(page, row.locator("button", has_text="Goedkeuren"))
    assert "Goedgekeurd" in main_text(page)
    checks.page_ok("approvals: approved")
    request.refresh_from_db()
    assert request.status == RoleRequest.Status.APPROVED
    assert person.memberships.filter(role=Role.WORKER).exists()

    # Django's admin is for operations only: 404 to the application manager
    login("beheer")
    assert page.goto(f"{server}/admin/").status == 404
