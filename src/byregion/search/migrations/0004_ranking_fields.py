"""What ranking reads besides the terms: whether a document is generated or example
content, and where the summary's and the body's terms end in `body_terms`.

On SQLite, Django adds a column by copying the table into a new one, which drops the
triggers that keep the full-text index in step (migration 0002); they are created again
here (the rows keep their ids, so the index itself stays right). The new fields are filled
by `byregion rebuild-search-index`, which a deploy of this migration runs afterwards
(until then every document ranks as real content with all its text as body).
"""

import importlib

from django.db import migrations, models

_engines = importlib.import_module("byregion.search.migrations.0002_engines")
SQLITE_TRIGGERS = _engines.SQLITE_CREATE[1:]
SQLITE_DROP_TRIGGERS = _engines.SQLITE_DROP[:3]


def _triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in (*SQLITE_DROP_TRIGGERS, *SQLITE_TRIGGERS):
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("byregion_search", "0003_postgresql_facet_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="document",
            name="body_length",
            field=models.PositiveIntegerField(
                blank=True, null=True, verbose_name="summary and text terms"
            ),
        ),
        migrations.AddField(
            model_name="document",
            name="is_example",
            field=models.BooleanField(
                default=False,
                help_text="Made up to show the site (the demo marks it); ranked after real "
                "content.",
                verbose_name="generated or example content",
            ),
        ),
        migrations.AddField(
            model_name="document",
            name="summary_length",
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name="summary terms"),
        ),
        migrations.RunPython(_triggers, _triggers),
    ]
