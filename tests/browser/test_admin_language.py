"""The admin in Norwegian (issue 16, item 7): a writer, an editor, an organiser (a
registration desk) and a region editor walk the screens on their paths with the admin in
Bokmål and in Nynorsk, and no visible text is English.

Wagtail has no Nynorsk catalogue and an incomplete Bokmål one; the project's catalogue in
src/byregion/locale/ (LOCALE_PATHS) fills in what these screens show. The detector reads
every text node a person (or a screen reader) meets, and the placeholders and labels of
the controls, and calls a text English when it is one of the phrases seen on these screens
before that catalogue existed, or when it has a word that is English and never Norwegian
("you", "the", "edit", "search", ...; words both languages share, such as "Status" or
"Filter", are not on that list, and the demo's names in English are allowed by name).

The admin's own pages, so the `page` fixture's checks do not apply; anything outside the
site is blocked, and a script error or an error in the browser's console fails the test (the
account page's time-zone list logged one, item 9).
"""

import io
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.files.images import ImageFile
from django.test import Client
from django.urls import reverse

from tests.browser.conftest import DESKTOP, save_screenshot

pytestmark = pytest.mark.browser

# Seen on these screens before the project's catalogue: Wagtail's strings without a Bokmål
# translation, and the images app's fields.
KNOWN_ENGLISH = {
    "Alternative text",
    "Photo credit",
    "Request changes",
    "Approve with comment",
    "Create",
    "Search…",
    "You have unsaved edits",
    "Describe what the image shows for people who cannot see it.",
}

# Words that are English and never Norwegian (Bokmål or Nynorsk): one is enough. Words both
# languages share ("to", "at", "by", "her", "and", "is", "no", "all", "last", "must",
# "show", "time", "type", "status", "filter", "sort", "live", "private", "IT") are not here.
ENGLISH_WORDS = set(
    """
    the this that these those you your yours we our its they their there here with
    without about above below after before into onto of from has have had was were are
    been being will would should could cannot can't don't won't isn't which what who
    whom when where why how add edit edits editing create created delete deleted save
    saved unsaved publish published unpublish submit submitted approve approved request
    requested reject changes change changed comment comments search searching upload
    uploaded choose select selected view preview history draft drafts page pages image
    images document documents title name alternative photo credit settings account
    password email language zone notifications profile picture dashboard welcome recent
    workflow actions latest updated owner locked unlocked children child parent order
    copy move lock unlock cancel close open back next previous hide less help explorer
    snippets reports first ago minutes hours days yesterday today now none any required
    optional enter please unknown collapse expand editor items item results apply clear
    drag drop browse file files focal point width height usage used visible public
    visit schedule scheduled expired revisions compare current version preferences
    theme density sidebar sign log out more toggle menu main skip content untitled
    """.split()  # noqa: SIM905 (a list of words reads best as text)
)

# Text that may stay as it is in any language: names of languages as themselves, the
# product's name, and names in the demo's content.
ALLOWED = (
    re.compile(r"^(English|Wagtail|Byregion)$"),
    re.compile(r"The North West"),
)

WORD = re.compile(r"[A-Za-z']+")


def english(text: str) -> bool:
    text = " ".join(text.split())
    if not text or any(pattern.search(text) for pattern in ALLOWED):
        return False
    if text in KNOWN_ENGLISH or text.rstrip(":*. ") in KNOWN_ENGLISH:
        return True
    words = [w.lower() for w in WORD.findall(text)]
    return any(w in ENGLISH_WORDS for w in words)


# Every text node a reader meets (visually hidden text for screen readers included), and the
# placeholder, aria-label and title of elements, outside the text being edited.
TEXTS = """() => {
    const skip = "script, style, noscript, template, textarea, [contenteditable=true], code, pre";
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const el = node.parentElement;
        const text = node.textContent.trim();
        if (!text || !el || el.closest(skip)) continue;
        if (!el.checkVisibility({visibilityProperty: true})) continue;
        out.push(text);
    }
    for (const el of document.querySelectorAll("[placeholder], [aria-label], [title]")) {
        if (el.closest(skip) && el.tagName !== "TEXTAREA") continue;
        for (const name of ["placeholder", "aria-label", "title"]) {
            const value = (el.getAttribute(name) || "").trim();
            if (value) out.push(value);
        }
    }
    return out;
}"""


