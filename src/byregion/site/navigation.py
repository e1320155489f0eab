"""The header's two menus: the site's sections, and the same page in the other languages.

`SECTIONS` is the one list of the main navigation. An app that gets a public section adds
one line to it (its URL name and label, in the order the menu shows them); the header
template only loops over what `main_navigation()` returns.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse, translate_url
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


@lru_cache(maxsize=64)
def _section_hrefs(language: str, script_prefix: str, urlconf) -> tuple[str, ...]:
    """The sections' addresses in `language` (reversed once per process, not per page)."""
    return tuple(_section_href(url_name) for url_name, _label in SECTIONS)


def main_navigation(request) -> list[Link]:
    """The sections in `SECTIONS`, the one the visitor is in marked current.

    On a section's own address it is the current page; below it, the current section. Every
    path is below home, so home is only ever current as a page.
    """
    hrefs = _section_hrefs(get_language(), get_script_prefix(), get_urlconf())
    home = hrefs[0]
    links = []
    for (_url_name, label), href in zip(SECTIONS, hrefs, strict=True):
        if request.path == href:
            current = "page"
        elif href != home and request.path.startswith(href):
            current = "true"
        else:
            current = ""
        links.append(Link(href=href, label=str(label), current=current))
    return links


@lru_cache(maxsize=4096)
def _translated(path: str, script_prefix: str, urlconf) -> tuple[str, ...]:
    """`path` in each UI language (resolving and reversing it three times costs more than
    the rest of the header; kept per process for the most recent paths)."""
    return tuple(translate_url(path, code) for code, _name in settings.LANGUAGES)


def language_links(request) -> list[Link]:
    """This page in each UI language, named in that language, the active one marked current."""
    active = get_language()
    hrefs = _translated(request.get_full_path(), get_script_prefix(), get_urlconf())
    return [
        Link(
            href=href,
            label=LANGUAGE_NAMES.get(code, code),
            current="true" if code == active else "",
            lang=code,
        )
        for (code, _name), href in zip(settings.LANGUAGES, hrefs, strict=True)
    ]


@receiver(setting_changed)
def _forget_addresses(setting, **kwargs):
    if setting in ("ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "FORCE_SCRIPT_NAME"):
        _section_hrefs.cache_clear()
        _translated.cache_clear()
