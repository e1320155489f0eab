"""What publishing records: a cheap row in the publishing request, for new pages only."""

import datetime as dt

import pytest
from wagtail.models import PageViewRestriction

from byregion.subscriptions.models import Item
from tests.gatherings.conftest import make_gathering, make_index

from .conftest import publish_news

pytestmark = pytest.mark.django_db


def test_a_new_article_is_recorded_once_and_republishing_does_not_record_it_again(tree, regions):
    article = publish_news(tree, "Ny", regions=[regions["molde"]], language="nn")
    item = Item.objects.get(page=article)
    assert (item.kind, item.language, item.region_ids) == ("news", "nn", [regions["molde"].pk])
    assert item.organisation_ids == [tree.alesund.pk]
    article.regions.set([regions["alesund"]])
    article.save_revision().publish()
    assert Item.objects.count() == 1
    assert Item.objects.get().region_ids == [regions["alesund"].pk]


def test_an_old_page_published_again_is_not_news(tree, clock):
    article = publish_news(tree, "Gammal")
    Item.objects.all().delete()  # as if the app came after it
    clock.advance(days=30)
    article.save_revision().publish()
    assert not Item.objects.exists()


def test_a_gathering_is_recorded_with_its_region_and_organiser(tree, regions):
    index = make_index()
    gathering = make_gathering(
        index, "nettverkssamling", host_region=regions["alesund"], organiser=tree.alesund
    )
    item = Item.objects.get(page=gathering)
    assert item.kind == "gathering"
    assert item.region_ids == [regions["alesund"].pk]
    assert item.organisation_ids == [tree.alesund.pk]


def test_a_restricted_page_is_withdrawn(tree, clock):
    article = publish_news(tree, "Intern")
    PageViewRestriction.objects.create(page=article, restriction_type="password", password="x")
    article.save_revision().publish()
    assert Item.objects.get(page=article).withdrawn_at is not None


def test_deleting_a_page_deletes_its_item(tree):
    article = publish_news(tree, "Borte")
    article.delete()
    assert not Item.objects.exists()


def test_publishing_records_only_a_row_and_mails_nothing(tree, mailoutbox, clock):
    publish_news(tree, "Ny")
    assert mailoutbox == []
    assert Item.objects.get().recorded_at == clock.now
    assert clock.now - Item.objects.get().recorded_at < dt.timedelta(seconds=1)
