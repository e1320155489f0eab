"""Settings → Groups says what each group gives, from its rights, and how many are in it
(issue 16, item 6: groups with descriptions and a sensible order)."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse

from byregion.networks.models import Region
from byregion.networks.permissions import make_region_editor_group
from byregion.organisations.models import Organisation, OrganisationKind
from byregion.registrations.permissions import grant_registration_desk

pytestmark = pytest.mark.django_db


def rows(client) -> dict[str, str]:
    soup = BeautifulSoup(client.get(reverse("wagtailusers_groups:index")).content, "html.parser")
    found = {}
    for row in soup.select("table tbody tr"):
        cells = [" ".join(cell.get_text(" ").split()) for cell in row.find_all("td")]
        found[cells[0]] = " | ".join(cells[1:])
    return found


def test_each_group_says_what_it_gives(
    admin_client, django_user_model, django_assert_max_num_queries
):
    organisation = Organisation.objects.create(
        name="Ålesund kommune", slug="alesund-kommune", kind=OrganisationKind.MUNICIPALITY
    )
    desk = grant_registration_desk(organisation)
    django_user_model.objects.create_user("skranke").groups.add(desk)
    region = Region.objects.create(name="Ålesundregionen", slug="alesundregionen")
    make_region_editor_group(region, "Region: redaktørar, Ålesundregionen")
    Group.objects.create(name="Tom gruppe")
    shown = rows(admin_client)
    assert (
        shown[desk.name]
        == "Påmeldingene til samlingene til Ålesund kommune: se, legge til, endre | 1"
    )
    # one member, and the desk rights named, not counted as "other rights"
    assert "Ålesundregionen" in shown["Region: redaktørar, Ålesundregionen"]
    assert "Bare tilgang til administrasjonen" in shown["Tom gruppe"]
    administrators = shown["Nettsted: administratorer"]  # Wagtail's, renamed: every page
    assert "Sider under «hele nettstedet»" in administrators and "publisere" in administrators
    # The names sort by area: the list is in name order.
    assert list(shown) == sorted(shown)
    for n in range(10):  # more groups, the same number of queries
        Group.objects.create(name=f"Ekstra {n}")
    with django_assert_max_num_queries(20):
        rows(admin_client)
