"""The public pages: regions, a programme, a region over time, a council, a meeting, .ics."""

import datetime as dt
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from byregion.networks.councils import composition
from byregion.networks.models import (
    AgendaItem,
    Council,
    CouncilMember,
    Meeting,
    MeetingStatus,
    Region,
    Sector,
)

COUNCIL = "/regioner/alesundregionen/rad/radet-for-region-alesund/"


def main_text(response) -> str:
    body = response.content.decode()
    main = re.search(r"(?s)<main.*?</main>", body).group(0)
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def json_ld(response) -> dict:
    found = re.search(
        r'(?s)<script type="application/ld\+json">(.*?)</script>', response.content.decode()
    )
    return json.loads(found.group(1))


def test_index_lists_programmes_and_regions(client, demo_networks, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get("/regioner/")
    text = main_text(response)
    for name in ("Byregionprogrammet", "Molderegionen", "Kristiansundregionen", "Ålesundregionen"):
        assert name in text
    assert reverse("networks:index") == "/regioner/"


def test_menu_links_to_the_regions(client, demo_networks):
    body = client.get("/nn/regioner/").content.decode()
    assert re.search(r'<a[^>]+href="/nn/regioner/"[^>]*aria-current="page"[^>]*>\s*Regionar', body)


def test_programme_page_counts_from_the_data(client, demo_networks, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        response = client.get("/regioner/programmer/byregionprogrammet/")
    text = main_text(response)
    assert "31. desember 2018: 3 regioner, 21 medlemskommuner, 1 observatørkommune." in text
    assert "Kommunal- og moderniseringsdepartementet" in text
    assert "Distriktssenteret" in text
    assert "Kristiansundregionen 1. januar 2014 \u2013 6 (og 1 observatør)" in text
    assert "Molderegionen 1. januar 2014 \u2013 8" in text
    assert "Ålesundregionen 1. januar 2014 \u2013 7" in text
    assert 'lang="nn"' in response.content.decode()  # the purpose is in Nynorsk


def test_programme_page_on_another_date(client, demo_networks):
    text = main_text(client.get("/regioner/programmer/byregionprogrammet/?date=2017-06-01"))
    assert "1. juni 2017: 3 regioner, 21 medlemskommuner" in text
    text = main_text(client.get("/en/regioner/programmer/byregionprogrammet/?date=2020-01-01"))
    assert "0 regions, 0 member municipalities" in text
    assert "outside the programme's period" in text


def test_a_bad_date_keeps_the_input_and_says_why(client, demo_networks):
    response = client.get("/nn/regioner/programmer/byregionprogrammet/?date=2017-02-30")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="2017-02-30"' in body and 'aria-invalid="true"' in body
    assert "«2017-02-30» er ikkje ein dato." in body


def test_region_page_then_and_now(client, demo_networks, django_assert_max_num_queries):
    # The first request: it also fills the caches (the site, the header and footer, the
    # municipalities' timeline, the paths view restrictions reach); the region's councils
    # and meetings are one query; the region's numbers (indicators' section) one more.
    with django_assert_max_num_queries(13):
        response = client.get("/regioner/alesundregionen/")
    text = main_text(response)
    assert "Medlemmer 31. desember 2018" in text
    assert "Den siste dagen i regionens programperiode." in text
    for member in ("Ørskog 1523", "Skodje 1529", "Sandøy 1546", "Haram 1534", "Ålesund 1504"):
        assert member in text
    assert "Ålesund 1504 senter" in text
    # Now: four municipalities, Ålesund made of four members.
    assert "Ålesund 1508 senter Møre og Romsdal medlem Ålesund (1504), Ørskog (1523)" in text
    assert "Haram 1580" in text and "4 medlemskommuner i dag" in text
    # Every change in words.
    assert "Ørskog (1523) ble en del av Ålesund (1507) 1. januar 2020." in text
    assert "Haram (1580) 1. januar 2024" in text
    # The council is linked.
    assert COUNCIL in response.content.decode()


def test_region_page_shows_observers_counties_and_source_notes(client, demo_networks):
    text = main_text(client.get("/en/regioner/kristiansundregionen/"))
    assert "Aure 1576 Møre og Romsdal observer" in text
    assert "Distriktssenteret fører Aure som observatør" in text
    assert "Heim 5055 Trøndelag member Halsa (1571)" in text
    assert "6 member municipalities today, 1 observer." in text
    assert "Halsa (1571) became part of Heim (5055) on 1 January 2020." in text
    molde = main_text(client.get("/en/regioner/molderegionen/"))
    assert molde.count("uten Nesset og Vestnes") == 2


def test_region_page_json_ld_is_a_place_of_todays_municipalities(client, demo_networks):
    data = json_ld(client.get("/regioner/alesundregionen/"))
    assert data["@type"] == "Place"
    assert [p["identifier"] for p in data["containsPlace"]] == ["1508", "1531", "1532", "1580"]
    assert data["containsPlace"][0]["containedInPlace"]["identifier"] == "15"


def test_region_page_on_a_chosen_date(client, demo_networks):
    text = main_text(client.get("/nn/regioner/alesundregionen/?date=2020-06-01"))
    assert "Medlemer 1. juni 2020" in text
    assert "Giske 1532" in text and "Ørskog" not in text.split("Medlemer 1. juni 2020")[1][:400]
    text = main_text(client.get("/regioner/alesundregionen/?date=2010-01-01"))
    assert "Ingen medlemskap er registrert på den datoen." in text


def test_region_page_lists_only_live_gatherings(client, demo_networks):
    from wagtail.models import Page

    from byregion.gatherings.models import GatheringIndexPage, GatheringPage

    home = Page.objects.get(depth=2) if Page.objects.filter(depth=2).exists() else None
    if home is None:
        pytest.skip("no Wagtail home page in this database")
    index = home.add_child(instance=GatheringIndexPage(title="Samlinger", slug="samlinger-test"))
    region = Region.objects.get(slug="alesundregionen")
    start = timezone.make_aware(dt.datetime(2017, 3, 22, 9))
    for title, live in (("Byregionsamling", True), ("Utkast", False)):
        index.add_child(
            instance=GatheringPage(
                title=title,
                slug=title.lower(),
                start=start,
                end=start + dt.timedelta(days=1),
                host_region=region,
                live=live,
            )
        )
    text = main_text(client.get("/regioner/alesundregionen/"))
    assert "Byregionsamling" in text and "Utkast" not in text


def test_unknown_pages_are_404(client, demo_networks, first_meeting):
    assert client.get("/regioner/finnes-ikke/").status_code == 404
    assert client.get("/regioner/programmer/finnes-ikke/").status_code == 404
    assert client.get("/regioner/molderegionen/rad/radet-for-region-alesund/").status_code == 404
    wrong = f"/regioner/molderegionen/rad/radet-for-region-alesund/moter/{first_meeting.pk}/"
    assert client.get(wrong).status_code == 404
    assert client.get(wrong + "kalender.ics").status_code == 404


def test_council_page_composition_and_meetings(
    client, demo_networks, django_assert_max_num_queries
):
    # 8 on the first request: one of them each seat's attendance over the last year.
    with django_assert_max_num_queries(8):
        response = client.get("/nn" + COUNCIL)
    body = response.content.decode()
    text = main_text(response)
    assert 'lang="nn"' in body
    assert "Samansetjing etter sektor" in text
    for sector in (
        "Fylkeskommune",
        "Kommune",
        "Ungdomspolitikar",
        "Ordførar",
        "Administrasjon",
        "Forskings- og utdanningsmiljø",
        "Næringsliv",
        "Samfunnsliv",
    ):
        assert f"{sector} 1" in text
    assert "I alt 8" in text
    assert '<svg role="img" aria-labelledby="chart-title"' in body
    assert "Leiar ikkje oppgitt" in text
    assert "Tidlegare møte fredag 10. mars 2017" in text
    assert "Inga møte er planlagde" not in text and "Ingen møte er planlagde." in text


def test_composition_lists_sectors_nobody_represents(demo_networks):
    sectors = list(Sector.objects.all())
    council = Council.objects.get(slug="radet-for-region-alesund")
    members = list(council.members.select_related("sector"))[:2]
    result = composition(members, sectors)
    assert result.total == 2
    assert [row.count for row in result.sectors] == [1, 1, 0, 0, 0, 0, 0, 0]
    assert len(result.missing) == 6
    assert [row.width for row in result.chart["rows"]][:3] == [170, 170, 0]


def test_names_are_shown_only_with_consent(client, demo_networks):
    council = Council.objects.get(slug="radet-for-region-alesund")
    seat = council.members.get(sector__slug="mayor")
    seat.person_name = "Kari Prøvenavn"
    seat.save()
    assert "Kari Prøvenavn" not in client.get(COUNCIL).content.decode()
    seat.name_is_public = True
    seat.save()
    assert "Kari Prøvenavn" in client.get(COUNCIL).content.decode()


def test_chair_is_shown(client, demo_networks):
    council = Council.objects.get(slug="radet-for-region-alesund")
    CouncilMember.objects.filter(council=council, sector__slug="mayor").update(role="chair")
    assert "Leder Ordfører" not in main_text(client.get(COUNCIL))
    assert "Leder Ordførar" in main_text(client.get(COUNCIL))


def test_meeting_page(client, demo_networks, first_meeting, django_assert_max_num_queries):
    # 7 on the first request, one of them the attendance (prefetched with the seats).
    AgendaItem.objects.create(meeting=first_meeting, title="Sak A", sort_order=1)
    AgendaItem.objects.create(meeting=first_meeting, title="Sak B", sort_order=0)
    url = f"{COUNCIL}moter/{first_meeting.pk}/"
    with django_assert_max_num_queries(7):
        response = client.get(url)
    text = main_text(response)
    assert "fredag 10. mars 2017" in text
    assert "10.00\u201314.00" in text  # with an en dash
    assert "Quality Hotel Waterfront, Ålesund" in text
    assert "Gjennomført" in text
    assert text.index("Sak B") < text.index("Sak A")
    data = json_ld(response)
    assert data["@type"] == "Event"
    assert data["startDate"] == "2017-03-10T10:00:00+01:00"
    assert data["endDate"] == "2017-03-10T14:00:00+01:00"
    assert data["location"]["name"] == "Quality Hotel Waterfront"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["description"] == "Sak B; Sak A"


def test_meeting_calendar_file(client, demo_networks, first_meeting):
    response = client.get(f"{COUNCIL}moter/{first_meeting.pk}/kalender.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="meeting-2017-03-10.ics"' in response["Content-Disposition"]
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == dt.datetime(2017, 3, 10, 9, tzinfo=dt.UTC)
    assert event.decoded("dtend") == dt.datetime(2017, 3, 10, 13, tzinfo=dt.UTC)
    assert str(event["summary"]) == "Første møte"
    assert str(event["location"]) == "Quality Hotel Waterfront, Ålesund"
    assert str(event["status"]) == "CONFIRMED"
    assert str(event["url"]).endswith(f"/moter/{first_meeting.pk}/")
    # Same bytes on the next request: nothing in it depends on the moment it was asked for.
    again = client.get(f"{COUNCIL}moter/{first_meeting.pk}/kalender.ics")
    assert again.content == response.content


def test_cancelled_and_upcoming_meetings(client, demo_networks):
    council = Council.objects.get(slug="radet-for-region-alesund")
    soon = timezone.now() + dt.timedelta(days=30)
    meeting = Meeting.objects.create(
        council=council, start=soon, end=soon + dt.timedelta(hours=2), status="cancelled"
    )
    text = main_text(client.get("/en" + COUNCIL))
    upcoming = text.split("Upcoming meetings")[1].split("Past meetings")[0]
    assert "Cancelled" in upcoming
    event = Calendar.from_ical(
        client.get(f"{COUNCIL}moter/{meeting.pk}/kalender.ics").content
    ).walk("VEVENT")[0]
    assert str(event["status"]) == "CANCELLED"
    data = json_ld(client.get(f"{COUNCIL}moter/{meeting.pk}/"))
    assert data["eventStatus"] == "https://schema.org/EventCancelled"


def test_the_region_page_names_each_councils_next_and_last_meeting(
    client, demo_networks, first_meeting
):
    text = main_text(client.get("/en/regioner/alesundregionen/"))
    assert "Last meeting: Friday 10 March 2017" in text
    assert "Next meeting" not in text  # none is planned in the demo
    council = Council.objects.get(slug="radet-for-region-alesund")
    later = timezone.localtime() + dt.timedelta(days=60)
    sooner = later - dt.timedelta(days=30)
    for start in (later, sooner):
        Meeting.objects.create(council=council, start=start, end=start + dt.timedelta(hours=2))
    response = client.get("/en/regioner/alesundregionen/")
    assert f"Next meeting: {sooner:%A} {sooner.day} {sooner:%B %Y}" in main_text(response)
    nearest = Meeting.objects.get(council=council, start__date=sooner.date())
    assert nearest.get_absolute_url() in response.content.decode()  # /en/ while active


def test_meeting_rules(demo_networks):
    from django.core.exceptions import ValidationError

    council = Council.objects.get(slug="radet-for-region-alesund")
    start = timezone.now()
    meeting = Meeting(council=council, start=start, end=start - dt.timedelta(hours=1))
    with pytest.raises(ValidationError) as caught:
        meeting.full_clean()
    assert "end" in caught.value.message_dict
    meeting.end = start + dt.timedelta(hours=1)
    meeting.minutes_id = None
    meeting.full_clean()
    assert meeting.status == MeetingStatus.PLANNED


def test_region_page_lists_the_news_about_the_region(client, demo_networks):
    from byregion.demo.content import load_all

    load_all()  # the whole demo: the news article names Ålesundregionen
    html = client.get("/nn/regioner/alesundregionen/").content.decode()
    assert "Nyheiter om regionen" in html
    assert 'lang="nn">Byregionsamling i Ålesund</a>, Ålesund kommune' in html
    assert 'href="/nn/nyheter/?region=alesundregionen"' in html
