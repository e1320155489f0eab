"""The sectors a council draws its members from, as first seeded.

Migration 0003 seeds these with its own frozen copy (a migration must not change when this
list does); `ensure_sectors()` recreates any that are missing, for the demo and for test
databases that were emptied after migrating.
"""

from .models import Sector

# slug, Bokmål, Nynorsk, English: the categories the article "Byregionsamling i Ålesund" names.
SEEDED = [
    ("county-council", "Fylkeskommune", "Fylkeskommune", "County council"),
    ("municipality", "Kommune", "Kommune", "Municipality"),
    ("youth-politician", "Ungdomspolitiker", "Ungdomspolitikar", "Youth politician"),
    ("mayor", "Ordfører", "Ordførar", "Mayor"),
    ("administration", "Administrasjon", "Administrasjon", "Administration"),
    (
        "research-education",
        "Forsknings- og utdanningsmiljø",
        "Forskings- og utdanningsmiljø",
        "Research and education",
    ),
    ("business", "Næringsliv", "Næringsliv", "Business"),
    ("civic-life", "Samfunnsliv", "Samfunnsliv", "Civic life"),
]


def ensure_sectors() -> None:
    """Create the seeded sectors that do not exist; never overwrite an editor's changes."""
    for order, (slug, nb, nn, en) in enumerate(SEEDED, start=1):
        Sector.objects.get_or_create(
            slug=slug, defaults={"name": nb, "name_nn": nn, "name_en": en, "sort_order": order}
        )
