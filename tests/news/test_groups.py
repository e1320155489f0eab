"""Wagtail's default "Editors" group (add and change pages anywhere) is removed when nobody
is in it, and "Moderators" is renamed "Nettsted: administratorer" with its approval workflow
(issue 16, item 6); the second-factor rule names it by its new name."""

import importlib

from django.apps import apps
from django.contrib.auth.models import Group

migration = importlib.import_module("byregion.news.migrations.0002_remove_unused_editors_group")


def test_the_unused_editors_group_is_gone_after_migrating(db):
    assert not Group.objects.filter(name="Editors").exists()


def test_moderators_are_the_site_administrators_by_a_norwegian_name(db):
    from wagtail.models import GroupApprovalTask, Workflow

    from byregion import settings as defaults  # the module's own values (tests override)

    assert not Group.objects.filter(name="Moderators").exists()
    administrators = Group.objects.get(name="Nettsted: administratorer")
    assert administrators.page_permissions.exists()  # its rights came along
    task = GroupApprovalTask.objects.get(groups=administrators)
    assert task.name == "Godkjenning av administratorer"
    assert Workflow.objects.filter(name="Godkjenning av administratorer").exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert [administrators.name] == defaults.BYREGION_MFA_REQUIRED_GROUPS


def test_renaming_back_and_forth_keeps_a_group_already_named(db):
    renaming = importlib.import_module("byregion.news.migrations.0003_rename_moderators")
    renaming.backwards(apps, None)
    assert Group.objects.filter(name="Moderators").exists()
    Group.objects.create(name="Nettsted: administratorer")  # someone made one meanwhile
    renaming.forwards(apps, None)
    assert Group.objects.filter(name="Moderators").exists()  # kept: nothing merged


def test_an_editors_group_with_members_is_kept(db, django_user_model):
    group = Group.objects.create(name="Editors")
    django_user_model.objects.create_user("someone").groups.add(group)
    migration.remove_unused_editors(apps, None)
    assert Group.objects.filter(name="Editors").exists()
    group.user_set.clear()
    migration.remove_unused_editors(apps, None)
    assert not Group.objects.filter(name="Editors").exists()
