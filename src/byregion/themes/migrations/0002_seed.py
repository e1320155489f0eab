"""Seed the themes the City Region Programme worked on; editors change the list afterwards."""

from django.db import migrations

THEMES = [
    # slug, Bokmål, Nynorsk, English
    (
        "naeringsretta-samfunnsutvikling",
        "Næringsrettet samfunnsutvikling",
        "Næringsretta samfunnsutvikling",
        "Business-oriented community development",
    ),
    ("samspel-by-og-omland", "Samspill by og omland", "Samspel by og omland",
     "Interplay between town and surroundings"),
    ("regional-mobilisering", "Regional mobilisering", "Regional mobilisering",
     "Regional mobilisation"),
    ("samarbeid-med-naeringslivet", "Samarbeid med næringslivet", "Samarbeid med næringslivet",
     "Cooperation with business"),
    ("innbyggjarinvolvering", "Innbyggerinvolvering", "Innbyggjarinvolvering",
     "Citizen involvement"),
    ("stadutvikling", "Stedsutvikling", "Stadutvikling", "Place development"),
]


def seed(apps, schema_editor):
    Theme = apps.get_model("themes", "Theme")
    for slug, nb, nn, en in THEMES:
        Theme.objects.get_or_create(
            slug=slug, defaults={"name_nb": nb, "name_nn": nn, "name_en": en}
        )


class Migration(migrations.Migration):
    dependencies = [("themes", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
