"""The scheduled job against a real SMTP server on loopback: what is due, each item at most
once, withdrawn items never, filters, frequencies, and a mail server that refuses or stalls."""

import datetime as dt

import pytest
from django.core.management import call_command

from byregion.networks.models import Council, Meeting
from byregion.subscriptions import digests
from byregion.subscriptions.models import DigestMail, Item, Subscription

from .conftest import publish_news, subscribed

pytestmark = pytest.mark.django_db


def test_a_published_article_reaches_an_immediate_subscriber_once(tree, smtp_server, run_job):
    subscription = subscribed("kari@example.org")
    publish_news(tree, "Ny hamneplan")
    # Nothing is mailed in the request that publishes.
    assert smtp_server.received == []
    counts = run_job()
    assert counts["mails"] == 1
    [received] = smtp_server.to("kari@example.org")
    message = received.message
    assert message["Subject"] == "Ny hamneplan"
    assert message["List-Unsubscribe"].strip() == f"<{subscription.get_absolute_unsubscribe_url()}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Content-Language"] == "nb"
    assert message["Message-ID"].endswith("@127.0.0.1>")
    assert message["Date"]
    assert "Ny hamneplan" in received.text()
    assert "Ingress til Ny hamneplan." in received.text()
    assert subscription.get_absolute_manage_url() in received.text()
    html = received.html()
    assert '<html lang="nb">' in html and "Ny hamneplan" in html
    assert "Endre hva du får" in html  # the manage link, in Bokmål
    assert received.attachments() == []
    # The next runs send nothing more.
    run_job()
    run_job(dt.timedelta(days=2))
    assert len(smtp_server.to("kari@example.org")) == 1


def test_mails_are_in_the_subscribers_language(tree, smtp_server, run_job):
    subscribed("ola@example.org", language="nn")
    subscribed("ann@example.org", language="en")
    publish_news(tree, "Ei", regions=[])
    publish_news(tree, "To")
    run_job()
    [nynorsk] = smtp_server.to("ola@example.org")
    [english] = smtp_server.to("ann@example.org")
    assert nynorsk.message["Content-Language"] == "nn"
    assert nynorsk.message["Subject"] == "2 nye saker på Byregion"
    assert "/nn/abonnement/" in nynorsk.text()
    assert english.message["Subject"] == "2 new items on Byregion"
    assert "/en/abonnement/" in english.text()


def test_nothing_goes_to_an_unconfirmed_address(tree, smtp_server, run_job):
    subscribed("kari@example.org", confirmed=False)
    publish_news(tree, "Ny hamneplan")
    run_job()
    assert smtp_server.received == []


def test_what_was_published_before_confirming_is_not_sent(tree, smtp_server, run_job):
    publish_news(tree, "Gammal nyheit")
    subscribed("kari@example.org")
    run_job()
    assert smtp_server.received == []


def test_an_item_unpublished_before_the_run_is_not_sent(tree, smtp_server, run_job):
    subscribed("kari@example.org")
    article = publish_news(tree, "Trekt tilbake")
    article.unpublish()
    assert Item.objects.get(page=article).withdrawn_at is not None
    run_job()
    assert smtp_server.received == []


def test_an_item_unpublished_after_planning_is_not_sent(
    tree, smtp_server, clock, django_capture_on_commit_callbacks, monkeypatch
):
    """Planned, then withdrawn before the task ran (a queue in production): the task sends
    nothing and marks the mail done."""
    subscribed("kari@example.org")
    article = publish_news(tree, "Trekt tilbake")
    queued = []
    monkeypatch.setattr(digests, "_enqueue", queued.append)
    clock.advance(minutes=5)
    with django_capture_on_commit_callbacks(execute=True):
        digests.run()
    article.unpublish()
    from byregion.subscriptions.sending import send_batch

    assert send_batch(queued[0]) == {"sent": 0, "failed": 0, "empty": 1, "deferred": 0}
    assert smtp_server.received == []
    assert DigestMail.objects.get().sent_at is not None


def test_filters_region_and_language(tree, regions, smtp_server, run_job):
    subscribed("alesund@example.org", region_ids=[regions["alesund"].pk])
    subscribed("nynorsk@example.org", content_languages=["nn"])
    subscribed("meetings@example.org", kinds=["meeting"])
    publish_news(tree, "Om Ålesund", regions=[regions["alesund"]], language="nb")
    publish_news(tree, "Om Molde", regions=[regions["molde"]], language="nn")
    run_job()
    assert [r.message["Subject"] for r in smtp_server.to("alesund@example.org")] == ["Om Ålesund"]
    assert [r.message["Subject"] for r in smtp_server.to("nynorsk@example.org")] == ["Om Molde"]
    assert smtp_server.to("meetings@example.org") == []


