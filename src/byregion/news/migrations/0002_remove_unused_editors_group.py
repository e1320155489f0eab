"""Wagtail's default "Editors" group goes, when nobody is in it.

Its migrations make it with the right to add and change pages anywhere in the tree; here
news is written per organisation's section (`news.permissions`), and a region's editors are
the groups chosen on the region, so "Editors" is a way to give someone far more than meant,
shown first in the group list. A group that has members is left as it is: someone chose it.

"Moderators" stays under its name: it is the site's administrators' group (every page,
and Wagtail's default approval task), and the second-factor rule names it
(`BYREGION_MFA_REQUIRED_GROUPS`, default "Moderators").
"""

from django.db import migrations


def remove_unused_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name="Editors", user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(remove_unused_editors, migrations.RunPython.noop)]
