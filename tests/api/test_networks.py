"""The API's programmes, regions, councils and meetings: the same answers as the pages."""

import datetime as dt

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_a_programme_counts_its_regions_and_municipalities_on_a_date(client, demo_content):
    data = client.get("/api/programmes/byregionprogrammet").json()
    assert data["owner"]["slug"] == "kommunal-og-moderniseringsdepartementet"
    figures = data["figures"]
    assert figures["date"] == "2018-12-31"  # the programme's last day by default
    assert (figures["regions"], figures["municipalities"], figures["observers"]) == (3, 21, 1)
    by_region = {r["region"]["slug"]: (r["members"], r["observers"]) for r in data["regions"]}
    assert by_region["kristiansundregionen"] == (6, 1)  # Aure observes
    before = client.get("/api/programmes/byregionprogrammet", {"as_of": "2013-06-01"}).json()
    assert before["figures"]["in_period"] is False
    assert before["figures"]["regions"] == 0
    assert {r["members"] for r in before["regions"]} == {None}


def test_a_region_lists_its_members_then_and_in_todays_codes(client, demo_content):
    data = client.get(
        "/api/regions/alesundregionen", {"as_of": "2017-01-01", "in_codes_of": "2024-01-01"}
    ).json()
    members = {m["code"]: m for m in data["members"]}
    assert set(members) == {"1504", "1523", "1529", "1531", "1532", "1534", "1546"}
    assert members["1504"]["is_centre"] is True
    assert members["1523"]["last_day"] == "2019-12-31"  # ends with Ørskog itself
    mapped = {m["code"]: m for m in data["in_codes_of"]["members"]}
    assert set(mapped) == {"1508", "1531", "1532", "1580"}
    assert {s["code"] for s in mapped["1508"]["sources"]} == {"1504", "1523", "1529", "1546"}
    assert mapped["1508"]["is_centre"] is True
    assert data["in_codes_of"]["unmapped"] == []
    assert any("Ålesund" in sentence for sentence in data["in_codes_of"]["changes"])
    assert data["councils"][0]["slug"] == "radet-for-region-alesund"


def test_an_observer_is_marked_as_one(client, demo_content):
    data = client.get("/api/regions/kristiansundregionen", {"as_of": "2017-06-01"}).json()
    kinds = {m["name"]: m["kind"] for m in data["members"]}
    assert kinds["Aure"] == "observer"
    assert kinds["Kristiansund"] == "member"


def test_regions_filter_by_programme(client, demo_content):
    slugs = [r["slug"] for r in client.get("/api/regions", {"programme": "byregionprogrammet"})
             .json()["results"]]  # fmt: skip
    assert slugs == ["kristiansundregionen", "molderegionen", "alesundregionen"]


def test_a_council_names_only_the_people_who_agreed(client, demo_content):
    from byregion.networks.models import Council

    council = Council.objects.get(slug="radet-for-region-alesund")
    seats = list(council.members.order_by("sort_order", "pk"))
    seats[0].person_name, seats[0].name_is_public = "Namngitt Leiar", True
    seats[0].save()
    seats[1].person_name, seats[1].name_is_public = "Ikkje Publisert", False
    seats[1].save()
    response = client.get("/api/regions/alesundregionen/councils/radet-for-region-alesund")
    data = response.json()
    assert data["seats"] == 8
    assert {row["seats"] for row in data["composition"]} == {1}
    assert [m["name"] for m in data["members"][:2]] == ["Namngitt Leiar", None]
    assert b"Ikkje Publisert" not in response.content
    assert data["past_meetings"][0]["title"] == "Første møte"
    assert data["upcoming_meetings"] == []


def test_meetings_filter_upcoming_and_past_and_carry_last_modified(client, demo_content):
    from byregion.networks.models import Council, Meeting

    council = Council.objects.get(slug="radet-for-region-alesund")
    coming = Meeting.objects.create(
        council=council, title="Neste møte", start=timezone.now() + dt.timedelta(days=30)
    )
    upcoming = client.get("/api/meetings", {"when": "upcoming"}).json()["results"]
    past = client.get("/api/meetings", {"when": "past", "region": "alesundregionen"}).json()
    assert [m["id"] for m in upcoming] == [coming.pk]
    assert [m["title"] for m in past["results"]] == ["Første møte"]
    response = client.get(f"/api/meetings/{coming.pk}")
    assert response["Last-Modified"]
    assert response.json()["agenda"] == [] and response.json()["minutes_url"] is None
    again = client.get(
        f"/api/meetings/{coming.pk}", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]
    )
    assert again.status_code == 304


