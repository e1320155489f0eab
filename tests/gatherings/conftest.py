"""Gatherings built in code: an index page, a gathering with a two-day programme (parallel
workshops, a dinner, speakers, materials), and helpers for more.

The fixtures are thin: the builders are plain functions, so tests/browser can build the same
content in the live server's database (tests/browser/test_gatherings.py).
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from wagtail.models import Site

from byregion.gatherings.models import (
    GatheringIndexPage,
    GatheringPage,
    GatheringStatus,
    Material,
    MaterialKind,
    Session,
    SessionFormat,
    Speaker,
)
from byregion.networks.models import Programme, Region
from byregion.organisations.models import Organisation, OrganisationKind, norwegian_slug

OSLO = ZoneInfo("Europe/Oslo")


def organisation(name: str, kind=OrganisationKind.OTHER) -> Organisation:
    return Organisation.objects.create(name=name, slug=norwegian_slug(name), kind=kind)


def oslo(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=OSLO)


def make_index(slug="samlinger") -> GatheringIndexPage:
    home = Site.objects.get(is_default_site=True).root_page
    index = GatheringIndexPage(title="Samlinger", slug=slug, language="nb")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_gathering(index, slug, **fields) -> GatheringPage:
    hosts = fields.pop("host_organisations", [])
    fields.setdefault("title", slug.replace("-", " ").capitalize())
    fields.setdefault("language", "nn")
    fields.setdefault("start", oslo(2027, 4, 14, 9, 30))
    fields.setdefault("end", oslo(2027, 4, 15, 13, 0))
    gathering = GatheringPage(slug=slug, **fields)
    index.add_child(instance=gathering)
    gathering.host_organisations.set(hosts)
    gathering.save_revision().publish()
    return gathering


def make_session(gathering, title, start, end, **fields) -> Session:
    return Session.objects.create(gathering=gathering, title=title, start=start, end=end, **fields)


def make_operator() -> Organisation:
    """Distriktssenteret, the directorate that operates the programme."""
    return organisation("Distriktssenteret", OrganisationKind.DIRECTORATE)


def make_programme(operator) -> Programme:
    owner = organisation("Kommunal- og moderniseringsdepartementet", OrganisationKind.MINISTRY)
    return Programme.objects.create(
        name="Byregionprogrammet",
        slug="byregionprogrammet",
        owner=owner,
        operator=operator,
        start=dt.date(2014, 1, 1),
        end=dt.date(2018, 12, 31),
    )


def make_regional_gathering(gathering_index, operator, programme) -> GatheringPage:
    """Two days in April 2027 (summer time, UTC+2) with a full programme."""
    host = organisation("Molde kommune", OrganisationKind.MUNICIPALITY)
    region = Region.objects.create(name="Molderegionen", slug="molderegionen")
    gathering = make_gathering(
        gathering_index,
        "regional-samling-2027",
        title="Regional samling 2027",
        theme="Samarbeid mellom by og omland",
        venue_name="Kulturhuset",
        venue_address="Storgata 1",
        town="Molde",
        host_region=region,
        host_organisations=[host],
        organiser=operator,
        programme=programme,
        status=GatheringStatus.OPEN,
        capacity=150,
        audience="Prosjektleiarar og ordførarar",
        intro="Ei samling om samarbeid.",
        body="<p>Om samlinga.</p>",
    )
    opening = make_session(
        gathering, "Opning", oslo(2027, 4, 14, 10), oslo(2027, 4, 14, 11, 30), room="Storsalen"
    )
    Speaker.objects.create(
        session=opening, name="Kari Nordmann", title="ordførar", organisation=host
    )
    Speaker.objects.create(session=opening, title="Leiar for arrangøren")
    Material.objects.create(
        session=opening, title="Lysark", kind=MaterialKind.LINK, url="https://example.org/a.pdf"
    )
    for room, capacity in (("Rom A", 40), ("Rom B", 30)):
        make_session(
            gathering,
            f"Verkstad i {room}",
            oslo(2027, 4, 14, 12, 30),
            oslo(2027, 4, 14, 14),
            room=room,
            capacity=capacity,
            format=SessionFormat.WORKSHOP,
        )
    make_session(
        gathering,
        "Middag",
        oslo(2027, 4, 14, 19),
        oslo(2027, 4, 14, 22),
        format=SessionFormat.MEAL,
        capacity=120,
    )
    make_session(gathering, "Vegen vidare", oslo(2027, 4, 15, 10), oslo(2027, 4, 15, 12))
    return gathering


@pytest.fixture
def operator(db) -> Organisation:
    return make_operator()


@pytest.fixture
def programme(operator) -> Programme:
    return make_programme(operator)


@pytest.fixture
def gathering_index(db) -> GatheringIndexPage:
    return make_index()


@pytest.fixture
def gathering(gathering_index, operator, programme) -> GatheringPage:
    """Regional samling 2027: two days in April (summer time, UTC+2) with a full programme."""
    return make_regional_gathering(gathering_index, operator, programme)
