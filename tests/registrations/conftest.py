"""Gatherings built in code for the registration tests (the gathering pages are another
app's work; only the contract fields of GatheringPage and Session are used)."""

import datetime as dt
import itertools
import uuid

import pytest
from django.utils import timezone

from byregion.gatherings.models import GatheringIndexPage, GatheringPage, GatheringStatus, Session
from byregion.networks.models import Region
from byregion.places.models import Place, PlaceKind
from byregion.registrations.models import RoleCategory
from tests import pages
from tests.browser.conftest import chromium, home_page, page  # noqa: F401 - fixtures

_numbers = itertools.count(1)


def gathering_index():
    index = GatheringIndexPage.objects.first()
    if index:
        return index
    home = pages.home_page()
    return home.add_child(instance=GatheringIndexPage(title="Samlinger", slug="samlinger"))


def make_gathering(capacity=5, *, days_ahead=30, status=GatheringStatus.OPEN, **fields):
    number = next(_numbers)
    start = timezone.now() + dt.timedelta(days=days_ahead)
    fields.setdefault("title", f"Testsamling {number}")
    fields.setdefault("slug", f"testsamling-{number}")
    gathering = GatheringPage(
        start=start,
        end=start + dt.timedelta(days=1),
        status=status,
        capacity=capacity,
        venue_name="Testhotellet",
        **fields,
    )
    gathering_index().add_child(instance=gathering)
    return gathering


def make_session(gathering, title="Verkstad A", capacity=None, hour=10, **fields):
    start = gathering.start + dt.timedelta(hours=hour)
    return Session.objects.create(
        gathering=gathering,
        title=title,
        start=start,
        end=start + dt.timedelta(hours=1),
        capacity=capacity,
        **fields,
    )


@pytest.fixture
def roles(db):
    # Live-server tests flush the database (migration data included): seed again if empty.
    if not RoleCategory.objects.exists():
        from importlib import import_module

        from django.apps import apps

        import_module("byregion.registrations.migrations.0002_seed_role_categories").seed(
            apps, None
        )
    return {role.name: role for role in RoleCategory.objects.all()}


@pytest.fixture
def places(db):
    county = Place.objects.create(
        kind=PlaceKind.COUNTY, code="15", name="Møre og Romsdal", valid_from=dt.date(2017, 1, 1)
    )
    alesund = Place.objects.create(
        kind=PlaceKind.MUNICIPALITY,
        code="1508",
        name="Ålesund",
        valid_from=dt.date(2024, 1, 1),
        parent=county,
    )
    molde = Place.objects.create(
        kind=PlaceKind.MUNICIPALITY,
        code="1506",
        name="Molde",
        valid_from=dt.date(2020, 1, 1),
        parent=county,
    )
    return {"county": county, "alesund": alesund, "molde": molde}


@pytest.fixture
def regions(db):
    return {
        "alesund": Region.objects.create(name="Ålesundsregionen", slug="alesundsregionen"),
        "molde": Region.objects.create(name="Molderegionen", slug="molderegionen"),
    }


@pytest.fixture
def gathering(db):
    return make_gathering(capacity=5)


@pytest.fixture
def applicant(roles, regions):
    """A factory of applicant data, for the service functions."""
    numbers = itertools.count(1)

    def build(**fields):
        n = next(numbers)
        data = {
            "name": f"Testdeltakar {n:03d}",
            "email": f"deltakar{n:03d}@example.invalid",
            "organisation_name": "Testorganisasjonen",
            "role": roles["project leader"],
            "region": regions["alesund"],
        }
        data.update(fields)
        return data

    return build


def key():
    return uuid.uuid4()
