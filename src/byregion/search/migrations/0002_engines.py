"""The engines' structures beside the document table, by database vendor.

SQLite: an FTS5 table over the analysed terms whose content is the document table itself
(external content), kept in step by triggers, so every write to a document updates the
index in the same transaction. PostgreSQL: generated tsvector columns with GIN indexes, all
with the `simple` configuration because the terms are analysed already: the weighted
search vector (title A, text B, compound parts D), the title alone, and the filter terms;
and the date in the order recent-first listings read it. Other databases get neither and
cannot search.
"""

from django.db import migrations

SQLITE_CREATE = [
    """
    CREATE VIRTUAL TABLE byregion_search_fts USING fts5(
        title_terms, body_terms, part_terms, facet_terms,
        content='byregion_search_document', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0'
    )
    """,
    """
    CREATE TRIGGER byregion_search_fts_insert AFTER INSERT ON byregion_search_document BEGIN
        INSERT INTO byregion_search_fts(rowid, title_terms, body_terms, part_terms, facet_terms)
        VALUES (new.id, new.title_terms, new.body_terms, new.part_terms, new.facet_terms);
    END
    """,
    """
    CREATE TRIGGER byregion_search_fts_delete AFTER DELETE ON byregion_search_document BEGIN
        INSERT INTO byregion_search_fts(
            byregion_search_fts, rowid, title_terms, body_terms, part_terms, facet_terms
        ) VALUES ('delete', old.id, old.title_terms, old.body_terms, old.part_terms,
                  old.facet_terms);
    END
    """,
    """
    CREATE TRIGGER byregion_search_fts_update
    AFTER UPDATE OF title_terms, body_terms, part_terms, facet_terms
    ON byregion_search_document BEGIN
        INSERT INTO byregion_search_fts(
            byregion_search_fts, rowid, title_terms, body_terms, part_terms, facet_terms
        ) VALUES ('delete', old.id, old.title_terms, old.body_terms, old.part_terms,
                  old.facet_terms);
        INSERT INTO byregion_search_fts(rowid, title_terms, body_terms, part_terms, facet_terms)
        VALUES (new.id, new.title_terms, new.body_terms, new.part_terms, new.facet_terms);
    END
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS byregion_search_fts_update",
    "DROP TRIGGER IF EXISTS byregion_search_fts_delete",
    "DROP TRIGGER IF EXISTS byregion_search_fts_insert",
    "DROP TABLE IF EXISTS byregion_search_fts",
]
POSTGRESQL_CREATE = [
    """
    ALTER TABLE byregion_search_document
    ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_terms), 'A')
        || setweight(to_tsvector('simple'::regconfig, body_terms), 'B')
        || setweight(to_tsvector('simple'::regconfig, part_terms), 'D')
    ) STORED,
    ADD COLUMN title_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, title_terms)
    ) STORED,
    ADD COLUMN facet_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, facet_terms)
    ) STORED
    """,
    "CREATE INDEX byregion_search_document_vector ON byregion_search_document "
    "USING GIN (search_vector)",
    "CREATE INDEX byregion_search_document_title ON byregion_search_document "
    "USING GIN (title_vector)",
    "CREATE INDEX byregion_search_document_facets ON byregion_search_document "
    "USING GIN (facet_vector)",
    "CREATE INDEX byregion_search_document_recent ON byregion_search_document "
    "(date DESC NULLS LAST, id DESC)",
]
POSTGRESQL_DROP = [
    "DROP INDEX IF EXISTS byregion_search_document_recent",
    "DROP INDEX IF EXISTS byregion_search_document_facets",
    "DROP INDEX IF EXISTS byregion_search_document_title",
    "DROP INDEX IF EXISTS byregion_search_document_vector",
    "ALTER TABLE byregion_search_document DROP COLUMN IF EXISTS search_vector, "
    "DROP COLUMN IF EXISTS title_vector, DROP COLUMN IF EXISTS facet_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("byregion_search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP}),
        )
    ]
