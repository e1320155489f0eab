"""What the page cache lets the proxy keep, and records for purging (core.proxy)."""

import pytest

from byregion.core.models import ProxiedAddress
from tests.pages import home_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def behind_a_proxy(settings):
    settings.BYREGION_PROXY_PURGE_URLS = ["http://127.0.0.1:9"]  # nothing listens there
    home_page()


def test_a_kept_page_is_recorded_for_the_proxy(client, behind_a_proxy):
    response = client.get("/")
    assert int(response["X-Accel-Expires"]) > 0
    assert ProxiedAddress.objects.filter(uri="/").exists()


def test_an_address_with_a_query_string_is_kept_by_the_app_only(client, behind_a_proxy):
    """Anyone can make endless new addresses with a query string; each kept by the proxy
    would be a row to purge on every change."""
    for n in range(3):
        response = client.get(f"/?x={n}")
        assert response["X-Accel-Expires"] == "0"
    assert client.get("/?x=0")["X-Byregion-Cache"] == "hit"  # the app still keeps it
    assert not ProxiedAddress.objects.filter(uri__contains="?").exists()


@pytest.mark.django_db(transaction=True)
def test_a_committed_change_purges_and_forgets_what_the_proxy_kept(client, behind_a_proxy):
    from byregion.organisations.models import Organisation

    client.get("/")
    assert ProxiedAddress.objects.filter(uri="/").exists()
    # A change outside a request's transaction commits at once; the purge it sends fails
    # quietly here (nothing listens), and the addresses it covered are forgotten.
    Organisation.objects.create(name="Giske kommune", slug="giske-kommune", kind="municipality")
    assert not ProxiedAddress.objects.exists()
