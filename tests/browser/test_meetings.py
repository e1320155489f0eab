"""A region's editor adds a meeting as the issue asked (issue 16, item 8): from the council,
with the admin's date-time picker, and then opens the meeting's public page."""

import re

import pytest
from django.conf import settings
from django.test import Client

from tests.browser.conftest import save_screenshot

pytestmark = pytest.mark.browser


def sign_in(page, user) -> None:
    """The browser gets a session of `user`'s (the sign-in form is tests/browser/test_sign_in)."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": page.url}]
    )


def test_region_editor_adds_a_meeting_from_the_council_with_the_picker(
    page, live_server, live_demo_content, django_user_model
):
    from byregion.networks.models import Council, Meeting, Region
    from byregion.networks.permissions import make_region_editor_group

    region = Region.objects.get(slug="alesundregionen")
    council = Council.objects.get(region=region)
    editor = django_user_model.objects.create_user("alesund", "alesund@example.invalid", "pw")
    editor.groups.add(make_region_editor_group(region, "Region Ålesund: redaktørar"))
    page.context.set_default_timeout(10_000)
    page.goto("/")
    sign_in(page, editor)

    # The council's page in the admin leads to adding a meeting, with the council chosen.
    page.goto(f"/admin/snippets/networks/council/edit/{council.pk}/")
    page.get_by_role("link", name="Legg til møte").click()
    page.wait_for_url(f"**/admin/snippets/networks/meeting/add/?council={council.pk}")
    assert page.locator("#id_council").input_value() == str(council.pk)
    page.fill("#id_title", "Arbeidsmøte")

    # The start is picked in the calendar: a day of the month shown, then a time.
    start = page.locator("#id_start")
    assert start.get_attribute("placeholder") == "dd.mm.åååå tt.mm"
    start.click()
    picker = page.locator(".xdsoft_datetimepicker:visible")
    picker.locator(".xdsoft_date:not(.xdsoft_other_month)", has_text=re.compile(r"^15$")).click()
    # The time list scrolls to the hour it is now, and the picker's frame can lie over an
    # hour far from it: a click event on the time itself, as a tap there sends.
    picker.locator(".xdsoft_time", has_text="10.00").dispatch_event("click")
    save_screenshot(page, "admin-meeting-picker", full_page=False)
    picked = start.input_value()
    assert re.fullmatch(r"15\.\d\d\.\d{4} 10\.00", picked), picked
    day = picked.split()[0]
    page.locator("#id_end").fill(f"{day} 14.00")
    page.keyboard.press("Escape")
    page.locator("#id_venue_name").click()  # closes the end's calendar
    page.get_by_role("button", name="Lagre").click()

    # Saved: the message links to the public page, and the page shows the meeting.
    page.wait_for_url("**/admin/snippets/networks/meeting/")
    meeting = Meeting.objects.get(title="Arbeidsmøte")
    assert meeting.council == council
    link = page.get_by_role("link", name="Se den offentlige siden")
    assert link.get_attribute("href") == meeting.get_absolute_url()
    save_screenshot(page, "admin-meeting-saved", full_page=False)
    assert f"{day} 10.00" in page.locator("main tbody").first.inner_text()
    page.goto(meeting.get_absolute_url())
    assert "Arbeidsmøte" in page.locator("main h1").inner_text()