@pytest.mark.parametrize(
    ("path", "params", "status", "parameter"),
    [
        ("/api/programmes/finst-ikkje", {}, 404, "slug"),
        ("/api/programmes/byregionprogrammet", {"as_of": "2018-02-30"}, 400, "as_of"),
        ("/api/regions", {"programme": "finst-ikkje"}, 400, "programme"),
        ("/api/regions/finst-ikkje", {}, 404, "slug"),
        ("/api/regions/alesundregionen", {"in_codes_of": "i dag"}, 400, "in_codes_of"),
        ("/api/regions/alesundregionen", {"as_of": "1.1.2017"}, 400, "as_of"),
        ("/api/councils", {"region": "finst-ikkje"}, 400, "region"),
        ("/api/regions/finst-ikkje/councils/radet-for-region-alesund", {}, 404, "region"),
        ("/api/regions/alesundregionen/councils/finst-ikkje", {}, 404, "slug"),
        ("/api/meetings", {"when": "tomorrow"}, 400, "when"),
        ("/api/meetings", {"council": "finst-ikkje"}, 400, "council"),
        ("/api/meetings/999999", {}, 404, "id"),
        ("/api/meetings/99999999999999999999999", {}, 404, "id"),
        ("/api/meetings/first", {}, 400, "id"),
    ],
)
def test_bad_parameters_are_named(client, demo_content, path, params, status, parameter):
    response = client.get(path, params, HTTP_ACCEPT_LANGUAGE="nn")
    assert response.status_code == status
    body = response.json()
    assert parameter in [error["parameter"] for error in body["errors"]]
    assert body["detail"]


def test_messages_are_translated(client, demo_content):
    en = client.get("/api/regions/finst-ikkje", HTTP_ACCEPT_LANGUAGE="en").json()["detail"]
    nb = client.get("/api/regions/finst-ikkje", HTTP_ACCEPT_LANGUAGE="nb").json()["detail"]
    nn = client.get("/api/regions/finst-ikkje", HTTP_ACCEPT_LANGUAGE="nn").json()["detail"]
    assert en == "No region has the slug “finst-ikkje”."
    assert len({en, nb, nn}) == 3


def _more_rows(n: int) -> None:
    """More regions, memberships, councils and meetings: the budgets must not move."""
    from byregion.networks.membership import add_membership
    from byregion.networks.models import Council, Meeting, Region, Sector

    sector = Sector.objects.first()
    for i in range(n):
        region = Region.objects.create(name=f"Testregion {i}", slug=f"testregion-{i}")
        region.programmes.through.objects.create(
            programme_id=region.programmes.model.objects.get(slug="byregionprogrammet").pk,
            region=region, joined=dt.date(2014, 1, 1),
        )  # fmt: skip
        add_membership(region, "1531", dt.date(2017, 1, 1))
        add_membership(region, "1523", dt.date(2017, 1, 1))
        council = Council.objects.create(region=region, name=f"Råd {i}", slug="rad")
        council.members.create(position="Ordførar", sector=sector, person_name="X")
        Meeting.objects.create(council=council, start=timezone.now() - dt.timedelta(days=i + 1))


BUDGETS = [
    # measured on SQLite and PostgreSQL; the throttle counts in the cache, not the database
    ("/api/programmes", 1),
    ("/api/programmes/byregionprogrammet", 4),  # programme, 2 for the figures, participations
    ("/api/regions", 2),
    # region, participations, timeline (3), members, councils
    ("/api/regions/alesundregionen?as_of=2017-01-01&in_codes_of=2024-01-01", 7),
    ("/api/councils", 1),
    ("/api/regions/alesundregionen/councils/radet-for-region-alesund", 4),
    ("/api/meetings", 1),
    ("/api/meetings?region=alesundregionen&council=radet-for-region-alesund", 3),
]


@pytest.mark.parametrize(("path", "budget"), BUDGETS)
def test_query_budgets_hold_as_rows_grow(
    client, demo_content, django_assert_max_num_queries, path, budget
):
    client.get(path)  # Wagtail caches the sites' root paths; a publication clears it
    with django_assert_max_num_queries(budget):
        assert client.get(path).status_code == 200
    _more_rows(6)
    client.get(path)
    with django_assert_max_num_queries(budget):
        assert client.get(path).status_code == 200
