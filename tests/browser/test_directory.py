"""The organisation and municipality pages in a real browser, checked with axe-core."""

import pytest

from tests.browser.conftest import MOBILE, check_axe, save_screenshot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("prefix", ["", "/nn", "/en"])
def test_organisation_page_shows_the_contact_block_accessibly(page, live_demo_content, prefix):
    page.goto(f"{prefix}/organisasjoner/alesund-kommune/")
    contact = page.locator("main .organisation-contact")
    assert "70 16 20 00" in contact.inner_text()
    assert "942 953 119" in contact.inner_text()
    assert "Keiser Wilhelms gt. 11" in contact.inner_text()
    assert "08.00\u201315.45" in contact.inner_text()  # with an en dash
    check_axe(page)
    save_screenshot(page, f"organisation{prefix.replace('/', '-') or '-nb'}")
    page.set_viewport_size(MOBILE)
    check_axe(page)


def test_municipality_pages_are_accessible(page, live_demo_content):
    page.goto("/nn/kommuner/?date=2017-01-01")
    assert page.get_by_role("link", name="Ørskog").count() == 1
    check_axe(page)
    save_screenshot(page, "municipalities-2017-nn")
    page.get_by_role("link", name="Haram").first.click()
    page.wait_for_url("**/kommuner/1534/")
    assert "Haram (1580)" in page.locator("main").inner_text()
    check_axe(page)
    save_screenshot(page, "municipality-1534-nn")
