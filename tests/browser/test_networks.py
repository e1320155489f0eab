"""The region, council and meeting pages in headless Chromium, checked with axe-core in each
language, at desktop and phone widths, with screenshots in test-artifacts/."""

import pytest

from tests.browser.conftest import MOBILE, check_axe, save_screenshot

pytestmark = pytest.mark.browser

COUNCIL = "/regioner/alesundregionen/rad/radet-for-region-alesund/"


def check_both_widths(page, name):
    check_axe(page)
    save_screenshot(page, name)
    page.set_viewport_size(MOBILE)
    check_axe(page)
    save_screenshot(page, f"{name}-mobile")


@pytest.mark.parametrize("prefix", ["", "/nn", "/en"])
def test_region_page_is_accessible(page, live_demo_content, prefix):
    page.goto(f"{prefix}/regioner/alesundregionen/")
    assert page.locator("main h1").inner_text() == "Ålesundregionen"
    assert "Haram" in page.locator("#members-now ~ div table").inner_text()
    check_both_widths(page, f"region-alesund{prefix.replace('/', '-') or '-nb'}")


@pytest.mark.parametrize("prefix", ["", "/nn", "/en"])
def test_council_and_meeting_pages_are_accessible(page, live_demo_content, prefix):
    page.goto(f"{prefix}{COUNCIL}")
    assert page.get_by_role("img").filter(has_text="").count() >= 1
    check_both_widths(page, f"council{prefix.replace('/', '-') or '-nb'}")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator("#past ~ ul a").first.click()
    page.wait_for_url("**/moter/*/")
    assert "Quality Hotel Waterfront" in page.locator("main").inner_text()
    check_both_widths(page, f"meeting{prefix.replace('/', '-') or '-nb'}")


def test_programme_and_index_pages_are_accessible(page, live_demo_content):
    page.goto("/nn/regioner/")
    check_axe(page)
    page.get_by_role("link", name="Byregionprogrammet").click()
    page.wait_for_url("**/programmer/byregionprogrammet/")
    page.fill("#date", "2017-06-01")
    page.get_by_role("button", name="Vis").click()
    page.wait_for_url("**?date=2017-06-01")
    assert "3 regionar" in page.locator("main").inner_text()
    check_both_widths(page, "programme-nn")
