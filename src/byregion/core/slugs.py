"""Slugs in plain ASCII, with the Norwegian letters written out: æ → ae, ø → o, å → a.

"/%C3%A5lesund-opnar-.../" is what a browser shows and a reader copies when a slug keeps
"å", so every slug is ASCII (`WAGTAIL_ALLOW_UNICODE_SLUGS = False`). Neither Django nor
Wagtail writes the Norwegian letters out the same way on its own: Django's `slugify` drops
"ø" and "æ" ("Ørskog" → "rskog"), and Wagtail's admin script drops them when a slug is typed
by hand (it transliterates only when it copies the title). One rule, three places:

- `ascii_slug(text)`: the server's slug of a title or name;
- `SlugInput`: the admin's slug box, for pages and snippets alike (every `SlugField`, by
  `use_in_admin()` from `CoreConfig.ready()`); its script writes the letters out before
  it slugifies, and the server does the same with what arrives, so a slug typed with the
  script off is not refused or mangled either;
- `core.pages.ServingMixin` uses `ascii_slug` for a page saved without a slug.

Pages whose slugs kept the letters get ASCII ones, with permanent redirects from the old
addresses (migration `core.0002_ascii_page_slugs`).
"""

from django.db import models
from django.utils.text import slugify
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import SlugInput as WagtailSlugInput

NORWEGIAN_LETTERS = {"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"}
_TRANSLATION = str.maketrans(NORWEGIAN_LETTERS)


def write_out(text: str) -> str:
    """The Norwegian letters written out; nothing else changed."""
    return text.translate(_TRANSLATION)


def ascii_slug(text: str) -> str:
    """ "Ålesund opnar kontor" -> "alesund-opnar-kontor"; "Ørskog" -> "orskog"."""
    return slugify(write_out(text))


class SlugInput(WagtailSlugInput):
    """Wagtail's slug box, which writes out æ, ø and å before it makes the slug."""

    def __init__(self, attrs=None, formatters=None, locale=None):
        formatters = [*NORWEGIAN_LETTERS.items(), *(formatters or [])]
        super().__init__(attrs=attrs, formatters=formatters, locale=locale)

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return write_out(value).lower() if isinstance(value, str) else value


def use_in_admin() -> None:
    """Every `SlugField` in Wagtail's admin forms gets `SlugInput`."""
    register_form_field_override(models.SlugField, override={"widget": SlugInput})
