"""The search page and the theme pages in a real browser, checked with axe-core, on a desktop
and a phone, in every UI language."""

import pytest

from tests.browser.conftest import DESKTOP, MOBILE, check_axe, save_screenshot

pytestmark = pytest.mark.browser

SEARCH_LABEL = {"": "Søk etter", "/nn": "Søk etter", "/en": "Search for"}
BUTTON = {"": "Søk", "/nn": "Søk", "/en": "Search"}
NEWS_TAB = {"": "Nyheter", "/nn": "Nyheiter", "/en": "News"}


def _both_sizes(page, name):
    for size, suffix in ((DESKTOP, ""), (MOBILE, "-mobile")):
        page.set_viewport_size(size)
        check_axe(page)
        save_screenshot(page, name + suffix)
    page.set_viewport_size(DESKTOP)


@pytest.mark.parametrize("prefix", ["", "/nn", "/en"])
def test_search_and_theme_pages(page, live_demo_content, prefix):
    name = prefix.replace("/", "-") or "-nb"
    page.goto(f"{prefix}/")
    header = page.locator("header form[role=search]")
    header.get_by_label(SEARCH_LABEL[prefix]).fill("byregionsamling")
    header.get_by_role("button", name=BUTTON[prefix]).click()
    page.wait_for_url(f"**{prefix}/sok/?q=byregionsamling")
    assert page.locator(".search-hit mark").count() >= 1
    _both_sizes(page, f"search{name}")

    page.locator(".search-tabs a", has_text=NEWS_TAB[prefix]).click()
    page.wait_for_url("**type=news")
    assert page.locator(".search-hit").count() == 1

    page.goto(f"{prefix}/sok/?q=samlinga&region=finst-ikkje&from=2017-02-30")
    assert page.locator(".ds-alert").is_visible()
    check_axe(page)
    save_screenshot(page, f"search-errors{name}")

    page.goto(f"{prefix}/tema/")
    check_axe(page)
    save_screenshot(page, f"themes{name}")
    page.locator(".byr-cards a[href$='/tema/samspel-by-og-omland/']").click()
    page.wait_for_url("**/tema/samspel-by-og-omland/")
    assert page.locator(".theme-list > li").count() >= 2
    _both_sizes(page, f"theme{name}")
