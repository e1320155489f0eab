"""The seeded themes, made sure of.

Migration themes.0002 seeds them; a database emptied since (a live-server test's flush, or an
editor's clean-up) would otherwise leave the demo's content without its themes.
"""

import importlib

from byregion.themes.models import Theme

THEMES = importlib.import_module("byregion.themes.migrations.0002_seed").THEMES


def load() -> None:
    for slug, nb, nn, en in THEMES:
        Theme.objects.get_or_create(
            slug=slug, defaults={"name_nb": nb, "name_nn": nn, "name_en": en}
        )
