"""Wagtail's "Moderators" group becomes "Nettsted: administratorer", named as the project's
other groups are (area first: "Nyheter: …", "Påmelding: …"), so the group list reads in
Norwegian and sorts by area; its default approval workflow and task ("Moderators approval")
become "Godkjenning av administratorer". The group's rights, members and workflow stay as
they are. A database that already has a group by the new name keeps both (nothing merged).
The second-factor rule's default (`BYREGION_MFA_REQUIRED_GROUPS`) names the new group.
"""

from django.db import migrations

GROUP = ("Moderators", "Nettsted: administratorer")
WORKFLOW = ("Moderators approval", "Godkjenning av administratorer")


def _rename(apps, old_group, new_group, old_workflow, new_workflow):
    Group = apps.get_model("auth", "Group")
    if not Group.objects.filter(name=new_group).exists():
        Group.objects.filter(name=old_group).update(name=new_group)
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=old_workflow).update(
        name=new_workflow
    )
    apps.get_model("wagtailcore", "Task").objects.filter(name=old_workflow).update(
        name=new_workflow
    )


def forwards(apps, schema_editor):
    _rename(apps, *GROUP, *WORKFLOW)


def backwards(apps, schema_editor):
    _rename(apps, *reversed(GROUP), *reversed(WORKFLOW))


class Migration(migrations.Migration):
    dependencies = [("news", "0002_remove_unused_editors_group")]

    operations = [migrations.RunPython(forwards, backwards)]
