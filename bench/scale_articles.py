"""Generated articles for the scale benchmark (pages_bench.py --scale): marked as generated
in their titles, never part of the demo.

Wagtail creates a page in tens of milliseconds (tree bookkeeping, revisions, signals); a
hundred thousand that way would take most of an hour. This writes the rows directly,
the way Wagtail would have: the page row (path, depth, url_path, live, first published),
the article row, and the parent's child count. Used only in a benchmark's own database.
"""

import datetime as dt

from django.db import connection, transaction
from django.utils import timezone


def add_articles(count: int, section_slug: str = "alesund-kommune") -> int:
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    from byregion.news.models import NewsArticlePage, NewsSectionPage

    section = NewsSectionPage.objects.get(slug=section_slug)
    template = NewsArticlePage.objects.child_of(section).live().first()
    content_type = ContentType.objects.get_for_model(NewsArticlePage)
    last = Page.objects.filter(path__startswith=section.path, depth=section.depth + 1)
    last_path = last.order_by("-path").values_list("path", flat=True).first()
    start = int(last_path[-4:], 36) + 1 if last_path else 1
    now = timezone.now()
    page_fields = [f for f in Page._meta.local_concrete_fields if f.name not in ("id",)]
    article_fields = [f for f in NewsArticlePage._meta.local_concrete_fields]
    with transaction.atomic():
        pages = []
        for n in range(start, start + count):
            slug = f"generert-artikkel-{n}"
            page = Page(
                **{f.attname: getattr(template, f.attname) for f in page_fields},
            )
            page.pk = None
            page.path = section.path + _step(n)
            page.depth = section.depth + 1
            page.numchild = 0
            page.title = page.draft_title = f"Generert artikkel {n} (generert for måling)"
            page.slug = slug
            page.url_path = f"{section.url_path}{slug}/"
            page.content_type_id = content_type.pk
            page.live = True
            page.has_unpublished_changes = False
            page.latest_revision_id = None
            page.live_revision_id = None
            published = now - dt.timedelta(minutes=n)
            page.first_published_at = page.last_published_at = published
            page.latest_revision_created_at = published
            import uuid

            page.translation_key = uuid.uuid4()
            pages.append(page)
        Page.objects.bulk_create(pages, batch_size=2000)
        created = (
            Page.objects.filter(path__in=[p.path for p in pages]).values_list("pk", flat=True)
            if connection.vendor != "postgresql"
            else [p.pk for p in pages]
        )
        ids = list(created)
        columns = [f.column for f in article_fields]
        values = [
            f.get_db_prep_save(getattr(template, f.attname), connection) for f in article_fields
        ]
        ptr = [f.attname for f in article_fields].index("page_ptr_id")
        rows = []
        for pk in ids:
            row = list(values)
            row[ptr] = pk
            rows.append(row)
        table = connection.ops.quote_name(NewsArticlePage._meta.db_table)
        names = ", ".join(connection.ops.quote_name(c) for c in columns)
        marks = ", ".join(["%s"] * len(columns))
        with connection.cursor() as cursor:
            for i in range(0, len(rows), 2000):
                cursor.executemany(
                    f"INSERT INTO {table} ({names}) VALUES ({marks})",  # noqa: S608 (names from the model)
                    rows[i : i + 2000],
                )
        Page.objects.filter(pk=section.pk).update(numchild=section.numchild + count)
    return len(ids)


ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _step(n: int) -> str:
    """Treebeard's path step: four base-36 digits (up to 1,679,615 children)."""
    digits = ""
    for _ in range(4):
        n, r = divmod(n, 36)
        digits = ALPHABET[r] + digits
    return digits
