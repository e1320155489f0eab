"""Wagtail's default database search backend over our documents, for comparison only.

A proxy of `search.Document` declares Wagtail search fields (title boosted, text), so
Wagtail's backend (FTS5 on SQLite, tsvector on PostgreSQL with the database's default text
search configuration) indexes the very rows our engine searches, from their original text.
The proxy is made on first use, in tests and the benchmark only: the project never asks
Wagtail to index documents.
"""

from django.db import connection
from wagtail.search import index as wagtail_index
from wagtail.search.backends import get_search_backend

from byregion.search.models import Document

_model = None


def baseline_model():
    global _model
    if _model is None:

        class WagtailBaselineDocument(wagtail_index.Indexed, Document):
            search_fields = [
                wagtail_index.SearchField("title", boost=10),
                wagtail_index.SearchField("summary"),
                wagtail_index.SearchField("body"),
            ]

            class Meta:
                proxy = True
                app_label = "byregion_search"

        # What Wagtail does at start-up for every indexed model (its PostgreSQL backend
        # joins through this relation).
        from django.apps import apps
        from modelsearch.abstract_models import TextIDGenericRelation

        index_entry = apps.get_model("wagtailsearch", "IndexEntry")
        TextIDGenericRelation(index_entry).contribute_to_class(
            WagtailBaselineDocument, "index_entries"
        )
        _model = WagtailBaselineDocument
    return _model


def backend():
    return get_search_backend("default")


def describe() -> str:
    name = type(backend()).__name__
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW default_text_search_config")
            name += f" ({cursor.fetchone()[0]})"
    return name


def index_all(batch_size: int = 1000) -> None:
    model = baseline_model()
    search_backend = backend()
    ids = list(Document.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        chunk = list(model.objects.filter(pk__in=ids[start : start + batch_size]))
        search_backend.add_bulk(model, chunk)


def search_ids(query: str, limit: int = 10) -> set[int]:
    model = baseline_model()
    results = backend().search(query, model.objects.all())[:limit]
    return {document.pk for document in results}
