"""The header's two menus: the site's sections, and the same page in the other languages.

`SECTIONS` is the one list of the main navigation. An app that gets a public section adds
one line to it (its URL name and label, in the order the menu shows them); the header
template only loops over what `main_navigation()` returns.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# (URL name, label). "home" stands for the root of Wagtail's page tree in the UI language; a
# value ending in "/" is the path of a Wagtail page below it (e.g. "nyheter/").
SECTIONS = [
    ("home", _("Home")),
    ("nyheter/", _("News")),
    ("samlinger/", _("Gatherings")),
    ("networks:index", _("Regions")),
    ("erfaringer/", _("Experiences")),
    ("organisations:index", _("Organisations")),
    ("places:index", _("Municipalities")),
]

# Each language named in its own language, so a reader finds theirs whatever page they are on.
LANGUAGE_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}


@dataclass(frozen=True)
class Link:
    href: str
    label: str
    current: str = ""  # the value of aria-current, if this link is where the visitor is
    lang: str = ""


def _section_href(url_name: str) -> str:
    if url_name == "home":
        return reverse("wagtail_serve", args=[""])
    if url_name.endswith("/"):
        return reverse("wagtail_serve", args=[url_name])
    return reverse(url_name)


def main_navigation(request) -> list[Link]:
    """The sections in `SECTIONS`, the one the visitor is in marked current.

    On a section's own address it is the current page; below it, the current section. Every
    path is below home, so home is only ever current as a page.
    """
    home = _section_href("home")
    links = []
    for url_name, label in SECTIONS:
        href = _section_href(url_name)
        if request.path == href:
            current = "page"
        elif href != home and request.path.startswith(href):
            current = "true"
        else:
            current = ""
        links.append(Link(href=href, label=str(label), current=current))
    return links


def language_links(request) -> list[Link]:
    """This page in each UI language, named in that language, the active one marked current."""
    active = get_language()
    path = request.get_full_path()
    return [
        Link(
            href=translate_url(path, code),
            label=LANGUAGE_NAMES.get(code, code),
            current="true" if code == active else "",
            lang=code,
        )
        for code, _name in settings.LANGUAGES
    ]
