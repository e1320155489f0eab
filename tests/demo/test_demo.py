import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from byregion.demo.content import load_all
from byregion.organisations.models import Organisation
from byregion.places.models import Place
from byregion.registrations.permissions import manageable_gatherings
from byregion.site.models import SiteChrome

pytestmark = pytest.mark.django_db


def dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", "places", "organisations", "site.sitechrome", stdout=out, indent=0)
    return out.getvalue()


def test_loading_the_demo_twice_changes_nothing():
    load_all()
    first = dump()
    load_all()
    assert dump() == first
    assert Place.objects.filter(kind="municipality").exists()
    alesund = Organisation.objects.get(org_number="942953119")
    assert alesund.name == "Ålesund kommune"
    assert SiteChrome.objects.get().operator.name == "Distriktssenteret"
    # The operator's registration desk reaches the gatherings it organises, and one group.
    desk = get_user_model().objects.get(username="arrangor-distriktssenteret")
    assert not desk.has_usable_password() and desk.groups.count() == 1
    reached = manageable_gatherings(desk)
    assert reached.exists() and not reached.exclude(organiser__name="Distriktssenteret").exists()


def test_demo_command_prints_the_admin_login_once(capsys):
    call_command("demo", no_serve=True)
    first = capsys.readouterr().out
    assert "password '" in first
    call_command("demo", no_serve=True)
    second = capsys.readouterr().out
    assert "password '" not in second
    assert "exists already" in second
    assert get_user_model().objects.filter(username="admin", is_superuser=True).count() == 1
