"""The news pages in headless Chromium: no axe-core violations in any UI language, and
screenshots at desktop and mobile width (test-artifacts/news-*.png)."""

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.conftest import MOBILE, check_axe, save_screenshot
from tests.news.conftest import OSLO, NewsTree, make_image

pytestmark = pytest.mark.browser

LANGUAGES = [("", "nb"), ("/nn", "nn"), ("/en", "en")]


@pytest.fixture
def demo_like_news(home_page):
    """The demo's shape: Ålesund's Nynorsk article with a credited image, and one more."""
    from byregion.demo import news as demo_news
    from byregion.networks.models import Region
    from byregion.themes.models import Theme

    # A live-server database is emptied between tests, migration data included.
    theme, _ = Theme.objects.get_or_create(
        slug="naeringsretta-samfunnsutvikling",
        defaults={"name_nb": "Næringsrettet samfunnsutvikling",
                  "name_nn": "Næringsretta samfunnsutvikling",
                  "name_en": "Business-oriented community development"},
    )  # fmt: skip
    region = Region.objects.create(name="Ålesundregionen", slug="alesundregionen")
    news_tree = NewsTree()
    image = make_image(title="Plasshaldar", credit=demo_news.IMAGE_CREDIT, alt=demo_news.IMAGE_ALT)
    article = news_tree.article(
        title=demo_news.TITLE,
        lead=demo_news.LEAD,
        body="".join(f"<p>{p}</p>" for p in demo_news.PARAGRAPHS),
        main_image=image,
        main_image_caption=demo_news.IMAGE_CAPTION,
        themes=[theme],
        regions=[region],
    )
    news_tree.article(
        title="Nytt læringsnettverk for byregionane (generert testinnhald)",
        section=news_tree.operator_section,
        language="nb",
        main_image=make_image(title="Anna", alt="Ei blå flate"),
    )
    type(article).objects.filter(pk=article.pk).update(
        first_published_at=dt.datetime(2017, 3, 15, 12, tzinfo=OSLO)
    )
    return news_tree, article


def serve_media(browser_page):
    """The live server does not serve uploads (DEBUG is off in tests): the test does."""
    root = Path(settings.MEDIA_ROOT)

    def fulfil(route):
        path = route.request.url.split("/media/", 1)[1]
        route.fulfill(path=str(root / path))

    browser_page.route("**/media/**", fulfil)


@pytest.mark.parametrize(("prefix", "lang"), LANGUAGES)
def test_news_pages_are_accessible_in_each_language(page, demo_like_news, prefix, lang):
    news_tree, article = demo_like_news
    serve_media(page)
    pages = [
        ("index", news_tree.index.url),
        ("section", news_tree.alesund_section.url),
        ("article", article.url),
        ("search", f"{news_tree.index.url}?q=byregionsamling&region=finst-ikkje"),
    ]
    for name, url in pages:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(f"{prefix}{url}")
        assert page.locator("html").get_attribute("lang") == lang
        check_axe(page)
        save_screenshot(page, f"news-{name}-{lang}-desktop")
        page.set_viewport_size(MOBILE)
        check_axe(page)
        save_screenshot(page, f"news-{name}-{lang}-mobile")


def test_article_image_loads_at_a_size_that_fits(page, demo_like_news):
    _news_tree, article = demo_like_news
    serve_media(page)
    page.set_viewport_size(MOBILE)
    page.goto(article.url)
    image = page.locator(".news-figure img").first
    image.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('.news-figure img').complete")
    natural = image.evaluate("(img) => img.naturalWidth")
    assert natural > 0  # it loaded
    assert natural <= 1600
    assert "width-" in image.evaluate("(img) => img.currentSrc")
    assert page.locator("main").get_attribute("lang") == "nn"


def test_search_box_filters_the_listing(page, demo_like_news):
    news_tree, article = demo_like_news
    page.goto(news_tree.index.url)
    page.get_by_label("Søk i nyhetene").fill('"byregionsamling')
    page.get_by_role("button", name="Vis").click()
    page.wait_for_url("**q=*")
    titles = page.locator(".news-list h3").all_inner_texts()
    assert titles == [article.title]
