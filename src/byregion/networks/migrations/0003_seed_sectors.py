"""Seed the sectors the article "Byregionsamling i Ålesund" names for Rådet for Region
Ålesund. Editors may rename, reorder and add sectors afterwards; reversing removes only
seeded sectors no council member uses."""

from django.db import migrations

SECTORS = [
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


def seed(apps, schema_editor):
    Sector = apps.get_model("networks", "Sector")
    for order, (slug, nb, nn, en) in enumerate(SECTORS, start=1):
        Sector.objects.get_or_create(
            slug=slug, defaults={"name": nb, "name_nn": nn, "name_en": en, "sort_order": order}
        )


def unseed(apps, schema_editor):
    Sector = apps.get_model("networks", "Sector")
    Sector.objects.filter(slug__in=[s[0] for s in SECTORS], members__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("networks", "0002_councils_meetings_editors")]
    operations = [migrations.RunPython(seed, unseed)]
