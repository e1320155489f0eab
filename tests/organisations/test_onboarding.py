"""Setting up a new organisation's news section and groups from the admin, not the shell
(issue 16, item 6): the button, who may press it, and that pressing it twice changes nothing."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import GroupPagePermission, Workflow

from byregion.news.models import NewsIndexPage, NewsSectionPage
from tests.pages import home_page

EDIT = "wagtailsnippets_organisations_organisation:edit"
LIST = "wagtailsnippets_organisations_organisation:list"


@pytest.fixture
def news_index(db):
    index = home_page().add_child(instance=NewsIndexPage(title="Nyheter", slug="nyheter"))
    index.save_revision().publish()
    return index


def user_with(django_user_model, name, *codenames):
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(codename__in=codenames),
    )
    return user


@pytest.fixture
def operator(django_user_model):
    return user_with(django_user_model, "operator", "add_group", "change_group")


@pytest.fixture
def organisation_editor(django_user_model):
    """Edits organisations, but may not make groups."""
    return user_with(django_user_model, "redaktor", "change_organisation", "view_organisation")


def made_groups():
    return Group.objects.filter(name__regex=r"^(Nyheter|Påmelding): ")


def setup_url(organisation):
    return reverse("byregion_onboarding", args=[organisation.pk])


def test_the_organisation_offers_the_setup_to_the_operator(client, operator, alesund_kommune):
    operator.user_permissions.add(*Permission.objects.filter(codename="change_organisation"))
    client.force_login(operator)
    assert setup_url(alesund_kommune) in client.get(reverse(EDIT, args=[alesund_kommune.pk])).text
    assert setup_url(alesund_kommune) in client.get(reverse(LIST)).text


def test_the_operator_sets_up_news_and_the_registration_desk(
    client, operator, alesund_kommune, news_index
):
    client.force_login(operator)
    page = client.get(setup_url(alesund_kommune))
    assert page.status_code == 200 and "Ålesund kommune" in page.text
    response = client.post(setup_url(alesund_kommune), {"registration_desk": "on"})
    assert response.status_code == 302
    assert response["Location"] == reverse(EDIT, args=[alesund_kommune.pk])
    section = NewsSectionPage.objects.get(organisation=alesund_kommune)
    assert section.live and section.get_parent().pk == news_index.pk
    writers = Group.objects.get(name="Nyheter: skribenter, Ålesund kommune")
    editors = Group.objects.get(name="Nyheter: redaktører, Ålesund kommune")
    assert GroupPagePermission.objects.filter(group=editors, page=section).exists()
    assert GroupPagePermission.objects.filter(group=writers, page=section).exists()
    desk = Group.objects.get(name="Påmelding: arrangører, Ålesund kommune")
    assert list(alesund_kommune.registration_groups.all()) == [desk]
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "Nyheter: redaktører, Ålesund kommune" in message

    # Pressing it again makes nothing twice.
    counts = (Group.objects.count(), GroupPagePermission.objects.count(), Workflow.objects.count())
    assert client.post(setup_url(alesund_kommune), {"registration_desk": "on"}).status_code == 302
    assert NewsSectionPage.objects.filter(organisation=alesund_kommune).count() == 1
    assert counts == (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
    )


def test_without_the_desk_only_the_news_groups_are_made(
    client, operator, alesund_kommune, news_index
):
    client.force_login(operator)
    assert client.post(setup_url(alesund_kommune), {}).status_code == 302
    assert not alesund_kommune.registration_groups.exists()
    assert Group.objects.filter(name__startswith="Nyheter: ").count() == 3  # and the network's


def test_someone_who_may_not_make_groups_is_refused_and_nothing_is_made(
    client, organisation_editor, alesund_kommune, news_index
):
    client.force_login(organisation_editor)
    for response in (
        client.get(setup_url(alesund_kommune)),
        client.post(setup_url(alesund_kommune), {"registration_desk": "on"}),
    ):  # Wagtail's refusal: back to the dashboard, with its "no permission" message
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not NewsSectionPage.objects.exists()
    assert not made_groups()
    edit = client.get(reverse(EDIT, args=[alesund_kommune.pk]))
    assert edit.status_code == 200 and setup_url(alesund_kommune) not in edit.text


def test_a_failure_half_way_leaves_nothing(client, operator, alesund_kommune, news_index):
    """One transaction: the registration desk failing undoes the news section and groups."""
    from unittest import mock

    client.force_login(operator)
    with (
        mock.patch(
            "byregion.site.onboarding.grant_registration_desk", side_effect=RuntimeError("boom")
        ),
        pytest.raises(RuntimeError),
    ):
        client.post(setup_url(alesund_kommune), {"registration_desk": "on"})
    assert not NewsSectionPage.objects.exists()
    assert not made_groups()


def test_without_a_news_index_the_operator_is_told(client, operator, alesund_kommune):
    client.force_login(operator)
    response = client.post(setup_url(alesund_kommune), {})
    assert response.status_code == 200
    assert "Det finnes ingen nyhetsforside ennå" in response.text
    assert not made_groups()
