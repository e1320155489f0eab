"""`pagecache.NEVER_SHOWN` names real models: a label that names none (a wrong app label)
leaves that model bumping every page of the site on each save (django-tasks-db's queue row,
written with each registration, did)."""

import pytest
from django.apps import apps
from django.db import connection

from byregion.core.pagecache import NEVER_SHOWN

# Wagtail defines its FTS5 index table only when the database is SQLite.
ONLY_ON_SQLITE = {"wagtailsearch.sqliteftsindexentry"}


@pytest.mark.parametrize("label", sorted(NEVER_SHOWN))
def test_each_label_names_an_installed_model(label):
    if label in ONLY_ON_SQLITE and connection.vendor != "sqlite":
        pytest.skip("defined only on SQLite")
    assert apps.get_model(label)._meta.label_lower == label
