"""The role categories the Ålesund gathering article names (editable in the admin)."""

from django.db import migrations

ROLES = [
    ("project leader", "prosjektleder", "prosjektleiar"),
    ("mayor", "ordfører", "ordførar"),
    ("chief municipal executive", "kommunedirektør", "kommunedirektør"),
    ("head of business development", "næringssjef", "næringssjef"),
    ("business", "næringsliv", "næringsliv"),
    ("research and education", "forskning og utdanning", "forsking og utdanning"),
    ("other", "annet", "anna"),
]


def seed(apps, schema_editor):
    RoleCategory = apps.get_model("registrations", "RoleCategory")
    for order, (en, nb, nn) in enumerate(ROLES, start=1):
        RoleCategory.objects.get_or_create(
            name=en, defaults={"name_nb": nb, "name_nn": nn, "sort_order": order * 10}
        )


def unseed(apps, schema_editor):
    RoleCategory = apps.get_model("registrations", "RoleCategory")
    RoleCategory.objects.filter(name__in=[en for en, _, _ in ROLES]).delete()


class Migration(migrations.Migration):
    dependencies = [("registrations", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
