"""Browser tests: Debian's headless Chromium, driven by Playwright, against pytest-django's
live_server, with the site's real static files.

Mark a test `@pytest.mark.browser` and ask for the `page` fixture: a fresh Playwright page
(1280 by 900 pixels, its own browser context) whose relative URLs go to the live server, so
`page.goto("/nn/")` works. The fixture also fails the test if the page loads anything from
outside the site, a static file fails to load, or a script throws.

    from tests.browser.conftest import check_axe, save_screenshot

    check_axe(page)                    # fails with a readable list of WCAG 2.1 A/AA violations
    save_screenshot(page, "home-nb")   # writes test-artifacts/home-nb.png (full page)

Live-server tests run in a transactional database that is emptied after each test, migration
data included, so the `home_page` fixture (which `page` uses) builds Wagtail's tree in code,
and `live_demo_content` loads the whole demo into it. A test's own content comes from the
apps' plain builders (tests.pages, tests.gatherings.conftest, tests.news.conftest), called
from a fixture in the test module that asks for `home_page` first.

Without /usr/bin/chromium these tests are skipped, except under CI (env CI set), where that
is a failure.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
    "--no-first-run",
    "--disable-sync",
]
AXE = Path(__file__).with_name("axe.min.js")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def chromium():
    """One browser per test module, and Django's async check off only while it runs.

    Playwright's sync API keeps an event loop running in the test thread, and Django refuses
    database access from a thread with a running loop. That loop is Playwright's and never
    touches Django, so the check does not apply; but the switch is an environment variable
    (read by subprocesses too, and `check --deploy` warns about it), so it is set here and
    put back after, not at import.
    """
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing, so the browser tests cannot run"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def home_page(transactional_db):
    """The site's home page and Wagtail's tree above it, as migration 0002 leaves them."""
    from tests.pages import home_page as existing_or_new

    return existing_or_new()


@pytest.fixture
def live_demo_content(home_page):
    """The demo as `byregion demo` loads it, in the live server's database (role categories
    seeded again first: live-server tests empty the database, migration data included).

    Not tests/conftest.py's `demo_content`: that one is loaded once per module inside a
    transaction the live server cannot see."""
    from byregion.demo.content import load_all
    from tests.pages import role_categories

    role_categories()
    load_all()


@pytest.fixture
def page(chromium, live_server, home_page):
    context = chromium.new_context(base_url=live_server.url, viewport=DESKTOP)
    context.set_default_timeout(5_000)  # a missing element fails fast, not after 30 s
    page = context.new_page()
    problems = []
    site = urlsplit(live_server.url).netloc

    def check_request(route):
        url = urlsplit(route.request.url)
        if url.scheme in {"http", "https"} and url.netloc != site:
            problems.append(f"loaded from outside the site: {route.request.url}")
            route.abort()
        else:
            route.continue_()

    def check_response(response):
        if "/static/" in response.url and response.status >= 400:
            problems.append(f"static file failed ({response.status}): {response.url}")

    page.route("**/*", check_request)
    page.on("response", check_response)
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    yield page
    context.close()
    assert not problems, "\n".join(problems)


def check_axe(page) -> None:
    """Run axe-core on the page as it is now; fail listing each violation and where it is."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing; `python3 tasks.py assets` copies it from node_modules")
    # Evaluated through the browser's debugging protocol, not added as a <script>: the site's
    # Content-Security-Policy (script-src 'self') refuses an inline script, rightly.
    page.evaluate(f"() => {{ {AXE.read_text()}\n}}")
    violations = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return result.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map((n) => ({
                    target: n.target.join(" "), summary: n.failureSummary,
                })),
            }));
        }""",
        AXE_TAGS,
    )
    if violations:
        lines = [f"axe found {len(violations)} violation(s) on {page.url}:"]
        for violation in violations:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            for node in violation["nodes"]:
                summary = " ".join(node["summary"].split())
                lines.append(f"    at {node['target']}: {summary}")
        pytest.fail("\n".join(lines), pytrace=False)


def save_screenshot(page, name: str, *, full_page: bool = True) -> Path:
    """Save what the page shows to test-artifacts/<name>.png (gitignored) and return the path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
