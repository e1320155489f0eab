"""Slugs are ASCII with æ, ø and å written out (issue 16, item 10): in the admin's slug box,
on the server for a page saved without one, and for the pages that kept the letters before,
whose old addresses redirect permanently to the new."""

import importlib
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Revision

from byregion.core.slugs import ascii_slug
from byregion.news.models import NewsArticlePage
from tests.news.test_editing import add_url, article_form

ascii_page_slugs = importlib.import_module(
    "byregion.core.migrations.0002_ascii_page_slugs"
).ascii_page_slugs


def test_the_norwegian_letters_are_written_out():
    assert ascii_slug("Ålesund opnar kontor i Ørsta for Æresgjester") == (
        "alesund-opnar-kontor-i-orsta-for-aeresgjester"
    )
    assert ascii_slug("Sæbø, Høyanger og Bø") == "saebo-hoyanger-og-bo"


def test_a_page_saved_without_a_slug_gets_an_ascii_one(news_tree):
    article = news_tree.article(title="Ørsta og Ålesund møtest", slug="")
    assert article.slug == "orsta-og-alesund-motest"


def test_the_admins_slug_box_writes_the_letters_out(client, news_tree, django_user_model):
    editor = django_user_model.objects.create_user("redaktor", "r@example.org", "pw")
    editor.groups.add(news_tree.alesund_editors)
    client.force_login(editor)
    html = client.get(add_url(news_tree.alesund_section)).content.decode()
    [slug_box] = re.findall(r'<input[^>]*name="slug"[^>]*>', html)
    assert "allow-unicode" not in slug_box  # the script's default: ASCII
    assert "&quot;\\u00f8&quot;,&quot;gu&quot;],&quot;o&quot;]" in slug_box  # ø -> o
    # Posted without the script (or pasted past it): written out on the server too.
    form = article_form("Møte i Ørsta", slug="møte-i-ørsta", action="action-publish")
    response = client.post(add_url(news_tree.alesund_section), form)
    assert response.status_code == 302, response.context["form"].errors
    assert NewsArticlePage.objects.get(title="Møte i Ørsta").slug == "mote-i-orsta"


def old_article(news_tree, slug="ålesund-opnar-kontor"):
    """An article saved before this rule, with its slug as typed then."""
    article = news_tree.article(title="Ålesund opnar kontor")
    NewsArticlePage.objects.filter(pk=article.pk).update(
        slug=slug, url_path=article.url_path.replace(article.slug, slug)
    )
    Revision.objects.filter(object_id=str(article.pk)).update(
        content={**article.get_latest_revision().content, "slug": slug}
    )
    return NewsArticlePage.objects.get(pk=article.pk)


@pytest.mark.parametrize("prefix", ["", "/nn", "/en"])
def test_old_addresses_redirect_permanently_to_the_new(client, news_tree, prefix):
    from django.apps import apps

    article = old_article(news_tree)
    assert client.get(f"{prefix}{article.url}").status_code == 200  # as it was

    ascii_page_slugs(apps, None)
    cache.clear()
    article.refresh_from_db()
    assert article.slug == "alesund-opnar-kontor"
    new = f"{prefix}/nyheter/alesund-kommune/alesund-opnar-kontor/"
    response = client.get(f"{prefix}/nyheter/alesund-kommune/%C3%A5lesund-opnar-kontor/")
    assert response.status_code == 301
    assert response["Location"] == new
    assert client.get(response["Location"]).status_code == 200
    # A later publication keeps the new slug (the revisions carry it too).
    article.get_latest_revision().publish()
    article.refresh_from_db()
    assert article.slug == "alesund-opnar-kontor"


def test_pages_below_a_renamed_page_move_with_it(news_tree):
    from django.apps import apps
    from wagtail.models import Page

    section = news_tree.alesund_section
    article = news_tree.article(title="Ei sak")
    for page in Page.objects.filter(path__startswith=section.path):
        Page.objects.filter(pk=page.pk).update(
            url_path=page.url_path.replace("/alesund-kommune/", "/ålesund-kommune/")
        )
    Page.objects.filter(pk=section.pk).update(slug="ålesund-kommune")
    ascii_page_slugs(apps, None)
    article.refresh_from_db()
    assert article.url_path == "/home/nyheter/alesund-kommune/ei-sak/"
    assert Redirect.objects.filter(old_path__endswith="/ålesund-kommune").count() == 3


def test_a_taken_slug_is_not_reused_and_a_second_run_changes_nothing(news_tree):
    from django.apps import apps

    taken = news_tree.article(title="Aa")
    NewsArticlePage.objects.filter(pk=taken.pk).update(slug="alesund-opnar-kontor")
    article = old_article(news_tree)
    ascii_page_slugs(apps, None)
    article.refresh_from_db()
    assert article.slug == "alesund-opnar-kontor-2"
    assert article.url_path.endswith("/alesund-kommune/alesund-opnar-kontor-2/")
    assert Redirect.objects.count() == 3
    ascii_page_slugs(apps, None)
    assert Redirect.objects.count() == 3


def test_the_news_section_keeps_its_address(client, news_tree):
    """The organisations' sections were ASCII already (`norwegian_slug`): no redirect."""
    from django.apps import apps

    ascii_page_slugs(apps, None)
    assert news_tree.alesund_section.slug == "alesund-kommune"
    assert not Redirect.objects.exists()
    assert reverse("wagtailadmin_home")  # the admin's URLs still load


def test_every_slug_box_writes_the_letters_out_even_when_built_at_start_up(db):
    """`byregion serve` runs the system checks, which build the admin's forms before
    Wagtail's hooks are loaded: the slug box must be ours by then."""
    from django.core.management import call_command

    from byregion.core.slugs import SlugInput
    from byregion.networks.models import Region

    call_command("check", tags=["panels"])
    for model in (NewsArticlePage, Region):
        from wagtail.admin.panels import get_edit_handler

        form_class = get_edit_handler(model).get_form_class()
        assert isinstance(form_class.base_fields["slug"].widget, SlugInput), model
