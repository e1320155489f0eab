"""The search index: one row per searchable object, whatever app it comes from.

A `Document` holds what a search result shows (title, summary, address, date, language),
the analysed terms both engines search (see `search.analysis`), and what it can be
filtered on as terms too (`facet_terms`: "knews lnn r3 t5 o7"), so that a filter is one
more term for the engine's index to intersect rather than a join. The engine's own
structure is created by the migration beside the table, by database vendor: an FTS5 table
kept in step by triggers on SQLite, a generated, weighted tsvector column with a GIN index
on PostgreSQL. Neither is known to Django's model state, so the model stays the same on
every database and only `search.engines` speaks SQL to them.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.documents import get_document_model_string


class Document(models.Model):
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("content type"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    kind = models.CharField(
        _("type"), max_length=40, help_text=_('What it is, e.g. "news" or "organisation".')
    )
    title = models.CharField(_("title"), max_length=500)
    language = models.CharField(_("language"), max_length=8, default="nb")
    url = models.CharField(_("address"), max_length=500)
    date = models.DateTimeField(
        _("date"), null=True, blank=True, help_text=_("Published, held or valid from.")
    )
    organisation_id = models.PositiveBigIntegerField(_("organisation"), null=True, blank=True)
    indexed_at = models.DateTimeField(_("indexed"), auto_now=True)
    is_example = models.BooleanField(
        _("generated or example content"),
        default=False,
        help_text=_("Made up to show the site (the demo marks it); ranked after real content."),
    )
    # Where the summary's terms and the body's end in `body_terms` (summary, body, then
    # what it is filed under), so ranking can weigh each field.
    # (None: indexed before these were kept; ranked as all body until the next rebuild.)
    summary_length = models.PositiveIntegerField(_("summary terms"), null=True, blank=True)
    body_length = models.PositiveIntegerField(_("summary and text terms"), null=True, blank=True)
    # Long text last: SQLite reads a row's columns in order, so the small ones a search
    # filters and ranks on (kind, language, date, organisation) never touch overflow pages.
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text"), blank=True)
    title_terms = models.TextField(_("title terms"), blank=True)
    body_terms = models.TextField(_("text terms"), blank=True)
    part_terms = models.TextField(
        _("compound part terms"),
        blank=True,
        help_text=_("The parts of compound words in title and text, weighted less."),
    )
    facet_terms = models.TextField(
        _("filter terms"),
        blank=True,
        help_text=_("Type, language, regions, themes and organisation as terms to filter on."),
    )

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="search_document_unique_object"
            )
        ]
        indexes = [
            models.Index(fields=["kind"], name="search_document_kind"),
            models.Index(fields=["organisation_id"], name="search_document_organisation"),
            models.Index(fields=["date"], name="search_document_date"),
        ]

    def __str__(self):
        return f"{self.kind}: {self.title}"


class SearchDay(models.Model):
    """How many searches the search page answered on a day, and how many found nothing.

    No address, session, user or time of day: counts only (search/stats.py)."""

    day = models.DateField(_("day"), unique=True)
    queries = models.PositiveIntegerField(_("searches"), default=0)
    zero_hits = models.PositiveIntegerField(_("searches that found nothing"), default=0)

    class Meta:
        verbose_name = _("searches on a day")
        verbose_name_plural = _("searches per day")
        ordering = ["-day"]

    def __str__(self):
        return f"{self.day}: {self.queries}"


class ZeroHitQuery(models.Model):
    """A query (lower case, spaces collapsed) that found nothing, and how often that day."""

    day = models.DateField(_("day"))
    query = models.CharField(_("query"), max_length=100)
    count = models.PositiveIntegerField(_("times"), default=0)

    class Meta:
        verbose_name = _("search that found nothing")
        verbose_name_plural = _("searches that found nothing")
        constraints = [
            models.UniqueConstraint(fields=["day", "query"], name="search_zero_hit_day_query")
        ]

    def __str__(self):
        return f"{self.day}: {self.query}"


class TitleWord(models.Model):
    """One word of a suggested document's title, for suggestions while typing
    (search/complete.py), written and removed with the document by search/index.py.

    No foreign-key constraint and no cascade: the index's bulk deletes stay one statement,
    and a row whose document is gone is skipped by the lookup."""

    document = models.ForeignKey(
        Document,
        verbose_name=_("search document"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    word = models.CharField(
        pgettext_lazy("search index", "word"), max_length=60, help_text=_("Folded: a-z and 0-9.")
    )
    tier = models.PositiveSmallIntegerField(_("tier"))
    sort_key = models.IntegerField(_("order within the tier"))

    class Meta:
        verbose_name = _("title word")
        verbose_name_plural = _("title words")
        indexes = [
            models.Index(fields=["tier", "word", "sort_key"], name="search_titleword_lookup")
        ]

    def __str__(self):
        return self.word


class FileText(models.Model):
    """What was read of an uploaded file (search/files.py): a PDF material's text, kept so
    the file is read once, not at every index write. `problem` says why a file gave no
    text (damaged, encrypted, only images); it is then found by its title."""

    document = models.OneToOneField(
        get_document_model_string(),
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    file_hash = models.CharField(_("file hash"), max_length=40, blank=True)
    text = models.TextField(_("text"), blank=True)
    problem = models.CharField(_("why no text"), max_length=200, blank=True)
    read_at = models.DateTimeField(pgettext_lazy("when a file was read", "read"), auto_now=True)

    class Meta:
        verbose_name = _("text of a file")
        verbose_name_plural = _("texts of files")

    def __str__(self):
        return f"{self.document_id}: {len(self.text)} characters"
