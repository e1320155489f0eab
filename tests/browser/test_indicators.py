"""A region's numbers in headless Chromium: axe-core clean in each language, at desktop and
phone widths, with screenshots in test-artifacts/; the CSV link downloads."""

import pytest

from tests.browser.conftest import MOBILE, check_axe, save_screenshot

pytestmark = pytest.mark.browser


def check_both_widths(page, name):
    check_axe(page)
    save_screenshot(page, name)
    page.set_viewport_size(MOBILE)
    check_axe(page)
    save_screenshot(page, f"{name}-mobile")
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.parametrize("prefix", ["", "/nn", "/en"])
def test_a_regions_numbers_are_accessible(page, live_demo_content, prefix):
    page.goto(f"{prefix}/regioner/alesundregionen/")
    check_axe(page)  # with the summary section
    page.locator("#region-numbers ~ p a").last.click()
    page.wait_for_url("**/tal/?date=2018-12-31")
    assert page.locator("svg[role=img]").count() == 4
    check_both_widths(page, f"indicators-alesund{prefix.replace('/', '-') or '-nb'}")


def test_the_flows_year_and_the_csv_download(page, live_demo_content):
    page.goto("/en/regioner/molderegionen/tal/")
    page.select_option("#year", "2019")
    page.get_by_role("button", name="Show").last.click()
    page.wait_for_url("**year=2019")
    assert "Flows between the members, 2019" in page.locator("main").inner_text()
    with page.expect_download() as download:
        page.locator("a[href*='flows.csv']").click()
    assert download.value.suggested_filename == "molderegionen-flows-2019.csv"


@pytest.mark.parametrize("prefix", ["", "/nn", "/en"])
def test_the_regions_side_by_side_are_accessible(page, live_demo_content, prefix):
    page.goto(f"{prefix}/regioner/alesundregionen/tal/")
    page.locator("a[href$='/programmer/byregionprogrammet/tal/']").click()
    page.wait_for_url("**/programmer/byregionprogrammet/tal/")
    page.select_option("#year", "2015")
    page.locator("form.ind-year-form button").click()
    page.wait_for_url("**year=2015")
    assert "62" in page.locator("main table").inner_text()
    check_both_widths(page, f"indicators-programme{prefix.replace('/', '-') or '-nb'}")