def test_a_new_council_meeting_is_sent_and_a_cancelled_one_withdrawn(
    db, regions, clock, smtp_server, run_job
):
    subscribed("rad@example.org", kinds=["meeting"])
    council = Council.objects.create(region=regions["alesund"], name="Næringsrådet", slug="rad")
    coming = Meeting.objects.create(council=council, start=clock.now + dt.timedelta(days=20))
    cancelled = Meeting.objects.create(council=council, start=clock.now + dt.timedelta(days=30))
    cancelled.status = "cancelled"
    cancelled.save()
    # Entered after the fact: a record, not news.
    Meeting.objects.create(council=council, start=clock.now - dt.timedelta(days=30))
    assert Item.objects.count() == 2
    run_job()
    [received] = smtp_server.to("rad@example.org")
    assert received.message["Subject"] == f"Næringsrådet: {coming.display_title}"
    assert coming.get_absolute_url() in received.text()


def test_daily_and_weekly_digests_wait_for_their_day(tree, smtp_server, run_job):
    subscribed("daily@example.org", frequency="daily")
    subscribed("weekly@example.org", frequency="weekly")
    publish_news(tree, "Første")
    run_job()
    assert smtp_server.received == []  # confirmed minutes ago: not due yet
    publish_news(tree, "Andre")
    run_job(dt.timedelta(days=1))
    [daily] = smtp_server.to("daily@example.org")
    assert daily.message["Subject"] == "2 nye saker på Byregion"
    assert smtp_server.to("weekly@example.org") == []
    run_job(dt.timedelta(days=6))
    [weekly] = smtp_server.to("weekly@example.org")
    assert weekly.message["Subject"] == "2 nye saker på Byregion"
    assert len(smtp_server.to("daily@example.org")) == 1  # nothing new since


def test_a_refusing_mail_server_is_tried_again_later_and_nothing_goes_twice(
    tree, smtp_server, run_job
):
    for name in ("a", "b", "c"):
        subscribed(f"{name}@example.org")
    publish_news(tree, "Ny hamneplan")
    smtp_server.refuse("451 4.3.0 Try again later")
    counts = run_job()
    assert counts["mails"] == 3
    assert len(smtp_server.received) == 2  # the first refused, the others went
    refused = DigestMail.objects.get(sent_at__isnull=True)
    assert refused.attempts == 1 and refused.retry_at > refused.created
    run_job(dt.timedelta(minutes=1))  # its pause is not over
    assert len(smtp_server.received) == 2
    run_job(dt.timedelta(minutes=30))
    assert sorted(r.rcpt_tos[0] for r in smtp_server.received) == [
        "a@example.org",
        "b@example.org",
        "c@example.org",
    ]
    run_job(dt.timedelta(days=1))
    assert len(smtp_server.received) == 3


def test_a_stalling_mail_server_stops_the_batch_and_loses_nothing(tree, smtp_server, run_job):
    for name in ("a", "b", "c"):
        subscribed(f"{name}@example.org")
    publish_news(tree, "Ny hamneplan")
    smtp_server.stall(3)  # past EMAIL_TIMEOUT (2 s in the tests)
    counts = run_job()
    assert counts["mails"] == 3
    assert smtp_server.received == []
    # The one tried waits its pause; the two not tried were released, not charged.
    assert sorted(DigestMail.objects.values_list("attempts", flat=True)) == [0, 0, 1]
    run_job(dt.timedelta(minutes=1))
    assert len(smtp_server.received) == 2
    run_job(dt.timedelta(minutes=30))
    assert sorted(r.rcpt_tos[0] for r in smtp_server.received) == [
        "a@example.org",
        "b@example.org",
        "c@example.org",
    ]
    assert DigestMail.objects.filter(sent_at__isnull=True).count() == 0


def test_two_jobs_at_once_plan_a_mail_once(tree, smtp_server, clock, monkeypatch):
    subscribed("kari@example.org")
    publish_news(tree, "Ny hamneplan")
    queued = []
    monkeypatch.setattr(digests, "_enqueue", queued.append)
    clock.advance(minutes=5)
    first = digests.plan()
    second = digests.plan()
    assert (first["mails"], second["mails"]) == (1, 0)
    assert DigestMail.objects.count() == 1


def test_the_command_prunes_unconfirmed_subscriptions_after_a_week(db, clock, capsys):
    subscribed("old@example.org", confirmed=False)
    clock.advance(days=6)
    subscribed("new@example.org", confirmed=False)
    subscribed("confirmed@example.org")
    clock.advance(days=1, minutes=1)
    call_command("send_subscriptions")
    assert "Pruned 1 unconfirmed" in capsys.readouterr().out
    assert sorted(Subscription.objects.values_list("email", flat=True)) == [
        "confirmed@example.org",
        "new@example.org",
    ]


def test_the_command_survives_a_refusing_server_and_sends_later(
    tree, smtp_server, clock, capsys, django_capture_on_commit_callbacks
):
    subscribed("kari@example.org")
    publish_news(tree, "Ny hamneplan")
    smtp_server.refuse("554 5.7.1 Rejected", times=1)
    clock.advance(minutes=5)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_subscriptions")
    assert "planned 1 new mails in 1 batches" in capsys.readouterr().out
    assert smtp_server.received == []
    clock.advance(minutes=25)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_subscriptions")
    assert "queued again 1" in capsys.readouterr().out
    assert len(smtp_server.to("kari@example.org")) == 1
