"""Editing news in the Wagtail admin: who may write and publish where, the approval
workflow, scheduled publishing and expiry, and alt text required for publication."""

import datetime as dt
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Revision, WorkflowState
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import nested_form_data, streamfield
from wagtail.users.models import UserProfile

from byregion.news.models import NewsArticlePage

from .conftest import make_image, parse


@pytest.fixture
def log_in_as_member_of(client, django_user_model):
    """Logs the test client in as a new user in the given groups, and returns the user."""

    def as_member_of(*groups, username="bruker"):
        user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw")
        user.groups.add(*groups)
        client.force_login(user)
        return user

    return as_member_of


def add_url(parent) -> str:
    return reverse("wagtailadmin_pages:add", args=("news", "newsarticlepage", parent.pk))


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def article_form(title="Ny sak", action=None, **fields) -> dict:
    data = {
        "title": title,
        "slug": slugify(title),
        "language": "nn",
        "lead": "Ein ingress.",
        "main_image": "",
        "main_image_caption": "",
        "body": streamfield([]),
        "go_live_at": "",
        "expire_at": "",
        "seo_title": "",
        "search_description": "",
    }
    data.update(fields)
    data = nested_form_data(data)
    if action:
        data[action] = "1"
    return data


def refused(response) -> bool:
    """Wagtail's admin answers a page it does not let the user see with a redirect home."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def created(title="Ny sak") -> NewsArticlePage:
    return NewsArticlePage.objects.get(title=title)


# The organisation's editor


def test_alesund_editor_drafts_and_publishes_in_alesunds_section(
    client, news_tree, log_in_as_member_of
):
    log_in_as_member_of(news_tree.alesund_editors)
    assert client.get(add_url(news_tree.alesund_section)).status_code == 200
    response = client.post(add_url(news_tree.alesund_section), article_form("Utkast"))
    assert response.status_code == 302
    draft = created("Utkast")
    assert not draft.live and draft.organisation == news_tree.alesund

    response = client.post(edit_url(draft), article_form("Utkast", action="action-publish"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live


def test_alesund_editor_schedules_and_the_scheduler_publishes_on_time(
    client, news_tree, log_in_as_member_of
):
    log_in_as_member_of(news_tree.alesund_editors)
    go_live = timezone.now() + dt.timedelta(days=2)
    form = article_form(
        "Planlagt", action="action-publish", go_live_at=go_live.strftime("%Y-%m-%d %H:%M")
    )
    assert client.post(add_url(news_tree.alesund_section), form).status_code == 302
    article = created("Planlagt")
    assert not article.live
    assert Revision.page_revisions.filter(
        object_id=str(article.pk), approved_go_live_at__isnull=False
    ).exists()

    call_command("publish_scheduled")  # too early: nothing happens
    article.refresh_from_db()
    assert not article.live
    assert client.get(f"{news_tree.index.url}").content.decode().count("Planlagt") == 0

    later = timezone.now() + dt.timedelta(days=3)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")
    article.refresh_from_db()
    assert article.live
    assert "Planlagt" in client.get(news_tree.index.url).content.decode()


def test_the_scheduler_unpublishes_an_expired_article(news_tree):
    article = news_tree.article(title="Går ut")
    article.expire_at = timezone.now() + dt.timedelta(hours=1)
    article.save_revision().publish()
    later = timezone.now() + dt.timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")
    article.refresh_from_db()
    assert not article.live and article.expired


def test_alesund_editor_is_refused_in_another_organisations_section(
    client, news_tree, log_in_as_member_of
):
    log_in_as_member_of(news_tree.alesund_editors)
    molde_article = news_tree.article(title="Frå Molde", section=news_tree.molde_section)
    assert refused(client.get(add_url(news_tree.molde_section)))
    assert refused(client.post(add_url(news_tree.molde_section), article_form("Inntrengar")))
    assert not NewsArticlePage.objects.filter(title="Inntrengar").exists()
    assert refused(client.get(edit_url(molde_article)))
    response = client.post(edit_url(molde_article), article_form("Endra", action="action-publish"))
    assert refused(response)
    molde_article.refresh_from_db()
    assert molde_article.title == "Frå Molde"


def test_alesund_editor_is_refused_on_the_network_index(client, news_tree, log_in_as_member_of):
    user = log_in_as_member_of(news_tree.alesund_editors)
    add_section = reverse(
        "wagtailadmin_pages:add", args=("news", "newssectionpage", news_tree.index.pk)
    )
    assert refused(client.get(add_section))
    assert not news_tree.index.permissions_for_user(user).can_publish()
    assert not news_tree.operator_section.permissions_for_user(user).can_add_subpage()
    assert news_tree.alesund_section.permissions_for_user(user).can_publish_subpage()


# Writers and the approval workflow


def test_writer_cannot_publish_but_submits_for_approval(
    client, news_tree, log_in_as_member_of, django_user_model
):
    writer = log_in_as_member_of(news_tree.alesund_writers, username="skribent")
    response = client.post(
        add_url(news_tree.alesund_section), article_form(action="action-publish")
    )
    assert response.status_code == 302
    article = created()
    assert not article.live  # publishing is not offered to a writer: it saved a draft
    assert not article.permissions_for_user(writer).can_publish()

    response = client.post(edit_url(article), article_form(action="action-submit"))
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    article.refresh_from_db()
    assert not article.live

    editor = django_user_model.objects.create_user("redaktor", "r@example.org", "pw")
    editor.groups.add(news_tree.alesund_editors)
    client.force_login(editor)
    task_state = state.current_task_state
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(article.pk, "approve", task_state.pk),
        ),
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    article.refresh_from_db()
    assert article.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_another_organisations_editor_cannot_approve(news_tree, log_in_as_member_of):
    molde_editor = log_in_as_member_of(news_tree.molde_editors, username="molde")
    article = news_tree.article(publish=False)
    writer_state = article.get_workflow().start(article, molde_editor)
    task = writer_state.current_task_state.task.specific
    assert not task.user_can_access_editor(article, molde_editor)
    assert task.get_actions(article, molde_editor) == []


# The operator's editors


@pytest.mark.parametrize("section_name", ["alesund_section", "molde_section", "operator_section"])
def test_operator_editor_publishes_anywhere(client, news_tree, log_in_as_member_of, section_name):
    log_in_as_member_of(news_tree.network_editors)
    section = getattr(news_tree, section_name)
    response = client.post(add_url(section), article_form("Nettverk", action="action-publish"))
    assert response.status_code == 302
    article = created("Nettverk")
    assert article.live and article.organisation == section.organisation


# Alt text, required for publication


def test_publishing_with_an_image_without_alt_text_is_refused(
    client, news_tree, log_in_as_member_of
):
    image = make_image(alt="")
    user = log_in_as_member_of(news_tree.alesund_editors)
    profile = UserProfile.get_for_user(user)
    for language, words in [("nb", "mangler alternativ tekst"), ("nn", "manglar alternativ tekst")]:
        profile.preferred_language = language
        profile.save()
        form = article_form("Utan alt", action="action-publish", main_image=image.pk)
        response = client.post(add_url(news_tree.alesund_section), form)
        assert response.status_code == 200
        assert words in response.content.decode()
        assert not NewsArticlePage.objects.filter(title="Utan alt").exists()
    # The form keeps what was typed.
    assert 'value="Utan alt"' in response.content.decode()
    # A draft may still be saved, and publishes once the image has alt text.
    response = client.post(
        add_url(news_tree.alesund_section), article_form("Utan alt", main_image=image.pk)
    )
    assert response.status_code == 302
    image.description = "Ei hamn med båtar"
    image.save()
    article = created("Utan alt")
    form = article_form("Utan alt", action="action-publish", main_image=image.pk)
    assert client.post(edit_url(article), form).status_code == 302
    article.refresh_from_db()
    assert article.live


def test_images_in_the_body_need_alt_text_too(client, news_tree, log_in_as_member_of):
    image = make_image(title="Kart", alt="")
    log_in_as_member_of(news_tree.alesund_editors)
    body = streamfield([("image", {"image": image.pk, "caption": ""})])
    response = client.post(
        add_url(news_tree.alesund_section), article_form("Kart", action="action-publish", body=body)
    )
    assert response.status_code == 200
    assert "Kart" in response.content.decode() and "alternativ tekst" in response.content.decode()
    assert not NewsArticlePage.objects.filter(title="Kart").exists()


# Revisions, and moving between sections


def test_editor_sees_revisions_and_can_compare(client, news_tree, log_in_as_member_of):
    log_in_as_member_of(news_tree.alesund_editors)
    article = news_tree.article(title="Versjon 1")
    article.title = "Versjon 2"
    article.save_revision().publish()
    first, second = Revision.page_revisions.filter(object_id=str(article.pk)).order_by("pk")[:2]
    history = client.get(reverse("wagtailadmin_pages:history", args=(article.pk,)))
    assert history.status_code == 200
    compare = client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=(article.pk, first.pk, second.pk))
    )
    assert compare.status_code == 200
    revert = client.get(reverse("wagtailadmin_pages:revisions_revert", args=(article.pk, first.pk)))
    assert revert.status_code == 200
    assert "Versjon 1" in revert.content.decode()  # the old revision, ready to save again
    assert "Versjon 2" in compare.content.decode()


def test_moving_an_article_moves_its_publisher(news_tree):
    article = news_tree.article()
    article.move(news_tree.molde_section, pos="last-child")
    article.refresh_from_db()
    assert article.organisation == news_tree.molde


def test_an_editor_previews_a_new_article_before_saving_it(client, news_tree, log_in_as_member_of):
    log_in_as_member_of(news_tree.alesund_editors)
    preview = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=("news", "newsarticlepage", news_tree.alesund_section.pk),
    )
    response = client.post(preview, article_form("Førehandsvising"))
    assert response.status_code == 200 and response.json()["is_valid"]
    response = client.get(preview)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Førehandsvising" in body and "Nyheter fra Ålesund kommune" in body
    assert not NewsArticlePage.objects.filter(title="Førehandsvising").exists()


def test_a_section_editor_cannot_give_the_section_to_another_organisation(
    client, news_tree, log_in_as_member_of
):
    from byregion.organisations.models import Organisation

    log_in_as_member_of(news_tree.alesund_editors)
    other = Organisation.objects.create(
        name="Giske kommune", slug="giske-kommune", kind="municipality"
    )
    form = nested_form_data(
        {
            "title": "Ålesund kommune",
            "slug": news_tree.alesund.slug,
            "organisation": other.pk,
            "language": "nb",
            "intro": "",
            "go_live_at": "",
            "expire_at": "",
            "seo_title": "",
            "search_description": "",
        }
    )
    response = client.post(edit_url(news_tree.alesund_section), form)
    assert response.status_code == 200
    assert "Bare en administrator" in response.content.decode()
    news_tree.alesund_section.refresh_from_db()
    assert news_tree.alesund_section.organisation == news_tree.alesund


def test_every_body_block_edits_and_renders(client, news_tree, log_in_as_member_of):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from byregion.networks.models import Region

    region = Region.objects.create(name="Ålesundregionen", slug="alesundregionen")
    document = Document.objects.create(
        title="Program", file=ContentFile(b"%PDF-1.4", name="program.pdf")
    )
    image = make_image(title="Kart", alt="Kart over Ålesund", credit="Foto: Kari Nordmann")
    article = news_tree.article(title="Alle blokker")
    article.body = [
        ("heading", "Mellomtittel"),
        ("paragraph", RichText("<p>Tekst.</p>")),
        ("image", {"image": image, "caption": "Eit kart"}),
        ("quote", {"quote": "Vi samarbeider.", "attribution": "Rådet"}),
        ("document", {"document": document, "title": ""}),
        ("region", region),
        ("organisation", news_tree.molde),
    ]
    article.save_revision().publish()
    html = parse(client.get(article.url))
    body = html.select_one(".news-body")
    assert body.h2.get_text() == "Mellomtittel"
    assert body.select_one("figure img")["alt"] == "Kart over Ålesund"
    assert "Foto: Kari Nordmann" in body.select_one("figure figcaption").get_text()
    assert body.blockquote.get_text(strip=True) == "Vi samarbeider."
    assert body.select_one(".news-document a").get_text() == "Program"
    assert "Ålesundregionen" in body.get_text()
    assert body.find("a", string="Molde kommune")["href"] == news_tree.molde.get_absolute_url()

    log_in_as_member_of(news_tree.alesund_editors)
    assert client.get(edit_url(article)).status_code == 200