def sign_in(context, site: str, user) -> None:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site}])


class Walk:
    """One browser context per person; collects the English it finds on each screen."""

    def __init__(self, chromium, live_server, user, language: str):
        from wagtail.users.models import UserProfile

        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        self.language = language
        self.context = chromium.new_context(base_url=live_server.url, viewport=DESKTOP)
        self.context.set_default_timeout(10_000)
        self.context.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(live_server.url)
                else route.abort()
            ),
        )
        sign_in(self.context, live_server.url, user)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on(
            "console",
            lambda message: message.type == "error" and self.errors.append(message.text),
        )
        self.found: dict[str, set[str]] = {}
        self.screens = 0

    def open(self, url: str, name: str):
        answer = self.page.goto(url)
        assert answer.status == 200, (url, answer.status)
        assert self.page.url.endswith(url), f"{url} sent {self.page.url} (no access?)"
        self.page.wait_for_load_state("networkidle")
        self.check(name)
        return self.page

    def check(self, name: str) -> None:
        self.screens += 1
        for text in self.page.evaluate(TEXTS):
            if english(text):
                self.found.setdefault(" ".join(text.split()), set()).add(name)
        # Column headers start with a capital letter, as Wagtail's own do ("navn" was shown).
        for header in self.page.locator("table.listing thead th").all_inner_texts():
            header = header.strip()
            if header[:1].islower():
                self.found.setdefault(f"lower-case column header: {header}", set()).add(name)
        save_screenshot(self.page, f"admin-language-{self.language}-{name}", full_page=False)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def people(live_demo_content, django_user_model):
    from byregion.demo.news import ROLE_ACCOUNTS
    from byregion.demo.registrations import DESK_ACCOUNT
    from byregion.networks.models import Region
    from byregion.networks.permissions import make_region_editor_group

    users = {
        role: django_user_model.objects.get(username=username)
        for username, role in ROLE_ACCOUNTS.items()
    }
    users["organiser"] = django_user_model.objects.get(username=DESK_ACCOUNT)
    region_editor = django_user_model.objects.create_user("regionredaktor")
    region = Region.objects.get(slug="alesundregionen")
    region_editor.groups.add(make_region_editor_group(region, "Region Ålesund: redaktører"))
    # The directory's organisations are edited by the same people in the demo's network.
    region_editor.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="organisations", codename__in=["change_organisation"]
        )
    )
    users["region editor"] = region_editor
    return users


def walk_writer(walk, article, section, image):
    walk.open(reverse("wagtailadmin_home"), "dashboard")
    walk.open(reverse("wagtailadmin_explore", args=[section.pk]), "explorer")
    page = walk.open(reverse("wagtailadmin_pages:edit", args=[article.pk]), "article-edit")
    open_footer_menu(page)
    walk.check("article-edit-actions")
    add = reverse("wagtailadmin_pages:add", args=["news", "newsarticlepage", section.pk])
    walk.open(add, "article-create")
    walk.open(reverse("wagtailimages:add_multiple"), "image-upload")
    walk.open(reverse("wagtailimages:edit", args=[image.pk]), "image-edit")
    walk.open(reverse("wagtailadmin_account"), "account")


def open_footer_menu(page) -> None:
    """The page editor's footer actions menu (the workflow's actions are in it)."""
    toggle = page.locator("footer [data-w-dropdown-target='toggle']").first
    toggle.click()
    page.locator("[data-w-dropdown-target='content']").first.wait_for(state="visible")


def walk_editor(walk, article, section):
    walk.open(reverse("wagtailadmin_home"), "editor-dashboard")
    walk.open(reverse("wagtailadmin_explore", args=[section.pk]), "editor-explorer")
    page = walk.open(reverse("wagtailadmin_pages:edit", args=[article.pk]), "editor-article")
    open_footer_menu(page)
    walk.check("editor-article-actions")
    walk.open(reverse("wagtailadmin_account"), "editor-account")


