"""The registry of searchable models, and the writes that keep the index in step.

Each kind of content declares once how one of its objects becomes a document (`register`);
from then on saving or deleting it, or publishing or unpublishing a page, updates the index
inside the same transaction as the write.
See docs/developers/search.md (How content apps contribute).
"""

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from . import analysis, complete, suggest
from .models import Document, TitleWord

KIND = re.compile(r"[a-z0-9]{1,40}")


@dataclass(frozen=True)
class DocumentData:
    """What a content type tells the index about one object.

    `kind` is lower-case letters and digits ("news", "organisation"): it is a filter term.
    """

    kind: str
    title: str
    url: str
    body: str = ""
    summary: str = ""
    language: str = "nb"
    date: dt.datetime | dt.date | None = None
    organisation_id: int | None = None
    region_ids: Iterable[int] = ()
    theme_ids: Iterable[int] = ()
    # Searched like the text but not stored or shown (no snippet is cut from it): names of
    # what the object is filed under, say.
    context: str = ""
    # Generated or example content (the demo's made-up gathering, an example programme):
    # found, but ranked after every real document.
    is_example: bool = False

    def __post_init__(self):
        if not KIND.fullmatch(self.kind):
            raise ValueError(f"search kind {self.kind!r}: use lower-case letters and digits")


@dataclass(frozen=True)
class Source:
    model: type[models.Model]
    to_document: Callable[[models.Model], DocumentData | None]
    queryset: Callable[[], models.QuerySet]


_sources: dict[type[models.Model], Source] = {}


def register(
    model: type[models.Model],
    to_document: Callable[[models.Model], DocumentData | None],
    *,
    queryset: Callable[[], models.QuerySet] | None = None,
) -> None:
    """Make `model`'s objects searchable. `to_document` returns None for an object that is
    not to be found (a draft, a county among places); `queryset` is what `rebuild()` reads,
    with whatever select_related/prefetch_related `to_document` needs."""
    concrete = model._meta.concrete_model
    _sources[concrete] = Source(concrete, to_document, queryset or concrete._default_manager.all)


def registered_models() -> list[type[models.Model]]:
    return list(_sources)


def _source_for(model: type[models.Model]) -> Source | None:
    return _sources.get(model._meta.concrete_model)


def _as_datetime(value):
    if isinstance(value, dt.datetime) or value is None:
        return value
    return dt.datetime.combine(value, dt.time(), tzinfo=dt.UTC)


def facet_term(prefix: str, value) -> str:
    """A filter value as a term no analysed word can be confused with (it lives in its own
    column): "k" + type, "l" + language, "r" + region id, "t" + theme id, "o" + organisation
    id. Only letters and digits survive, as the engines' tokenisers need."""
    return prefix + "".join(ch for ch in str(value).lower() if ch.isascii() and ch.isalnum())


def _facet_terms(data: DocumentData) -> str:
    terms = [facet_term("k", data.kind), facet_term("l", data.language)]
    terms += [facet_term("r", value) for value in sorted(set(data.region_ids))]
    terms += [facet_term("t", value) for value in sorted(set(data.theme_ids))]
    if data.organisation_id is not None:
        terms.append(facet_term("o", data.organisation_id))
    date = _as_datetime(data.date)
    if date is not None:
        terms.append(month_term(date))
    return " ".join(terms)


def month_term(moment: dt.datetime) -> str:
    """The month of a moment in Norway ("m202004"), so a date range is first narrowed by
    the full-text index (see `engines.Filters`)."""
    local = moment.astimezone(timezone.get_default_timezone())
    return f"m{local.year:04d}{local.month:02d}"


def _build(content_type: ContentType, obj, data: DocumentData) -> Document:
    title_terms, title_parts = analysis.index_terms(data.title)
    # The summary's, the body's and the context's terms, in that order, and where the
    # first two end (ranking weighs each field; the engines see one text column).
    fields = [analysis.index_terms(text) for text in (data.summary, data.body, data.context)]
    body_terms = " ".join(terms for terms, _ in fields if terms)
    body_parts = " ".join(parts for _, parts in fields if parts)
    summary_length = len(fields[0][0].split())
    body_length = summary_length + len(fields[1][0].split())
    return Document(
        content_type=content_type,
        object_id=obj.pk,
        kind=data.kind,
        title=data.title[:500],
        summary=data.summary,
        body=data.body,
        language=data.language,
        url=data.url[:500],
        date=_as_datetime(data.date),
        organisation_id=data.organisation_id,
        title_terms=title_terms,
        body_terms=body_terms,
        part_terms=f"{title_parts} {body_parts}".strip(),
        facet_terms=_facet_terms(data),
        is_example=data.is_example,
        summary_length=summary_length,
        body_length=body_length,
    )


