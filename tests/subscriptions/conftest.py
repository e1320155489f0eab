"""Subscriptions' fixtures: a news tree, regions and a clock the test moves; helpers that
subscribe and confirm, publish an article now, and run the scheduled job."""

import datetime as dt

import pytest
from wagtail.rich_text import RichText

from byregion.networks.models import Region
from byregion.news.models import NewsArticlePage
from byregion.subscriptions import digests, services
from byregion.subscriptions.models import Subscription
from tests.clock import moving_clock
from tests.news.conftest import NewsTree

START = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock(monkeypatch):
    return moving_clock(monkeypatch, START)


@pytest.fixture
def tree(db, clock) -> NewsTree:
    return NewsTree()


@pytest.fixture
def regions(db):
    return {
        "alesund": Region.objects.create(name="Ålesundregionen", slug="alesundregionen"),
        "molde": Region.objects.create(name="Molderegionen", slug="molderegionen"),
    }


def publish_news(tree, title, *, regions=(), language="nb", section=None) -> NewsArticlePage:
    """An article published now (its first publication: first_published_at is the clock)."""
    section = section or tree.alesund_section
    article = section.add_child(
        instance=NewsArticlePage(
            title=title,
            lead=f"Ingress til {title}.",
            body=[("paragraph", RichText("<p>Brødtekst.</p>"))],
            language=language,
            live=False,
        )
    )
    article.regions.set(regions)
    article.save_revision().publish()
    return NewsArticlePage.objects.get(pk=article.pk)


def subscribed(email, *, language="nb", confirmed=True, **choices) -> Subscription:
    choices.setdefault("frequency", "immediate")
    subscription = services.subscribe(email, choices, language)
    if confirmed:
        services.confirm(subscription)
    subscription.refresh_from_db()
    return subscription


@pytest.fixture
def run_job(django_capture_on_commit_callbacks, clock):
    """Run the scheduled job after the items have settled, its queued tasks included."""

    def run(advance=dt.timedelta(minutes=5)):
        clock.now += advance
        with django_capture_on_commit_callbacks(execute=True):
            return digests.run()

    return run
