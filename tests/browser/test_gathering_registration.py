"""The issue's "done when", end to end in headless Chromium on the demo content: Ålesund's
gathering shows its (example) programme, takes a registration through the browser, sends a
confirmation with a valid .ics, is full (230 generated registrations for 230 seats), puts
the visitor on the waitlist, and promotes them when a seat is freed.

Set-up, stated: the demo marks Ålesund as held (it was, in 2017). To register, an organiser
reopens it as they would in Wagtail's admin: status "open for registration" and a closing
date in the future, published as a new revision of the page (`open_alesund`).
"""

import datetime as dt
import time
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from byregion.demo.gatherings import ALESUND_SLUG
from byregion.gatherings.models import GatheringPage, GatheringStatus
from byregion.registrations import audit, services
from byregion.registrations.models import Registration, Status
from tests.browser.conftest import DESKTOP, MOBILE, check_axe, save_screenshot

pytestmark = pytest.mark.browser

OSLO = ZoneInfo("Europe/Oslo")
PAGE = f"/nn/samlinger/{ALESUND_SLUG}/"
VISITOR = "besokar@example.org"


@pytest.fixture
def open_alesund(live_demo_content):
    """The organiser opens registration: status open, closing in four weeks, published."""
    gathering = GatheringPage.objects.get(slug=ALESUND_SLUG)
    gathering.status = GatheringStatus.OPEN
    gathering.registration_closes = timezone.now() + dt.timedelta(weeks=4)
    gathering.save_revision().publish()
    return GatheringPage.objects.get(pk=gathering.pk)


def _mail_to(address: str, count: int, timeout: float = 5.0) -> list:
    """The messages to `address`, waiting briefly until `count` have arrived."""
    deadline = time.monotonic() + timeout
    while True:
        messages = [m for m in mail.outbox if m.to == [address]]
        if len(messages) >= count or time.monotonic() > deadline:
            return messages
        time.sleep(0.05)


def _ics_events(message) -> list:
    """The events of the message's .ics attachment, after checking it parses as iCalendar."""
    # Attachments made with attach(name, content, mimetype) are (name, content, mimetype).
    (attachment,) = [
        a for a in message.attachments if isinstance(a, tuple) and a[0] == "gathering.ics"
    ]
    assert attachment[2] == "text/calendar"
    calendar = icalendar.Calendar.from_ical(attachment[1])
    assert calendar["VERSION"] == "2.0"
    return list(calendar.walk("VEVENT"))


def test_alesund_registration_waitlist_and_promotion(page, open_alesund):
    gathering = open_alesund
    assert Registration.objects.filter(gathering=gathering, status=Status.CONFIRMED).count() == 230
    assert gathering.capacity == 230

    # The gathering page: the example notice, and the status card saying it is full.
    page.goto(PAGE)
    main = page.locator("main")
    assert page.locator(".gathering-example").is_visible()
    status = page.locator(".gathering-register")
    assert "Alle plassane er tekne" in status.inner_text()
    check_axe(page)
    save_screenshot(page, "e2e-alesund-gathering-nn")
    page.set_viewport_size(MOBILE)
    save_screenshot(page, "e2e-alesund-gathering-nn-mobile")
    page.set_viewport_size(DESKTOP)

    # Its programme: an example, marked, with the theme and the article's topics.
    page.get_by_role("link", name="Program", exact=True).click()
    page.wait_for_url(f"**{PAGE}program/")
    assert "Eksempelprogram \N{EN DASH} det verkelege programmet finst ikkje i kjeldene våre." in (
        page.locator(".gathering-example").inner_text()
    )
    text = main.inner_text()
    topics = (
        "Handlingsrom for næringsretta samfunnsutvikling",
        "Rådet for Region Ålesund",
        "Tre byregionprosjekt i Møre og Romsdal",
        "37 byregionane",
        "Middag",
    )
    assert all(topic in text for topic in topics)
    assert page.locator(".gathering-slot--parallel").count() == 1
    check_axe(page)
    save_screenshot(page, "e2e-alesund-programme-nn")
    page.set_viewport_size(MOBILE)
    save_screenshot(page, "e2e-alesund-programme-nn-mobile")
    page.set_viewport_size(DESKTOP)

    # Register through the form, reached from the status card's button.
    page.goto(PAGE)
    status.get_by_role("link", name="Set meg på venteliste").click()
    page.wait_for_url(f"**{PAGE}pamelding/")
    check_axe(page)
    page.fill("#id_name", "Besøkar i nettlesaren")
    page.fill("#id_email", VISITOR)
    page.fill("#id_organisation_name", "Testorganisasjonen")
    page.select_option("#id_role", index=1)
    page.check("text=Middag")
    save_screenshot(page, "e2e-alesund-form-nn")
    page.click("button[type=submit]")
    page.wait_for_url("**/pamelding/*/?new=1")

    visitor = Registration.objects.get(email=VISITOR)
    assert visitor.status == Status.WAITLISTED and visitor.language == "nn"
    assert "Du er nummer 1 på ventelista." in page.content()
    check_axe(page)
    save_screenshot(page, "e2e-alesund-waitlisted-nn")
    page.set_viewport_size(MOBILE)
    save_screenshot(page, "e2e-alesund-waitlisted-nn-mobile")
    page.set_viewport_size(DESKTOP)

    # The confirmation: a valid .ics with the gathering on its dates. Only its days are
    # known, so they are whole days (DTEND is the day after the last, as RFC 5545 says).
    (confirmation,) = _mail_to(VISITOR, 1)
    (event,) = _ics_events(confirmation)  # waitlisted: no session seat yet
    assert str(event["SUMMARY"]) == "Byregionsamling i Ålesund"
    assert event.decoded("DTSTART") == dt.date(2017, 3, 22)
    assert event.decoded("DTEND") == dt.date(2017, 3, 24)

    # Someone cancels (one of the generated people, so the system acts for them): the
    # visitor moves up and is told.
    generated = Registration.objects.filter(gathering=gathering, name="Deltakar 017").get()
    promoted = services.cancel(generated, actor=audit.SYSTEM, notify=False)
    assert [r.pk for r in promoted] == [visitor.pk]
    visitor.refresh_from_db()
    assert visitor.status == Status.CONFIRMED
    assert visitor.session_choices.get().status == Status.CONFIRMED  # the dinner
    messages = _mail_to(VISITOR, 2)
    assert len(messages) == 2
    promotion = messages[1]
    assert promotion.subject != confirmation.subject
    events = _ics_events(promotion)
    dinner = next(e for e in events if str(e["SUMMARY"]) == "Middag (Byregionsamling i Ålesund)")
    dinner_start = dinner.decoded("DTSTART").astimezone(OSLO)
    assert (dinner_start.date(), dinner_start.hour) == (dt.date(2017, 3, 22), 19)
    assert Registration.objects.filter(gathering=gathering, status=Status.CONFIRMED).count() == 230

    page.reload()
    assert "Du er nummer" not in page.content()
    check_axe(page)
    save_screenshot(page, "e2e-alesund-promoted-nn")

    page.goto(f"/nn/samlinger/{ALESUND_SLUG}/statistikk/")
    text = main.inner_text()
    assert "Genererte påmeldingar." in text
    assert "Kristiansand" in page.locator(".byr-spread").inner_text()
    assert "Tromsø" in page.locator(".byr-spread").inner_text()
    check_axe(page)
    save_screenshot(page, "e2e-alesund-statistics-nn")
    page.set_viewport_size(MOBILE)
    save_screenshot(page, "e2e-alesund-statistics-nn-mobile")