def index_object(obj: models.Model) -> Document | None:
    """Write `obj`'s document (or remove it when its source says it is not to be found)."""
    source = _source_for(type(obj))
    if source is None:
        raise LookupError(f"{type(obj).__name__} is not registered for search")
    data = source.to_document(obj)
    if data is None:
        remove_object(obj)
        return None
    content_type = ContentType.objects.get_for_model(source.model)
    document = _build(content_type, obj, data)
    document.pk = (
        Document.objects.filter(content_type=content_type, object_id=obj.pk)
        .values_list("pk", flat=True)
        .first()
    )
    document.save(force_insert=document.pk is None)
    if document.kind in complete.TIERS:  # a model's kind never changes: others have no words
        TitleWord.objects.filter(document_id=document.pk).delete()
        TitleWord.objects.bulk_create(complete.words_for(document))
    return document


def remove_object(obj: models.Model) -> None:
    source = _source_for(type(obj))
    model = source.model if source else type(obj)
    documents = Document.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=obj.pk
    )
    TitleWord.objects.filter(document__in=documents).delete()
    documents.delete()


def write(documents: list[Document]) -> int:
    """Insert new documents and their title words (the suggestions' rows) in bulk."""
    Document.objects.bulk_create(documents)
    TitleWord.objects.bulk_create(
        [word for document in documents for word in complete.words_for(document)],
        batch_size=5000,
    )
    return len(documents)


def rebuild(models_to_index: Iterable[type[models.Model]] | None = None, batch_size=1000) -> int:
    """Rewrite the documents of the given models (all registered ones by default) in one
    transaction; readers see the old index until it commits. Returns the number indexed."""
    sources = [
        _sources[model._meta.concrete_model]
        for model in (models_to_index if models_to_index is not None else _sources)
    ]
    count = 0
    with transaction.atomic():
        if models_to_index is None:  # everything: also what is no longer registered
            TitleWord.objects.all().delete()
            Document.objects.exclude(
                content_type__in=[ContentType.objects.get_for_model(m) for m in _sources]
            ).delete()
        for source in sources:
            content_type = ContentType.objects.get_for_model(source.model)
            documents = Document.objects.filter(content_type=content_type)
            TitleWord.objects.filter(document__in=documents).delete()
            documents.delete()
            batch: list[Document] = []
            for obj in source.queryset().iterator(chunk_size=batch_size):
                data = source.to_document(obj)
                if data is not None:
                    batch.append(_build(content_type, obj, data))
                if len(batch) >= batch_size:
                    count += write(batch)
                    batch = []
            count += write(batch)
        optimize()
    suggest.forget()
    return count


def optimize() -> None:
    """After many writes: merge SQLite's full-text segments into one (PostgreSQL's
    autovacuum does its part there by itself)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO byregion_search_fts(byregion_search_fts) VALUES ('optimize')"
            )


def _is_page(model) -> bool:
    from wagtail.models import Page

    return issubclass(model, Page)


def _saved(sender, instance, raw=False, **kwargs):
    if raw or _source_for(sender) is None or _is_page(sender):
        return
    index_object(instance)


def _m2m_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, models.Model):
        model = type(instance)
        if _source_for(model) is not None and not _is_page(model):
            index_object(instance)


def _deleted(sender, instance, **kwargs):
    if _source_for(sender) is not None:
        remove_object(instance)


def _published(sender, instance, **kwargs):
    if _source_for(type(instance)) is not None:
        index_object(instance)


def _unpublished(sender, instance, **kwargs):
    if _source_for(type(instance)) is not None:
        remove_object(instance)


def connect_signals() -> None:
    from wagtail.signals import page_published, page_unpublished

    post_save.connect(_saved, dispatch_uid="byregion_search_saved")
    post_delete.connect(_deleted, dispatch_uid="byregion_search_deleted")
    m2m_changed.connect(_m2m_changed, dispatch_uid="byregion_search_m2m_changed")
    page_published.connect(_published, dispatch_uid="byregion_search_published")
    page_unpublished.connect(_unpublished, dispatch_uid="byregion_search_unpublished")
