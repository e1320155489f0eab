"""The subscription pages: the form, the links in the mails (confirm, manage, unsubscribe,
export), bad input, limits, the page cache and the query budget."""

import datetime as dt
import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from byregion.subscriptions.models import Subscription
from tests.pages import home_page

from .conftest import subscribed

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(db, clock):
    return home_page()


def _post_subscribe(client, email="kari@example.org", prefix="", **data):
    return client.post(
        f"{prefix}/abonnement/",
        {"email": email, "frequency": "daily", **data},
        REMOTE_ADDR="10.0.0.1",
    )


def test_subscribing_mails_a_confirmation_link_and_nothing_else(
    site, client, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post_subscribe(client, "Kari@Example.org ", prefix="/nn", kinds=["news"])
    assert response.status_code == 302
    assert response["Location"] == "/nn/abonnement/sendt/"
    subscription = Subscription.objects.get()
    assert subscription.email == "kari@example.org"
    assert subscription.language == "nn"
    assert subscription.kinds == ["news"]
    assert subscription.confirmed_at is None
    [received] = smtp_server.to("kari@example.org")
    message = received.message
    assert message["Subject"] == "Stadfest abonnementet ditt på Byregion"
    assert message["Content-Language"] == "nn"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Unsubscribe"].strip().startswith("<http://127.0.0.1:8000/nn/abonnement/")
    assert message["Message-ID"] and message["Date"]
    assert "truleg du" in received.text()
    assert subscription.get_absolute_confirm_url().split("/bekreft/")[0] in received.text()
    assert "Stadfest abonnementet" in received.html()


def test_a_confirmation_mail_the_server_refused_is_sent_again_by_the_job(
    site, client, smtp_server, django_capture_on_commit_callbacks, run_job
):
    """Subscribing while the mail server refuses (or cannot be reached) loses nothing: the
    scheduled job sends the confirmation again after a pause that doubles, and only once."""
    smtp_server.refuse("451 4.3.0 Try again later", times=2)
    with django_capture_on_commit_callbacks(execute=True):
        assert _post_subscribe(client).status_code == 302
    assert smtp_server.received == []
    run_job(dt.timedelta(minutes=5))  # the pause after the first refusal is not over
    assert smtp_server.received == []
    run_job(dt.timedelta(minutes=30))  # refused a second time: a longer pause
    assert smtp_server.received == []
    run_job(dt.timedelta(minutes=30))
    assert smtp_server.received == []
    run_job(dt.timedelta(minutes=60))
    [received] = smtp_server.to("kari@example.org")
    assert received.message["Subject"] == "Bekreft abonnementet ditt på Byregion"
    run_job(dt.timedelta(hours=6))
    assert len(smtp_server.received) == 1


def test_a_confirmation_owed_to_an_address_confirmed_meanwhile_is_not_sent(
    site, client, smtp_server, django_capture_on_commit_callbacks, run_job
):
    smtp_server.refuse("451 4.3.0 Try again later", times=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert _post_subscribe(client).status_code == 302
    from byregion.subscriptions import services

    services.confirm(Subscription.objects.get())  # the first link, from an earlier mail
    run_job(dt.timedelta(hours=2))
    assert smtp_server.received == []


def test_the_confirmation_link_asks_and_a_post_confirms(site, client):
    subscription = subscribed("kari@example.org", confirmed=False)
    url = subscription.get_absolute_confirm_url().removeprefix("http://127.0.0.1:8000")
    response = client.get(url)
    assert response.status_code == 200
    assert "Bekreft abonnementet" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None  # opening the link confirms nothing
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == subscription.get_manage_url()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None


def test_an_expired_or_unknown_confirmation_link_says_so_and_changes_nothing(site, client, clock):
    subscription = subscribed("kari@example.org", confirmed=False)
    url = subscription.get_absolute_confirm_url().removeprefix("http://127.0.0.1:8000")
    clock.advance(days=7, minutes=1)
    response = client.post(url)
    assert response.status_code == 410
    assert "Lenken er utløpt" in response.content.decode()
    response = client.post("/en/abonnement/bekreft/not-a-token/")
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None


def test_a_bad_address_keeps_what_was_typed_and_says_what_is_wrong(site, client, smtp_server):
    response = _post_subscribe(client, "kari(at)example", prefix="/nn", kinds=["news", "meeting"])
    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("#id_email")["value"] == "kari(at)example"
    assert page.select_one("#id_email")["aria-invalid"] == "true"
    checked = [box["value"] for box in page.select("input[name=kinds][checked]")]
    assert sorted(checked) == ["meeting", "news"]
    assert "Oppgje ei gyldig e-postadresse" in page.select_one("#form-errors").text
    assert Subscription.objects.count() == 0
    assert smtp_server.received == []


def test_the_form_is_rate_limited_per_address(
    site, client, settings, django_capture_on_commit_callbacks
):
    settings.BYREGION_SUBSCRIPTION_RATE_PER_EMAIL = "2/h"
    for _ in range(2):
        assert _post_subscribe(client).status_code == 302
    response = _post_subscribe(client)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "For mange forsøk" in response.content.decode()


def test_an_address_already_confirmed_gets_its_manage_link_and_is_not_changed(
    site, client, smtp_server, django_capture_on_commit_callbacks
):
    subscription = subscribed("kari@example.org", frequency="weekly")
    with django_capture_on_commit_callbacks(execute=True):
        assert _post_subscribe(client, frequency="immediate").status_code == 302
    subscription.refresh_from_db()
    assert subscription.frequency == "weekly"
    [received] = smtp_server.to("kari@example.org")
    assert received.message["Subject"] == "Abonnementet ditt på Byregion"
    assert subscription.get_absolute_manage_url() in received.text()


def test_one_click_unsubscribe_by_post_and_twice_is_fine(site, client):
    subscription = subscribed("kari@example.org")
    url = reverse("subscriptions:unsubscribe", args=[subscription.manage_token()])
    # A GET (a mail scanner) asks, and changes nothing.
    response = client.get(url)
    assert response.status_code == 200
    assert Subscription.objects.filter(pk=subscription.pk).exists()
    # RFC 8058: the mail program's POST, with no CSRF token.
    csrf_client = client.__class__(enforce_csrf_checks=True)
    response = csrf_client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Subscription.objects.filter(pk=subscription.pk).exists()
    again = csrf_client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert again.status_code == 200
    assert "Abonnementet er avsluttet" in again.content.decode()
    assert client.get(url).status_code == 200
    # A link that was never ours: a clear page, nothing changed.
    other = subscribed("ola@example.org")
    response = client.post("/abonnement/forged:token/avslutt/")
    assert response.status_code == 404
    assert Subscription.objects.filter(pk=other.pk).exists()


def test_the_manage_page_saves_choices_exports_and_erases(site, client):
    subscription = subscribed("kari@example.org")
    url = subscription.get_manage_url()
    response = client.get(url)
    assert response.status_code == 200
    assert "kari@example.org" in response.content.decode()
    response = client.post(
        "/en" + url, {"frequency": "weekly", "kinds": ["gathering"], "content_languages": ["nn"]}
    )
    assert response.status_code == 302
    subscription.refresh_from_db()
    assert (subscription.frequency, subscription.kinds, subscription.language) == (
        "weekly",
        ["gathering"],
        "en",
    )
    response = client.post(reverse("subscriptions:export", args=[subscription.manage_token()]))
    data = json.loads(response.content)
    assert data["email"] == "kari@example.org"
    assert data["frequency"] == "weekly"
    assert "attachment" in response["Content-Disposition"]
    client.post(reverse("subscriptions:unsubscribe", args=[subscription.manage_token()]))
    assert Subscription.objects.count() == 0
    assert client.get(url).status_code == 410


def test_the_pages_are_never_kept_in_the_page_cache(site, client):
    subscription = subscribed("kari@example.org")
    for url in (
        "/abonnement/",
        subscription.get_manage_url(),
        reverse("subscriptions:unsubscribe", args=[subscription.manage_token()]),
    ):
        response = client.get(url)
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert response.get("X-Byregion-Cache") != "hit"


def test_the_form_page_stays_within_its_query_budget(
    site, client, uncached, regions, django_assert_max_num_queries
):
    client.get("/abonnement/")  # the chrome remembered once
    with django_assert_max_num_queries(5):
        response = client.get("/abonnement/")
    assert response.status_code == 200
    assert "Ålesundregionen" in response.content.decode()


def test_the_manage_page_stays_within_its_query_budget(
    site, client, uncached, django_assert_max_num_queries
):
    subscription = subscribed("kari@example.org")
    client.get(subscription.get_manage_url())
    with django_assert_max_num_queries(5):
        assert client.get(subscription.get_manage_url()).status_code == 200


def test_unconfirmed_after_a_week_is_pruned_and_its_link_expires(site, client, clock):
    from byregion.subscriptions import services

    subscription = subscribed("kari@example.org", confirmed=False)
    clock.advance(days=7, minutes=1)
    assert services.prune() == 1
    url = subscription.get_manage_url()
    assert client.get(url).status_code == 410
    assert dt.timedelta(days=7) < clock.now - subscription.created


def test_staff_list_export_and_erase_in_the_admin(site, client, django_user_model):
    subscription = subscribed("kari@example.org")
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(admin)
    response = client.get("/admin/subscription_records/")
    assert response.status_code == 200
    assert "kari@example.org" in response.content.decode()
    assert f"/admin/subscription-export/{subscription.pk}/" in response.content.decode()
    assert client.get("/admin/subscription_records/new/").status_code in (302, 403)
    response = client.get(f"/admin/subscription-export/{subscription.pk}/")
    assert json.loads(response.content)["email"] == "kari@example.org"
    response = client.post(f"/admin/subscription_records/delete/{subscription.pk}/")
    assert response.status_code == 302
    assert not Subscription.objects.exists()


def test_export_in_the_admin_needs_the_permission(site, client, django_user_model):
    subscription = subscribed("kari@example.org")
    editor = django_user_model.objects.create_user("editor", "e@example.org", "x")
    client.force_login(editor)
    assert client.get(f"/admin/subscription-export/{subscription.pk}/").status_code in (302, 403)
