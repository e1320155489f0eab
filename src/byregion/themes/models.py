"""The themes the network works on: one editable list that news, sessions and experiences share.

Themes sit below news, gatherings and knowledge (and above nothing but Django), so each of
those apps can tag its content with the same `Theme` rows and a theme page can gather them
all without an import cycle. A theme is named in each UI language because it is part of the
navigation, not of any one text.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Theme(models.Model):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name_nb = models.CharField(_("name in Bokmål"), max_length=100)
    name_nn = models.CharField(_("name in Nynorsk"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """The name in the active UI language (Bokmål when the language has none)."""
        language = (get_language() or "nb").split("-")[0]
        return getattr(self, f"name_{language}", "") or self.name_nb


NORWEGIAN_ORDER = str.maketrans({"æ": "z\u0001", "ø": "z\u0002", "å": "z\u0003"})


def sorted_themes(themes) -> list[Theme]:
    """Themes by their name in the UI language, in Norwegian alphabetical order (æ, ø, å
    after z)."""
    return sorted(themes, key=lambda theme: theme.name.casefold().translate(NORWEGIAN_ORDER))
