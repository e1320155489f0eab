"""The gathering, programme and session pages in headless Chromium, checked with axe-core."""

import pytest

from tests.browser.conftest import DESKTOP, MOBILE, check_axe, save_screenshot
from tests.gatherings.conftest import (
    make_index,
    make_operator,
    make_programme,
    make_regional_gathering,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def gathering(home_page):
    """tests/gatherings' Regional samling 2027, built in the live server's database after the
    home page (see tests/browser/conftest.py)."""
    operator = make_operator()
    return make_regional_gathering(make_index(), operator, make_programme(operator))


@pytest.mark.parametrize("prefix", ["", "/nn", "/en"])
def test_gathering_programme_and_session_pages_are_accessible(page, gathering, prefix):
    name = prefix.replace("/", "-") or "-nb"
    page.goto(f"{prefix}/samlinger/regional-samling-2027/")
    assert page.locator("main").get_attribute("lang") == "nn"
    check_axe(page)
    save_screenshot(page, f"gathering{name}")

    page.locator("main a.ds-button[href$='/program/']").click()
    page.wait_for_url("**/program/")
    assert page.locator(".gathering-slot--parallel .gathering-session").count() == 2
    check_axe(page)
    save_screenshot(page, f"programme{name}")
    page.set_viewport_size(MOBILE)
    check_axe(page)
    save_screenshot(page, f"programme{name}-mobile")

    page.get_by_role("link", name="Opning").click()
    page.wait_for_url("**/program/*/")
    assert "Kari Nordmann" in page.locator("main").inner_text()
    check_axe(page)
    save_screenshot(page, f"session{name}-mobile")


def test_programme_prints_without_the_site_around_it(page, gathering):
    page.goto("/samlinger/regional-samling-2027/program/")
    assert page.locator("header.byr-header").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("header.byr-header").is_visible()
    assert not page.locator("footer.byr-footer").is_visible()
    assert not page.locator(".byr-nav").is_visible()
    assert page.locator(".gathering-slot").first.is_visible()
    assert page.get_by_text("Verkstad i Rom B").is_visible()
    save_screenshot(page, "programme-print")


def test_index_and_series_are_accessible(page, gathering):
    page.goto("/samlinger/")
    check_axe(page)
    save_screenshot(page, "gatherings-index")
    page.get_by_role("link", name="Alle samlinger i Byregionprogrammet").click()
    page.wait_for_url("**/serie/byregionprogrammet/")
    check_axe(page)
    page.set_viewport_size(MOBILE)
    save_screenshot(page, "gatherings-series-mobile")


def test_demo_gatherings_are_accessible_and_honest(page, live_demo_content):
    page.goto("/nn/samlinger/byregionsamling-i-alesund-2017/")
    main = page.locator("main")
    assert "22.\u201323. mars 2017" in main.inner_text()
    assert "Samlinga skal inspirere, utfordre og gje kunnskap." in main.inner_text()
    check_axe(page)
    save_screenshot(page, "demo-alesund-nn")
    page.goto("/nn/samlinger/byregionsamling-i-alesund-2017/program/")
    notice = page.locator(".gathering-example")
    assert notice.is_visible()
    assert "Eksempelprogram \N{EN DASH} det verkelege programmet finst ikkje i kjeldene våre." in (
        notice.inner_text()
    )
    assert "Rådet for Region Ålesund" in main.inner_text()
    assert page.locator(".gathering-slot--parallel").count() == 1  # three workshops
    check_axe(page)
    save_screenshot(page, "demo-alesund-programme-nn")
    page.set_viewport_size(MOBILE)
    save_screenshot(page, "demo-alesund-programme-nn-mobile")
    page.set_viewport_size(DESKTOP)

    page.goto("/samlinger/eksempel-regional-samling-2027/program/")
    assert page.locator(".gathering-generated").is_visible()
    assert page.locator(".gathering-slot--parallel").count() == 2
    check_axe(page)
    save_screenshot(page, "demo-example-programme-nb")
    page.set_viewport_size(MOBILE)
    save_screenshot(page, "demo-example-programme-nb-mobile")
    page.goto("/samlinger/")
    check_axe(page)
    save_screenshot(page, "demo-index-nb-mobile")
