"""A participant's reminder to their evaluation (issue 15): the reminder's personal link and
the follow-up's evaluation link are read from a real SMTP server, the participant answers on
a phone, and an organiser reads the results; axe-core on the form and the results."""

import datetime as dt
import re
import uuid
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from byregion.registrations import reminders, services
from byregion.registrations.models import EvaluationResponse, Questionnaire, Registration
from tests.gatherings.conftest import make_operator, make_programme
from tests.pages import role_categories
from tests.registrations.conftest import make_gathering, make_regions, make_session, make_user

from .conftest import DESKTOP, MOBILE, check_axe, save_screenshot

pytestmark = pytest.mark.browser
LINK = re.compile(r"https?://\S+")


def path_of(url: str) -> str:
    """The link's path, to open on the live server (the mail's host is SITE_URL's)."""
    return urlsplit(url).path


def links(received) -> list[str]:
    return LINK.findall(received.text())


@pytest.fixture
def coming_up(home_page):
    """A gathering five days ahead with a questionnaire, a plenary and a workshop, and one
    participant who registered a month ago and chose the workshop."""
    roles = role_categories()
    regions = make_regions()
    gathering = make_gathering(capacity=10, days_ahead=5, title="Byregionsamling (testdata)")
    make_session(gathering, "Plenum: handlingsrom", hour=9)
    workshop = make_session(gathering, "Verkstad: næringsliv", hour=11, format="workshop")
    Questionnaire.objects.create(gathering=gathering)
    person = services.register(
        gathering,
        {
            "name": "Testdeltakar Evaluering",
            "email": "evaluering@example.invalid",
            "role": roles["mayor"],
            "region": regions["alesund"],
            "sessions": [workshop],
        },
        idempotency_key=uuid.uuid4(),
        notify=False,
    )
    Registration.objects.filter(pk=person.pk).update(created=timezone.now() - dt.timedelta(days=30))
    return gathering, person, workshop


def test_reminder_then_follow_up_then_evaluation(
    page, live_server, coming_up, smtp_server, monkeypatch
):
    gathering, person, _workshop = coming_up
    # The reminder: its personal link opens the participant's page.
    assert reminders.run()["sent"] == 1
    [reminder] = smtp_server.to(person.email)
    personal = next(url for url in links(reminder) if "/pamelding/" in url)
    page.goto(path_of(personal))
    assert page.locator("h1").inner_text() == "Din påmelding"
    assert page.get_by_text("Verkstad: næringsliv").count() >= 1

    # The day after the end: the follow-up links the materials and the evaluation.
    later = gathering.end + dt.timedelta(days=1, hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    smtp_server.clear()
    assert reminders.run()["sent"] == 1
    [follow_up] = smtp_server.to(person.email)
    evaluation_link = next(url for url in links(follow_up) if "/evaluering/" in url)
    page.goto(path_of(personal))  # the personal page links it now too
    assert page.get_by_role("link", name="Svar på evalueringen").count() == 1

    page.set_viewport_size(MOBILE)
    page.goto(path_of(evaluation_link))
    assert page.locator("h1").inner_text() == "Hvordan var samlingen?"
    check_axe(page)
    save_screenshot(page, "evaluation-form-phone")
    # Every question may be skipped: a comment alone is an answer.
    page.fill("textarea[name=comment]", "Gode døme frå andre regionar.")
    page.get_by_role("button", name="Send svarene mine").click()
    assert page.locator("h1").inner_text() == "Takk for svarene"
    check_axe(page)

    # Once only: the link again says so.
    page.goto(path_of(evaluation_link))
    assert page.locator("h1").inner_text() == "Du har allerede svart"
    page.goto(path_of(personal))  # and the personal page no longer offers it
    assert page.get_by_role("link", name="Svar på evalueringen").count() == 0
    stored = EvaluationResponse.objects.get()
    assert stored.comment == "Gode døme frå andre regionar."


def test_bad_input_keeps_the_answers_and_the_error_is_announced(
    page, live_server, coming_up, monkeypatch
):
    gathering, person, workshop = coming_up
    monkeypatch.setattr(timezone, "now", lambda: gathering.start + dt.timedelta(hours=3))
    page.set_viewport_size(MOBILE)
    page.goto(person.get_evaluation_url())
    page.get_by_role("button", name="Send svarene mine").click()
    alert = page.locator("#form-errors")
    assert "Svar på minst ett spørsmål." in alert.inner_text()
    check_axe(page)
    page.locator(f"label[for=id_session_{workshop.pk}_3]").click()
    page.locator("label[for=id_overall_4]").click()
    page.get_by_role("button", name="Send svarene mine").click()
    assert page.locator("h1").inner_text() == "Takk for svarene"
    stored = EvaluationResponse.objects.get()
    assert stored.overall == 5 and stored.session_ratings == {str(workshop.pk): 4}


def test_organiser_reads_the_results_and_the_series(
    chromium, live_server, coming_up, django_user_model
):
    gathering, _person, workshop = coming_up
    EvaluationResponse.objects.bulk_create(
        EvaluationResponse(
            gathering=gathering,
            submitted_on=dt.date(2027, 1, 1),
            overall=overall,
            relevance=4,
            recommend=overall > 2,
            session_ratings={str(workshop.pk): 4},
            comment="Meir tid til verkstadene." if overall == 5 else "",
        )
        for overall in [5] * 6 + [4] * 5 + [2] * 2
    )
    programme = make_programme(make_operator())
    last_year = make_gathering(capacity=10, days_ahead=-360, title="Samling i fjor")
    for each in (gathering, last_year):
        each.programme = programme
        each.save()
    EvaluationResponse.objects.bulk_create(
        EvaluationResponse(gathering=last_year, submitted_on=dt.date(2026, 1, 1), overall=3)
        for _ in range(3)
    )
    organiser = make_user(
        django_user_model, "arrangor", "view_registration", "change_registration",
        "manage_every_gathering",
    )  # fmt: skip
    client = Client()
    client.force_login(organiser, backend="django.contrib.auth.backends.ModelBackend")
    context = chromium.new_context(base_url=live_server.url, viewport=DESKTOP)
    context.set_default_timeout(10_000)
    site = live_server.url
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(site) else route.abort(),
    )
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": site,
            }
        ]
    )
    page = context.new_page()
    page.goto(f"/admin/registration-desk/gathering/{gathering.pk}/evaluation/")
    content = page.content()
    assert "under 5" in content and "Meir tid til verkstadene." in content
    assert "Verkstad: næringsliv" in page.locator(".byr-chart table").last.inner_text()
    check_axe(page)
    save_screenshot(page, "evaluation-results-desktop")

    # The series: last year's gathering of the same programme beside this one.
    page.get_by_role("link", name="Sammenlign med serien").click()
    page.wait_for_url("**/evaluation/compare/")
    table = page.locator(".byr-chart table").inner_text()
    assert "Samling i fjor" in table and "4,0" in table and "under 5" in table
    check_axe(page)
    save_screenshot(page, "evaluation-compare-desktop")

    page.goto(f"/admin/registration-desk/gathering/{gathering.pk}/evaluation/questions/")
    check_axe(page)
    context.close()
