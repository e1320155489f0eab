"""The experience pages in a real browser, checked with axe-core."""

import pytest

from tests.browser.conftest import MOBILE, check_axe, save_screenshot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("prefix", ["", "/nn", "/en"])
def test_experience_pages_are_accessible(page, live_demo_content, prefix):
    page.goto(f"{prefix}/erfaringer/")
    check_axe(page)
    save_screenshot(page, f"experiences{prefix.replace('/', '-') or '-nb'}")
    page.get_by_label({"": "Tema", "/nn": "Tema", "/en": "Theme"}[prefix]).select_option(
        "stadutvikling"
    )
    page.locator("form.byr-filters button").click()
    page.wait_for_url("**theme=stadutvikling")
    assert page.locator(".byr-results > li").count() == 2
    page.get_by_role("link", name="Utvikling av campusområdet").click()
    page.wait_for_url("**/erfaringer/utvikling-av-campusomradet/")
    check_axe(page)
    save_screenshot(page, f"experience{prefix.replace('/', '-') or '-nb'}")
    page.set_viewport_size(MOBILE)
    check_axe(page)
    save_screenshot(page, f"experience-mobile{prefix.replace('/', '-') or '-nb'}")
