"""The reads behind the gathering pages, each one named, each with a fixed number of queries.

A programme is days of time slots; a slot groups sessions whose times overlap, so what a
participant must choose between is shown together. See docs/developers/gatherings.md
(Reads).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.paginator import Page as DjangoPage
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.utils import timezone
from wagtail.models import Page

from byregion.core import pagecache
from byregion.core.visibility import public

from .models import GatheringPage, Material, Session, Speaker

PAST_PER_PAGE = 20


@dataclass
class TimeSlot:
    start: dt.datetime
    end: dt.datetime
    sessions: list[Session] = field(default_factory=list)

    @property
    def is_parallel(self) -> bool:
        return len(self.sessions) > 1


@dataclass
class Day:
    date: dt.date
    slots: list[TimeSlot] = field(default_factory=list)

    @property
    def sessions(self) -> list[Session]:
        return [session for slot in self.slots for session in slot.sessions]


@dataclass
class Programme:
    gathering: GatheringPage
    days: list[Day]

    def __bool__(self) -> bool:
        return bool(self.days)

    @property
    def sessions(self) -> list[Session]:
        return [session for day in self.days for session in day.sessions]


def _sessions_with_children():
    return Session.objects.prefetch_related(
        Prefetch(
            "speakers",
            queryset=Speaker.objects.select_related("organisation").order_by("sort_order", "pk"),
        ),
        Prefetch(
            "materials",
            queryset=Material.objects.select_related("document").order_by("sort_order", "pk"),
        ),
    )


def group_into_days(sessions) -> list[Day]:
    """Sessions (in start order) as days of overlapping time slots; see the module's doc."""
    days: list[Day] = []
    for session in sorted(sessions, key=lambda s: (s.start, s.room, s.title)):
        date = timezone.localtime(session.start).date()
        if not days or days[-1].date != date:
            days.append(Day(date=date))
        slots = days[-1].slots
        if slots and session.start < slots[-1].end:
            slot = slots[-1]
            slot.end = max(slot.end, session.end)
        else:
            slot = TimeSlot(start=session.start, end=session.end)
            slots.append(slot)
        slot.sessions.append(session)
    return days


def gathering_programme(gathering: GatheringPage) -> Programme:
    """The whole programme, in three queries: sessions, their speakers, their materials."""
    sessions = list(_sessions_with_children().filter(gathering=gathering))
    for session in sessions:
        session.gathering = gathering  # already at hand: no query per session for its URL
    return Programme(gathering=gathering, days=group_into_days(sessions))


def programme_session(gathering: GatheringPage, session_id: int) -> Session:
    """One session of this gathering (Session.DoesNotExist for another gathering's)."""
    session = _sessions_with_children().get(gathering=gathering, pk=session_id)
    session.gathering = gathering
    return session


def _live_gatherings():
    return (
        public(GatheringPage.objects)
        .select_related("host_region", "programme")
        .order_by("start", "pk")
    )


@dataclass
class Listing:
    upcoming: list[GatheringPage]
    past: list[GatheringPage] | DjangoPage


def gathering_listing(
    index: Page | None = None, *, past_page=1, now: dt.datetime | None = None
) -> Listing:
    """Live gatherings (below `index`, if given): the coming ones soonest first, then one page
    of the past ones, newest first. A gathering counts as coming until it has ended.

    Four queries (the private pages to leave out, upcoming, count of past, a page of past),
    whatever the number of gatherings.
    """
    now = now or timezone.now()
    gatherings = _live_gatherings()
    if index is not None:
        gatherings = gatherings.child_of(index)
    upcoming = list(gatherings.filter(end__gte=now))
    _changes_with(upcoming)
    past = Paginator(gatherings.filter(end__lt=now).order_by("-start", "-pk"), PAST_PER_PAGE)
    return Listing(upcoming=upcoming, past=past.get_page(past_page))


def programme_series(programme, now: dt.datetime | None = None) -> Listing:
    """The gatherings of one programme (a `networks.Programme`), upcoming and past: two queries
    (the private pages to leave out, the gatherings)."""
    now = now or timezone.now()
    gatherings = list(_live_gatherings().filter(programme=programme))
    _changes_with(g for g in gatherings if g.end >= now)
    return Listing(
        upcoming=[g for g in gatherings if g.end >= now],
        past=[g for g in reversed(gatherings) if g.has_ended(now)],
    )


def _changes_with(upcoming) -> None:
    """A list of coming gatherings reads differently once one of them starts or ends."""
    for gathering in upcoming:
        pagecache.changes_at(gathering.start)
        pagecache.changes_at(gathering.end)
