"""Reads about councils: their composition by sector and their meetings, one function each.

Budgets (tests/networks/test_councils.py): `council_page` 4 queries, `meeting_page` 3.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import timezone

from byregion.core import pagecache

from .models import (
    Attendance,
    AttendanceStatus,
    Council,
    CouncilMember,
    CouncilRole,
    Meeting,
    MeetingAttachment,
    MeetingStatus,
    Sector,
)


@dataclass(frozen=True)
class SectorCount:
    sector: Sector
    count: int
    percent: int  # of the largest count, for the bar's length


# The bar chart's geometry in SVG user units: a label column, then the bar and its count.
CHART_ROW, CHART_LABEL, CHART_BAR, CHART_WIDTH = 28, 240, 170, 460


@dataclass(frozen=True)
class ChartRow:
    label: str
    count: int
    y: int
    text_y: int
    width: int
    count_x: int


@dataclass(frozen=True)
class Composition:
    sectors: list[SectorCount]  # every sector in the list, in its order, zero counts too
    total: int

    @property
    def missing(self) -> list[Sector]:
        return [row.sector for row in self.sectors if not row.count]

    @property
    def chart(self) -> dict:
        rows = [
            ChartRow(
                label=row.sector.localized_name,
                count=row.count,
                y=n * CHART_ROW + 4,
                text_y=n * CHART_ROW + 19,
                width=round(CHART_BAR * row.percent / 100),
                count_x=CHART_LABEL + round(CHART_BAR * row.percent / 100) + 6,
            )
            for n, row in enumerate(self.sectors)
        ]
        return {
            "rows": rows,
            "width": CHART_WIDTH,
            "height": CHART_ROW * len(rows),
            "bar_x": CHART_LABEL,
        }


def composition(members: list[CouncilMember], sectors: list[Sector]) -> Composition:
    """Seats per sector, every sector listed, so a sector nobody represents shows as 0."""
    counts: dict[int, int] = {}
    for member in members:
        counts[member.sector_id] = counts.get(member.sector_id, 0) + 1
    known = {s.pk for s in sectors}
    # A sector outside the list (cannot happen through the admin) still counts.
    extra = [m.sector for m in members if m.sector_id not in known]
    ordered = list(sectors) + list({s.pk: s for s in extra}.values())
    largest = max(counts.values(), default=0)
    return Composition(
        sectors=[
            SectorCount(s, n, round(100 * n / largest) if largest else 0)
            for s in ordered
            for n in [counts.get(s.pk, 0)]
        ],
        total=len(members),
    )


@dataclass(frozen=True)
class CouncilPage:
    council: Council
    members: list[CouncilMember]
    chair: CouncilMember | None
    deputy: CouncilMember | None
    composition: Composition
    upcoming: list[Meeting]
    past: list[Meeting]
    # Each seat's record over the last year of meetings with attendance recorded.
    attendance: list[SeatAttendance] = field(default_factory=list)
    attendance_meetings: int = 0


def council_page(region_slug: str, slug: str) -> CouncilPage:
    """A council with its seats, composition and meetings (raises Council.DoesNotExist)."""
    council = Council.objects.select_related("region").get(region__slug=region_slug, slug=slug)
    members = list(
        council.members.select_related("sector", "organisation").order_by("sort_order", "pk")
    )
    sectors = list(Sector.objects.all())
    meetings = list(council.meetings.order_by("start", "pk"))
    now = timezone.now()
    upcoming = [m for m in meetings if (m.end or m.start) >= now]
    # Each upcoming meeting moves to the past when it ends; a later, shorter one may end
    # before the first (the page reads differently from whichever ends first).
    for meeting in upcoming:
        pagecache.changes_at(meeting.end or meeting.start)
    past = [m for m in reversed(meetings) if (m.end or m.start) < now]
    by_role = {m.role: m for m in reversed(members)}
    attendance, recorded = seat_attendance(council, members, now)
    return CouncilPage(
        council=council,
        members=members,
        chair=by_role.get(CouncilRole.CHAIR),
        deputy=by_role.get(CouncilRole.DEPUTY),
        composition=composition(members, sectors),
        upcoming=upcoming,
        past=past,
        attendance=attendance,
        attendance_meetings=recorded,
    )


ATTENDANCE_PERIOD = dt.timedelta(days=365)


@dataclass
class SeatAttendance:
    member: CouncilMember
    counts: dict[str, int]

    @property
    def filled(self) -> int:
        """Meetings where the seat was filled: by its holder, or by a substitute."""
        return self.counts.get(AttendanceStatus.PRESENT, 0) + self.counts.get(
            AttendanceStatus.SUBSTITUTE, 0
        )


def seat_attendance(council, members, now) -> tuple[list[SeatAttendance], int]:
    """Each seat's attendance at the council's meetings of the last year that have it
    recorded, and how many such meetings there were: one query."""
    rows = (
        Attendance.objects.filter(
            meeting__council=council, meeting__start__gte=now - ATTENDANCE_PERIOD
        )
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .filter(meeting__start__lt=now)
        .values_list("member_id", "status", "meeting_id")
    )
    counts: dict[int, dict[str, int]] = {}
    meetings = set()
    for member_id, status, meeting_id in rows:
        seat = counts.setdefault(member_id, {})
        seat[status] = seat.get(status, 0) + 1
        meetings.add(meeting_id)
    if not meetings:
        return [], 0
    return [SeatAttendance(m, counts.get(m.pk, {})) for m in members], len(meetings)


def has_ended(now) -> Q:
    """Meetings that ended before `now` (by their end, or their start when it is open)."""
    return Q(end__lt=now) | Q(end__isnull=True, start__lt=now)


def with_details(meetings):
    """Meetings with their council, region, minutes, agenda, attachments and attendance
    (each seat with its organisation) loaded."""
    return meetings.select_related("council__region", "minutes").prefetch_related(
        "agenda_items",
        Prefetch(
            "attendance",
            queryset=Attendance.objects.select_related("member__organisation"),
        ),
        Prefetch(
            "attachments",
            queryset=MeetingAttachment.objects.select_related("document").order_by("sort_order"),
        ),
    )


def region_councils(region) -> list[Council]:
    """The region's councils, each with `next_meeting` (the first that has not ended yet,
    or None) and `last_meeting` (the latest that has): one query, for any number of
    councils and meetings.

    The councils are read joined to their meetings (a row per meeting, or one without a
    meeting), in date order, and sorted out here: one query where a prefetch makes two."""
    council_fields = [field.attname for field in Council._meta.concrete_fields]
    meeting_fields = [field.attname for field in Meeting._meta.concrete_fields]
    rows = (
        Council.objects.filter(region=region)
        .order_by("name", "pk", "meetings__start", "meetings__pk")
        .values_list(*council_fields, *(f"meetings__{name}" for name in meeting_fields))
    )
    db = rows.db
    council_pk = council_fields.index(Council._meta.pk.attname)
    meeting_pk = meeting_fields.index(Meeting._meta.pk.attname)
    councils: dict[int, Council] = {}
    now = timezone.now()
    width = len(council_fields)
    for row in rows:
        council_row, meeting_row = row[:width], row[width:]
        council = councils.get(council_row[council_pk])
        if council is None:
            council = Council.from_db(db, council_fields, council_row)
            council.region = region
            council.next_meeting = council.last_meeting = None
            councils[council.pk] = council
        if meeting_row[meeting_pk] is None:  # a council without meetings
            continue
        meeting = Meeting.from_db(db, meeting_fields, meeting_row)
        meeting.council = council
        ends = meeting.end or meeting.start  # as has_ended(): an open meeting by its start
        if ends < now:
            council.last_meeting = meeting  # the latest is assigned last
        else:
            if council.next_meeting is None:  # the earliest
                council.next_meeting = meeting
            pagecache.changes_at(ends)  # then it is the last meeting
    return list(councils.values())


def meeting_page(region_slug: str, council_slug: str, pk: int) -> Meeting:
    """A meeting with its council, region, minutes, agenda and attachments loaded."""
    return with_details(Meeting.objects).get(
        pk=pk, council__slug=council_slug, council__region__slug=region_slug
    )
