"""What subscribers can get, recorded as it is published, and read back when mailing.

Recording is the only thing a publishing request does here: a page published for the first
time (news, experience, gathering) or a council meeting announced becomes one `Item` row,
with what the filters compare copied onto it. The receivers are connected in
`SubscriptionsConfig.ready()`: the lower apps name nothing of this one.

- A page counts as new when it was first published within `RECENT` (an old page edited and
  published again is not news, and a site that installs this app does not mail its archive).
  Publishing it again refreshes its item's filters; unpublishing or restricting it
  withdraws the item, and a withdrawn item is not sent. Published again, it is not sent to
  whoever already had their digest planned past it.
- A meeting counts when it is created with a start in the future and not cancelled;
  cancelled or deleted later, its item is withdrawn.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.models import Page

from byregion.core.addresses import absolute
from byregion.core.visibility import public
from byregion.gatherings.models import GatheringPage
from byregion.knowledge.models import ExperiencePage
from byregion.networks.models import Meeting
from byregion.news.models import NewsArticlePage

from .models import Item, Kind

RECENT = dt.timedelta(days=7)
PAGE_KINDS = {
    NewsArticlePage: Kind.NEWS,
    ExperiencePage: Kind.EXPERIENCE,
    GatheringPage: Kind.GATHERING,
}


def _page_filters(page) -> dict:
    """What the filters compare, as the search index files the same page."""
    if isinstance(page, NewsArticlePage):
        return {
            "language": page.language,
            "region_ids": sorted(page.regions.values_list("pk", flat=True)),
            "organisation_ids": [page.organisation_id] if page.organisation_id else [],
            "theme_ids": sorted(page.themes.values_list("pk", flat=True)),
        }
    if isinstance(page, ExperiencePage):
        return {
            "language": page.language,
            "region_ids": sorted(page.regions.values_list("pk", flat=True)),
            "organisation_ids": [],
            "theme_ids": sorted(page.themes.values_list("pk", flat=True)),
        }
    # A gathering: its host region, its organiser and hosts, and the themes of the
    # experiences presented at its sessions.
    organisations = set(page.host_organisations.values_list("pk", flat=True))
    if page.organiser_id:
        organisations.add(page.organiser_id)
    themes = ExperiencePage.themes.through.objects.filter(
        experiencepage__live=True, experiencepage__sessions__gathering=page
    ).values_list("theme_id", flat=True)
    return {
        "language": page.language,
        "region_ids": [page.host_region_id] if page.host_region_id else [],
        "organisation_ids": sorted(organisations),
        "theme_ids": sorted(set(themes)),
    }


def _meeting_filters(meeting: Meeting) -> dict:
    council = meeting.council
    host = council.region.host_id
    return {
        "language": council.language,
        "region_ids": [council.region_id],
        "organisation_ids": [host] if host else [],
        "theme_ids": [],
    }


def _is_public(page: Page) -> bool:
    return public(Page.objects.filter(pk=page.pk)).exists()


def record_page(page, now: dt.datetime | None = None) -> Item | None:
    """On publishing: record a new page, or refresh (and restore) the item of one that has
    one; withdraw it if it is not public (a view restriction)."""
    kind = PAGE_KINDS.get(type(page))
    if kind is None:
        return None
    now = now or timezone.now()
    if not _is_public(page):
        withdraw_page(page, now)
        return None
    existing = Item.objects.filter(page_id=page.pk).first()
    fields = _page_filters(page)
    if existing is not None:
        Item.objects.filter(pk=existing.pk).update(**fields, withdrawn_at=None)
        return existing
    if page.first_published_at and page.first_published_at < now - RECENT:
        return None
    try:
        with transaction.atomic():
            return Item.objects.create(kind=kind, page_id=page.pk, recorded_at=now, **fields)
    except IntegrityError:  # recorded at the same moment elsewhere
        return None


def withdraw_page(page, now: dt.datetime | None = None) -> None:
    Item.objects.filter(page_id=page.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=now or timezone.now()
    )


def record_meeting(meeting: Meeting, created: bool, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    if meeting.status == "cancelled":
        Item.objects.filter(meeting_id=meeting.pk, withdrawn_at__isnull=True).update(
            withdrawn_at=now
        )
        return
    if not created:
        Item.objects.filter(meeting_id=meeting.pk).update(**_meeting_filters(meeting))
        return
    if meeting.start <= now:
        return  # a meeting entered after the fact is a record, not an announcement
    Item.objects.create(
        kind=Kind.MEETING, meeting_id=meeting.pk, recorded_at=now, **_meeting_filters(meeting)
    )


# Signal receivers (connected in apps.py) -------------------------------------------------


def on_page_published(sender, instance, **kwargs):
    record_page(instance)


def on_page_unpublished(sender, instance, **kwargs):
    withdraw_page(instance)


def on_meeting_saved(sender, instance, created, raw=False, **kwargs):
    if not raw:
        record_meeting(instance, created)


# Reading items back for a mail -----------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One item as a mail shows it, in one language."""

    kind: str
    title: str
    url: str
    summary: str
    when: str


def _when(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def entries(items: list[Item], language: str) -> dict[int, Entry]:
    """The items that are still public, as entries in `language`, by item id: one query per
    kind, whatever the number of items. A page unpublished, restricted or deleted since it
    was recorded, or a cancelled meeting, is left out."""
    by_kind: dict[str, dict[int, int]] = {}
    for item in items:
        key = item.page_id if item.page_id else item.meeting_id
        by_kind.setdefault(item.kind, {})[key] = item.pk
    result = {}
    with translation.override(language):
        for model, kind in PAGE_KINDS.items():
            wanted = by_kind.get(kind)
            if not wanted:
                continue
            for page in public(model.objects.live().filter(pk__in=wanted)):
                result[wanted[page.pk]] = _page_entry(page, kind)
        wanted = by_kind.get(Kind.MEETING)
        if wanted:
            meetings = (
                Meeting.objects.filter(pk__in=wanted)
                .exclude(status="cancelled")
                .select_related("council__region")
            )
            for meeting in meetings:
                result[wanted[meeting.pk]] = Entry(
                    kind=Kind.MEETING,
                    title=f"{meeting.council.name}: {meeting.display_title}",
                    url=absolute(meeting.get_absolute_url()),
                    summary=", ".join(p for p in (meeting.venue_name, meeting.venue_address) if p),
                    when=_when(meeting.start),
                )
    return result


def _page_entry(page, kind: str) -> Entry:
    if kind == Kind.NEWS:
        summary, when = page.lead, ""
    elif kind == Kind.EXPERIENCE:
        summary, when = page.summary, ""
    else:
        summary, when = page.intro, _when(page.start)
    return Entry(
        kind=kind, title=page.title, url=absolute(page.url or ""), summary=summary, when=when
    )