def walk_organiser(walk, gathering):
    walk.open(reverse("wagtailadmin_home"), "organiser-dashboard")
    walk.open(reverse("registration_records:index"), "registrations")
    walk.open(reverse("registrations_admin:gatherings"), "registration-gatherings")
    walk.open(reverse("registrations_admin:gathering", args=[gathering.pk]), "gathering")
    walk.open(reverse("registrations_admin:check_in", args=[gathering.pk]), "check-in")
    walk.open(reverse("wagtailadmin_account"), "organiser-account")


def walk_region_editor(walk, region, council, meeting, organisation):
    from wagtail.admin.admin_url_finder import AdminURLFinder

    walk.open(reverse("wagtailadmin_home"), "region-dashboard")
    finder = AdminURLFinder()
    for name, instance in [
        ("region", region),
        ("council", council),
        ("meeting", meeting),
        ("organisation", organisation),
    ]:
        viewset = type(instance).snippet_viewset
        walk.open(reverse(viewset.get_url_name("list")), f"{name}-list")
        page = walk.open(finder.get_edit_url(instance), f"{name}-edit")
    # A form sent back with an error shows the footer's warning ("You have unsaved edits").
    page.fill("#id_name", "")
    page.locator("footer button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    page.locator(".footer__save-warning b").wait_for()
    walk.check("organisation-edit-unsaved")
    walk.open(reverse("wagtailadmin_account"), "region-account")


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_the_admin_on_every_role_path_has_no_english(chromium, live_server, people, language):
    from byregion.demo.news import SLUG, placeholder_jpeg
    from byregion.gatherings.models import GatheringPage
    from byregion.images.models import CreditedImage
    from byregion.networks.models import Council, Meeting, Region
    from byregion.news.models import NewsArticlePage
    from byregion.organisations.models import Organisation

    article = NewsArticlePage.objects.get(slug=SLUG)
    section = article.get_parent()
    region = Region.objects.get(slug="alesundregionen")
    council = Council.objects.filter(region=region).first()
    meeting = Meeting.objects.filter(council=council).first()
    organisation = Organisation.objects.get(slug="alesund-kommune")
    gathering = GatheringPage.objects.get(slug="byregionsamling-i-alesund-2017")

    walks = []

    def walk_as(role):
        walk = Walk(chromium, live_server, people[role], language)
        walks.append(walk)
        return walk

    image = CreditedImage(title="Opplasta av skribenten", credit="Foto: generert for testen")
    image.file = ImageFile(io.BytesIO(placeholder_jpeg()), name="skribent.jpg")
    image.uploaded_by_user = people["writers"]
    image.save()

    walk_writer(walk_as("writers"), article, section, image)
    # In moderation: the editor's menu has the workflow's actions (approve, request changes).
    article.get_workflow().start(article, people["writers"])
    walk_editor(walk_as("editors"), article, section)
    walk_organiser(walk_as("organiser"), gathering)
    walk_region_editor(walk_as("region editor"), region, council, meeting, organisation)

    found: dict[str, set[str]] = {}
    errors = []
    for walk in walks:
        for text, screens in walk.found.items():
            found.setdefault(text, set()).update(screens)
        errors += walk.errors
        walk.close()
    assert sum(walk.screens for walk in walks) >= 25
    lines = [f"{text!r} on {', '.join(sorted(screens))}" for text, screens in sorted(found.items())]
    assert not found and not errors, (
        f"English in the {language} admin:\n" + "\n".join(lines) + "\nErrors:\n" + "\n".join(errors)
    )


@pytest.mark.parametrize(
    ("text", "is_english"),
    [
        ("You have unsaved edits", True),
        ("Request changes", True),
        ("Search…", True),
        ("Choose a page to edit", True),
        ("Du har ulagra endringar", False),
        ("Status", False),
        ("Collapse all", True),
        ("Help", True),
        ("2 Pages", True),
        ("IT-avdelinga", False),
        ("Alle sider", False),
        ("Filter etter type", False),
        ("Konferansefestivalen «The North West»", False),
        ("Møre og Romsdal", False),
        ("English", False),
    ],
)
def test_the_english_detector(text, is_english):
    assert english(text) is is_english
