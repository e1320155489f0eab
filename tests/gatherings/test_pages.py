"""The public pages: gathering, programme, session, index and series; JSON-LD and budgets."""

import json
import re

import pytest
from django.core.cache import cache

from .conftest import make_gathering, make_session, oslo

pytestmark = pytest.mark.django_db

URL = "/samlinger/regional-samling-2027/"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()  # Wagtail caches site root paths; start each test from the database


def json_ld(response) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.text, re.S)
    return json.loads(match.group(1))


def test_gathering_page_shows_the_facts_in_its_own_language(client, gathering):
    response = client.get(URL)
    assert response.status_code == 200
    text = response.text
    assert '<main id="main" class="byr-main" tabindex="-1" lang="nn">' in text
    assert "onsdag 14. april 2027 09.30" in text  # Europe/Oslo, not UTC (07.30)
    assert "Kulturhuset, Storgata 1, Molde" in text
    assert "Molde kommune" in text and "Molderegionen" in text
    assert "Prosjektleiarar og ordførarar" in text
    assert "150 plasser" in text
    assert f'href="{URL}program/"' in text
    assert f'href="{URL}kalender/"' in text
    assert 'href="/samlinger/serie/byregionprogrammet/"' in text
    assert '<meta property="og:title" content="Regional samling 2027">' in text
    assert '<meta property="og:locale" content="nn_NO">' in text


def test_gathering_json_ld_is_an_event(client, gathering):
    data = json_ld(client.get(URL))
    assert data["@type"] == "Event"
    assert data["name"] == "Regional samling 2027"
    assert data["startDate"] == "2027-04-14T09:30:00+02:00"
    assert data["endDate"] == "2027-04-15T13:00:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"]["address"]["addressLocality"] == "Molde"
    assert data["location"]["address"]["streetAddress"] == "Storgata 1"
    assert data["organizer"]["name"] == "Distriktssenteret"
    assert data["maximumAttendeeCapacity"] == 150


def test_a_cancelled_gathering_says_so_in_json_ld(client, gathering_index):
    make_gathering(gathering_index, "avlyst", status="cancelled")
    data = json_ld(client.get("/samlinger/avlyst/"))
    assert data["eventStatus"] == "https://schema.org/EventCancelled"


def test_dates_only_gathering_shows_and_marks_up_dates(client, gathering_index):
    make_gathering(
        gathering_index,
        "alesund",
        start=oslo(2017, 3, 22),
        end=oslo(2017, 3, 23, 23, 59),
        dates_only=True,
    )
    response = client.get("/samlinger/alesund/")
    assert json_ld(response)["startDate"] == "2017-03-22"
    assert json_ld(response)["endDate"] == "2017-03-23"
    assert "00.00" not in response.text


def test_english_interface_writes_dates_the_english_way(client, gathering):
    text = client.get("/en" + URL).text
    assert "Wednesday 14 April 2027 09:30" in text
    assert "150 seats" in text
    assert '<span lang="en">Theme:</span>' in text


def test_programme_groups_parallel_sessions_and_shows_capacity(client, gathering):
    response = client.get(URL + "program/")
    text = response.text
    assert response.status_code == 200
    assert "14.\u201315. april 2027" in text  # the shared month and year written once
    assert "Onsdag 14. april 2027" in text and "Torsdag 15. april 2027" in text
    assert text.count("gathering-slot--parallel") == 1
    assert "2 parallelle programposter" in text
    assert "40 plasser" in text and "30 plasser" in text and "120 plasser" in text
    assert "12.30\u201314.00" in text
    assert "<strong>Kari Nordmann</strong>, ordførar" in text
    assert "Leiar for arrangøren" in text
    assert 'href="https://example.org/a.pdf"' in text
    assert "@media print" in open_css(client, text)


def open_css(client, text) -> str:
    href = re.search(r'href="(/static/gatherings/gatherings\.css)"', text).group(1)
    return b"".join(client.get(href).streaming_content).decode()


