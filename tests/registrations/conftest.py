"""Gatherings built in code for the registration tests (the gathering pages are another
app's work; only the contract fields of GatheringPage and Session are used)."""

import datetime as dt
import itertools
import uuid

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from byregion.gatherings.models import GatheringIndexPage, GatheringPage, GatheringStatus, Session
from byregion.networks.models import Region
from byregion.places.models import Place, PlaceKind
from tests import pages
from tests.pages import role_categories

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
    return role_categories()


def make_places() -> dict[str, Place]:
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
def places(db):
    return make_places()


def make_regions() -> dict[str, Region]:
    return {
        "alesund": Region.objects.create(name="Ålesundsregionen", slug="alesundsregionen"),
        "molde": Region.objects.create(name="Molderegionen", slug="molderegionen"),
    }


@pytest.fixture
def regions(db):
    return make_regions()


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


@pytest.fixture
def form_data(roles, regions):
    def build(**fields):
        data = {
            "name": "Testdeltakar Én",
            "email": "testdeltakar@example.invalid",
            "organisation_name": "Testorganisasjonen",
            "position": "Prosjektleiar",
            "role": roles["mayor"].pk,
            "region": regions["molde"].pk,
            "idempotency_key": str(uuid.uuid4()),
        }
        data.update(fields)
        return {k: v for k, v in data.items() if v is not None}

    return build


def make_user(django_user_model, username, *codenames):
    user = django_user_model.objects.create_user(username=username, password="pw")
    group = Group.objects.create(name=f"group-{username}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        group.permissions.add(Permission.objects.get(codename=codename))
    user.groups.add(group)
    return user


@pytest.fixture
def organiser(django_user_model):
    """The operator's staff: every right on every gathering's registrations (the scope of an
    organisation's own managers is tested in tests/security/test_registration_scope.py)."""
    return make_user(
        django_user_model, "arrangor", "view_registration", "add_registration",
        "change_registration", "delete_registration", "manage_every_gathering",
    )  # fmt: skip


@pytest.fixture
def database_queue(settings):
    """Production's queue: django-tasks-db, a table in the site's database and a worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queued_mails():
    from django_tasks_db.models import DBTaskResult

    return list(
        DBTaskResult.objects.filter(task_path__endswith="send_registration_email").values_list(
            "args_kwargs", "status"
        )
    )
