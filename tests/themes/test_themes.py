"""Themes: seeded by migration, named in the UI language, managed as a Wagtail snippet."""

import pytest
from django.urls import reverse
from django.utils import translation

from byregion.themes.models import Theme

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_themes_theme:list"
ADD = "wagtailsnippets_themes_theme:add"
# `admin_client` is pytest-django's: a client logged in as a superuser.


def test_the_six_programme_themes_are_seeded():
    assert Theme.objects.count() == 6
    assert Theme.objects.filter(slug="naeringsretta-samfunnsutvikling").exists()


@pytest.mark.parametrize(
    "language, name",
    [("nb", "Stedsutvikling"), ("nn", "Stadutvikling"), ("en", "Place development")],
)
def test_a_theme_is_named_in_the_active_language(language, name):
    theme = Theme.objects.get(slug="stadutvikling")
    with translation.override(language):
        assert theme.name == name
        assert str(theme) == name


def test_a_theme_without_a_name_in_the_language_falls_back_to_bokmal():
    theme = Theme(slug="x", name_nb="Bokmålsnavn", name_nn="", name_en="")
    with translation.override("en"):
        assert theme.name == "Bokmålsnavn"


@pytest.mark.parametrize("query", ["Stadutvikling", "stedsutv", "Place development"])
def test_the_admin_list_finds_a_theme_by_any_of_its_names(admin_client, query):
    response = admin_client.get(reverse(LIST), {"q": query})
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [Theme.objects.get(slug="stadutvikling")]


def test_an_editor_adds_a_theme_and_a_duplicate_slug_is_refused(admin_client):
    data = {"slug": "berekraft", "name_nb": "Bærekraft", "name_nn": "Berekraft",
            "name_en": "Sustainability", "description": ""}  # fmt: skip
    assert admin_client.post(reverse(ADD), data).status_code == 302
    assert Theme.objects.get(slug="berekraft").name_nn == "Berekraft"
    response = admin_client.post(reverse(ADD), {**data, "name_nb": "Annet"})
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    assert Theme.objects.filter(slug="berekraft").count() == 1


def test_people_without_admin_rights_cannot_manage_themes(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("leser", "l@example.org", "pw"))
    response = client.get(reverse(LIST))
    assert response.status_code in (302, 403)