def test_programme_not_recorded_says_so(client, gathering_index):
    make_gathering(gathering_index, "utan-program")
    text = client.get("/nn/samlinger/utan-program/program/").text
    assert "Programmet for denne samlinga er ikkje registrert på denne nettstaden." in text


def test_session_page(client, gathering):
    session = gathering.sessions.get(title="Opning")
    response = client.get(f"{URL}program/{session.pk}/")
    assert response.status_code == 200
    assert "Kari Nordmann" in response.text
    assert f'href="{URL}program/{session.pk}/kalender/"' in response.text
    data = json_ld(response)
    assert data["superEvent"]["name"] == "Regional samling 2027"
    assert data["performer"] == [
        {"@type": "Person", "name": "Kari Nordmann", "jobTitle": "ordførar"}
    ]
    assert data["location"]["name"] == "Storsalen, Kulturhuset, Molde"


def test_session_of_another_gathering_is_404(client, gathering, gathering_index):
    other = make_gathering(gathering_index, "anna")
    foreign = make_session(other, "Framand", oslo(2027, 4, 14, 9), oslo(2027, 4, 14, 10))
    assert client.get(f"{URL}program/{foreign.pk}/").status_code == 404
    assert client.get(f"{URL}program/{foreign.pk}/kalender/").status_code == 404
    assert client.get(f"{URL}program/999999/").status_code == 404


def test_registration_button_only_when_registration_exists(client, gathering):
    """The registrations app provides `registrations:register`; until then no button."""
    from django.urls import NoReverseMatch, reverse

    try:
        reverse("registrations:register", args=[gathering.slug])
        has_registration = True
    except NoReverseMatch:
        has_registration = False
    assert ("gathering-register" in client.get(URL).text) == has_registration


def test_index_lists_upcoming_then_past_with_status(client, gathering, gathering_index):
    make_gathering(
        gathering_index, "held-2017", title="Held 2017",
        start=oslo(2017, 3, 22), end=oslo(2017, 3, 23), status="held",
    )  # fmt: skip
    text = client.get("/samlinger/").text
    assert text.index("Regional samling 2027") < text.index("Held 2017")
    assert "Åpen for påmelding" in text and "Gjennomført" in text
    assert 'href="/samlinger/feed/"' in text and 'href="/samlinger/kalender/"' in text
    assert 'href="/samlinger/serie/byregionprogrammet/"' in text


def test_series_page(client, gathering):
    response = client.get("/samlinger/serie/byregionprogrammet/")
    assert response.status_code == 200
    assert "Samlinger i Byregionprogrammet" in response.text
    assert "Regional samling 2027" in response.text
    assert client.get("/samlinger/serie/finst-ikkje/").status_code == 404


@pytest.mark.parametrize(
    ("path", "budget"),
    [
        (URL, 5),
        (URL + "program/", 5),
        ("/samlinger/", 5),
        ("/samlinger/serie/byregionprogrammet/", 5),
        ("/samlinger/feed/", 3),
        ("/samlinger/kalender/", 3),
        (URL + "kalender/", 3),
    ],
)
def test_page_query_budgets_do_not_grow_with_content(
    client, gathering, gathering_index, path, budget, django_assert_max_num_queries, uncached
):
    for n in range(12):
        session = make_session(gathering, f"Ekstra {n}", oslo(2027, 4, 15, 8), oslo(2027, 4, 15, 9))
        session.speakers.create(title="rolle")
        session.materials.create(title="lenkje", url="https://example.org/")
        make_gathering(gathering_index, f"fleire-{n}", programme=gathering.programme)
    client.get(path)  # fills the caches (the site, the route, the header and footer)
    with django_assert_max_num_queries(budget):
        assert client.get(path).status_code == 200


def test_session_page_budget(client, gathering, django_assert_max_num_queries, uncached):
    session = gathering.sessions.get(title="Opning")
    client.get(f"{URL}program/{session.pk}/")
    with django_assert_max_num_queries(5):
        assert client.get(f"{URL}program/{session.pk}/").status_code == 200
