"""The demo's news: the Ålesund article word for word, where the issue says it must appear."""

import datetime as dt

import pytest

from byregion.demo import news as demo_news
from byregion.demo.content import load_all
from byregion.gatherings.models import GatheringIndexPage, GatheringPage
from byregion.news.models import NewsArticlePage
from byregion.news.search import matching_article_ids

from .conftest import parse

pytestmark = pytest.mark.django_db

# The article as the issue gives it: lead, then the body's paragraphs, last sentence last.
ISSUE_TEXT = [demo_news.LEAD, *demo_news.PARAGRAPHS, demo_news.LAST_SENTENCE]


@pytest.fixture
def demo_article():
    load_all()
    return NewsArticlePage.objects.get(slug="byregionsamling-i-alesund")


def test_the_article_is_in_nynorsk_under_alesund_kommune_dated_march_2017(demo_article):
    assert demo_article.live
    assert demo_article.title == "Byregionsamling i Ålesund"
    assert demo_article.language == "nn"
    assert demo_article.organisation.slug == "alesund-kommune"
    published = demo_article.first_published_at.astimezone(demo_news.OSLO)
    assert dt.date(2017, 3, 10) < published.date() < dt.date(2017, 3, 22)
    assert demo_article.main_image.credit == "Foto: Haavard Ese Eliassen, Distriktssenteret"
    assert "Plasshaldar" in demo_article.main_image.description


def test_the_text_is_word_for_word_with_its_typos_and_spacing(client, demo_article):
    html = parse(client.get(demo_article.url))
    main = html.main
    assert main["lang"] == "nn"
    lead = main.select_one(".byr-lead").get_text()
    paragraphs = [p.get_text() for p in main.select(".news-body p")]
    assert [lead, *paragraphs] == ISSUE_TEXT
    assert "reionane" in paragraphs[1]
    assert "sjå\u00a0 moglegheitene" in paragraphs[2]


def test_it_is_on_the_home_page_the_listing_every_feed_and_in_search(client, demo_article):
    assert (
        demo_article.title
        in parse(client.get("/")).select_one('[aria-labelledby="home-news"]').text
    )
    assert demo_article.title in client.get("/nyheter/alesund-kommune/").content.decode()
    for feed in [
        "/feed/nyheter/atom/",
        "/feed/nyheter/rss/",
        "/feed/nyheter/organisasjon/alesund-kommune/atom/",
        "/feed/nyheter/organisasjon/alesund-kommune/rss/",
        "/feed/nyheter/region/alesundregionen/atom/",
        "/feed/nyheter/region/alesundregionen/rss/",
        "/feed/nyheter/tema/naeringsretta-samfunnsutvikling/atom/",
        "/feed/nyheter/tema/naeringsretta-samfunnsutvikling/rss/",
    ]:
        assert demo_article.title in client.get(feed).content.decode(), feed
    assert matching_article_ids("byregionsamling") == [demo_article.pk]
    assert demo_article.title in client.get("/nyheter/?q=byregionsamling").content.decode()


def test_loading_twice_changes_nothing(demo_article):
    revisions = demo_article.revisions.count()
    load_all()
    article = NewsArticlePage.objects.get(pk=demo_article.pk)
    assert article.revisions.count() == revisions
    assert NewsArticlePage.objects.count() == 1


def test_the_last_sentence_links_to_the_gatherings_programme(demo_article, client):
    """The gatherings demo loads before the news demo, so the link is there from the start."""
    gathering = GatheringPage.objects.get(slug=demo_news.GATHERING_SLUG)
    link = f'<a href="{gathering.url}program/">{demo_news.LAST_SENTENCE}</a>'
    assert demo_article.body[0].value.source.endswith(f"<p>{link}</p>")
    assert list(demo_article.gatherings.all()) == [gathering]
    assert client.get(f"{gathering.url}program/").status_code == 200


def test_a_gathering_published_after_the_article_is_linked_on_the_next_load(demo_article):
    gathering = GatheringPage.objects.get(slug=demo_news.GATHERING_SLUG)
    gathering.delete()
    NewsArticlePage.objects.filter(pk=demo_article.pk).delete()
    demo_news.load()
    article = NewsArticlePage.objects.get(slug=demo_article.slug)
    assert "<a " not in article.body[0].value.source
    index = GatheringIndexPage.objects.get()
    gathering = index.add_child(
        instance=GatheringPage(
            title="Byregionsamling i Ålesund 2017",
            slug=demo_news.GATHERING_SLUG,
            start=dt.datetime(2017, 3, 22, 9, tzinfo=demo_news.OSLO),
            end=dt.datetime(2017, 3, 23, 15, tzinfo=demo_news.OSLO),
        )
    )
    demo_news.load()
    article = NewsArticlePage.objects.get(slug=demo_article.slug)
    link = f'<a href="{gathering.url}program/">{demo_news.LAST_SENTENCE}</a>'
    assert article.body[0].value.source.endswith(f"<p>{link}</p>")
    assert list(article.gatherings.all()) == [gathering]
    assert article.first_published_at == demo_article.first_published_at  # still March 2017


def test_the_demo_editor_account_is_limited_to_alesund_kommune(demo_article):
    from django.contrib.auth import get_user_model

    from byregion.news.models import NewsIndexPage, NewsSectionPage

    users = get_user_model().objects
    editor, writer = users.get(username="redaktor-alesund"), users.get(username="skribent-alesund")
    assert not editor.has_usable_password()  # no password until someone sets one
    alesund = NewsSectionPage.objects.get(organisation__slug="alesund-kommune")
    operator = NewsSectionPage.objects.get(organisation__slug="distriktssenteret")
    assert alesund.permissions_for_user(editor).can_publish_subpage()
    assert alesund.permissions_for_user(writer).can_add_subpage()
    assert not alesund.permissions_for_user(writer).can_publish_subpage()
    assert not operator.permissions_for_user(editor).can_add_subpage()
    assert not NewsIndexPage.objects.get().permissions_for_user(editor).can_publish()
    assert demo_article.permissions_for_user(editor).can_publish()
    assert not demo_article.permissions_for_user(writer).can_publish()
