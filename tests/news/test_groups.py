"""Wagtail's default "Editors" group (add and change pages anywhere) is removed when nobody
is in it (issue 16, item 6); "Moderators" stays, as the second-factor rule names it."""

import importlib

from django.apps import apps
from django.contrib.auth.models import Group

migration = importlib.import_module("byregion.news.migrations.0002_remove_unused_editors_group")


def test_the_unused_editors_group_is_gone_after_migrating(db):
    assert not Group.objects.filter(name="Editors").exists()
    assert Group.objects.filter(name="Moderators").exists()


def test_an_editors_group_with_members_is_kept(db, django_user_model):
    group = Group.objects.create(name="Editors")
    django_user_model.objects.create_user("someone").groups.add(group)
    migration.remove_unused_editors(apps, None)
    assert Group.objects.filter(name="Editors").exists()
    group.user_set.clear()
    migration.remove_unused_editors(apps, None)
    assert not Group.objects.filter(name="Editors").exists()
