"""The registration form's defences in headless Chromium (issue 13, finding 1): the field for
robots is out of sight and out of the keyboard's way, a second attempt with a registered
address lands on a page that says nothing, and the address is confirmed with a button.
axe-core on each page."""

import re

import pytest
from django.core import mail

from byregion.registrations.forms import HONEYPOT
from byregion.registrations.models import Registration
from tests.pages import role_categories
from tests.registrations.conftest import make_gathering

from .conftest import check_axe, save_screenshot

pytestmark = pytest.mark.browser

FORM = "/samlinger/forsvar/pamelding/"


@pytest.fixture
def gathering(home_page):
    role_categories()
    return make_gathering(capacity=10, title="Samling med forsvar (testdata)", slug="forsvar")


def fill_in(page, name, email):
    page.fill("#id_name", name)
    page.fill("#id_email", email)
    page.fill("#id_organisation_name", "Testorganisasjonen")
    page.select_option("#id_role", index=1)


def test_the_trap_is_out_of_sight_and_out_of_the_keyboards_way(page, gathering):
    page.goto(FORM)
    check_axe(page)
    trap = page.locator(f"input[name={HONEYPOT}]")
    box = trap.bounding_box()
    assert box is None or box["x"] + box["width"] <= 0  # off-screen
    # Tab from the consent box, the last field, goes to the button, past the trap.
    page.focus("#id_public_consent")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"


def test_a_second_attempt_says_nothing_and_the_address_is_confirmed_with_a_button(
    page, gathering, live_server
):
    page.goto(FORM)
    fill_in(page, "Testdeltakar Forsvar", "forsvar@example.invalid")
    page.check("#id_public_consent")
    page.click("button[type=submit]")
    page.wait_for_url("**/pamelding/*/?new=1")
    assert "Du har ikke bekreftet e-postadressen din ennå." in page.content()
    check_axe(page)

    page.goto(FORM)
    fill_in(page, "Hei frå angriparen", "FORSVAR@example.invalid")
    page.click("button[type=submit]")
    page.wait_for_url("**/lenke-sendt/")
    assert "Hvis det finnes en påmelding med denne adressen" in page.content()
    assert "Testdeltakar Forsvar" not in page.content()
    check_axe(page)
    save_screenshot(page, "registration-link-sent-nb")
    assert Registration.objects.count() == 1

    link = re.search(r"https?://\S+/bekreft/\S+/", mail.outbox[0].body)[0]
    page.goto(link.replace(link.split("/pamelding/")[0], live_server.url))
    check_axe(page)
    save_screenshot(page, "registration-confirm-email-nb")
    page.click("button[type=submit]")
    page.wait_for_url("**/pamelding/*/")
    assert "E-postadressen din er bekreftet." in page.content()
    page.goto("/samlinger/forsvar/deltakere/")
    assert "Testdeltakar Forsvar" in page.content()
