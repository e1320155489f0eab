"""The demo's programme and regions on the shipped KLASS snapshot, and people to edit them.

The demo loaders are the fixtures: they are plain code (public facts), and testing against
them proves the demo says what the issue asks. Rules are tested on rows built in each test.
"""

import pytest

from byregion.demo import networks as networks_loader
from byregion.demo import organisations as organisations_loader
from byregion.networks.models import Meeting, Region
from byregion.networks.permissions import make_operator_editor_group, make_region_editor_group
from byregion.places.klass import import_snapshot
from byregion.places.timeline import Timeline


@pytest.fixture
def demo_networks(db):
    """The demo's programme, regions, councils and meetings, with the organisations and the
    KLASS snapshot they stand on (not the whole demo: tests/conftest.py's `demo_content`)."""
    import_snapshot()
    organisations_loader.load()
    networks_loader.load()


@pytest.fixture
def timeline(demo_networks):
    return Timeline.load()


@pytest.fixture
def regions(demo_networks):
    return {region.slug: region for region in Region.objects.all()}


def _user(django_user_model, name, groups=()):
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw")
    user.groups.add(*groups)
    return user


@pytest.fixture
def operator_editor(demo_networks, django_user_model):
    return _user(django_user_model, "operator", [make_operator_editor_group("Operatør")])


@pytest.fixture
def alesund_editor(regions, django_user_model):
    group = make_region_editor_group(regions["alesundregionen"], "Ålesund-redaktører")
    return _user(django_user_model, "alesund", [group])


@pytest.fixture
def outsider(demo_networks, django_user_model):
    """May log in to the admin, but edits no region."""
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.create(name="Andre")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return _user(django_user_model, "outsider", [group])


@pytest.fixture
def first_meeting(demo_networks):
    """The demo's one meeting: the Council for Region Ålesund's first."""
    return Meeting.objects.get(council__slug="radet-for-region-alesund")
