"""A region's "editor groups" offers only groups fit to be a region's editors (issue 16,
item 6): not the news groups, registration desks or Wagtail's Editors and Moderators."""

from django.contrib.auth.models import Group

from byregion.networks.permissions import make_region_editor_group
from tests.networks.test_admin import login, url


def test_the_region_form_offers_only_region_groups(client, operator_editor, regions):
    from byregion.news.permissions import _group
    from byregion.organisations.models import Organisation
    from byregion.registrations.permissions import grant_registration_desk
    from tests.pages import home_page

    region = regions["molderegionen"]
    molde_editors = make_region_editor_group(region, "Region Molde: redaktørar")
    spare = Group.objects.create(name="Nettverk: nye redaktørar")
    _group("Nyheter: skribenter, Molde kommune", home_page(), ("add_page",))
    grant_registration_desk(Organisation.objects.first())
    response = login(client, operator_editor).get(url("region", "edit", region.pk))
    offered = set(response.context["form"].fields["editor_groups"].queryset)
    assert molde_editors in offered and spare in offered
    assert Group.objects.get(name="Region Ålesund: redaktører") in offered  # demo's, no rights
    names = {group.name for group in offered}
    assert not names & {"Editors", "Moderators", "Nettsted: administratorer", "Operatør"}
    assert not any(name.startswith(("Nyheter:", "Påmelding:")) for name in names)
