"""Who belonged to a region when: one function per question, and the rules for recording it.

Members are mapped across municipal mergers and splits through places' timeline, never
dropped. `add_membership` is the service function for commands and the API: it checks
every rule and saves, or saves nothing. See docs/developers/networks.md (The
questions, one function each; Rules).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from byregion.core.dates import long_date
from byregion.places.models import Municipality, Place
from byregion.places.timeline import Timeline, UnknownPlace

from .models import Membership, MembershipKind, Programme, ProgrammeRegion, Region


def _valid_on(prefix: str, date: dt.date) -> Q:
    """Rows whose [valid_from, valid_to) period, under `prefix`, includes `date`."""
    return Q(**{f"{prefix}valid_from__lte": date}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": date})
    )


def _memberships_on(date: dt.date):
    # A membership left open ends with its municipality version, so both periods count.
    return (
        Membership.objects.filter(_valid_on("", date) & _valid_on("municipality__", date))
        .select_related("municipality__parent")
        .order_by("municipality__code", "valid_from")
    )


def members_on(region: Region, date: dt.date) -> list[Membership]:
    """The region's memberships (members and observers) that counted on `date`, by code."""
    return list(_memberships_on(date).filter(region=region))


def regions_of(code: str, date: dt.date) -> list[Membership]:
    """The memberships of the municipality with `code` on `date`, with their regions."""
    return list(
        _memberships_on(date)
        .filter(municipality__code=code)
        .select_related("region")
        .order_by("region__name")
    )


@dataclass
class MappedMember:
    """A municipality on the later date and the memberships on the earlier date it holds."""

    place: Place
    sources: list[Membership] = field(default_factory=list)

    @property
    def is_centre(self) -> bool:
        return any(m.is_centre for m in self.sources)

    @property
    def kind(self) -> str:
        """A member if any part was a member; an observer only if every part observed."""
        kinds = {m.kind for m in self.sources}
        return MembershipKind.MEMBER if MembershipKind.MEMBER in kinds else MembershipKind.OBSERVER

    @property
    def is_observer(self) -> bool:
        return self.kind == MembershipKind.OBSERVER

    @property
    def renamed_or_merged(self) -> bool:
        """Whether the municipality differs from the one membership it came from."""
        return len(self.sources) != 1 or self.sources[0].municipality_id != self.place.pk

    @property
    def source_notes(self) -> list[str]:
        return [m.source_note for m in self.sources if m.source_note]


@dataclass
class MappedRegion:
    date: dt.date
    on: dt.date
    members: list[MappedMember]
    # Memberships on `date` whose municipality has no counterpart on `on` (ceased, or not
    # yet created when mapping backwards): listed, never silently dropped.
    unmapped: list[Membership]

    @property
    def counts(self) -> dict[str, int]:
        observers = sum(1 for m in self.members if m.is_observer)
        return {"members": len(self.members) - observers, "observers": observers}


def members_in_codes_of(
    region: Region,
    date: dt.date,
    on: dt.date,
    timeline: Timeline | None = None,
    memberships: list[Membership] | None = None,
) -> MappedRegion:
    """The region's members on `date`, expressed in the municipalities valid on `on`.

    Ålesundregionen on 1 January 2017 as of 2024 is Ålesund (1508), Haram (1580), Giske and
    Sula: Ørskog, Skodje and Sandøy are parts of one Ålesund and count once, with all four
    memberships listed as its sources. Pass a loaded `timeline` to share it across regions,
    and `members_on(region, date)` if the caller has it already.
    """
    timeline = timeline or Timeline.load()
    if memberships is None:
        memberships = members_on(region, date)
    by_place: dict[int, MappedMember] = {}
    unmapped = []
    for membership in memberships:
        try:
            places = timeline.map(membership.municipality.code, date, on)
        except UnknownPlace:
            places = []
        if not places:
            unmapped.append(membership)
        for place in places:
            by_place.setdefault(place.pk, MappedMember(place)).sources.append(membership)
    members = sorted(by_place.values(), key=lambda m: m.place.code)
    return MappedRegion(date=date, on=on, members=members, unmapped=unmapped)


def member_changes(
    memberships: Iterable[Membership], date: dt.date, on: dt.date, timeline: Timeline
) -> list[str]:
    """Every change after `date` up to `on` that befell the members, in words, in date order.

    The members' lineage is followed through each change date, so a member that changed
    twice (Ålesund 1504 → 1507 → 1508) has both steps explained. Only changes *from* the
    members' lineage count: a neighbour outside the region that merged into the same new
    municipality (Hemne into Heim) is not the region's news.
    """
    start, end = sorted((date, on))
    codes = [m.municipality.code for m in memberships]
    dates = sorted({c.date for c in timeline.changes.values() if start < c.date <= end} | {end})
    lineage: set[int] = {m.municipality_id for m in memberships}
    for step in dates:
        for code in codes:
            try:
                lineage.update(p.pk for p in timeline.map(code, date, step))
            except UnknownPlace:
                continue
    changes = {
        change.pk: change
        for pk in lineage
        for change in timeline.changes_of(timeline.places[pk])
        if start < change.date <= end and change.old_id in lineage
    }
    ordered = sorted(changes.values(), key=lambda c: (c.date, c.old_id or 0, c.new_id or 0))
    return [timeline.describe(change) for change in ordered]


@dataclass(frozen=True)
class ProgrammeFigures:
    date: dt.date
    regions: int
    municipalities: int  # distinct municipalities that were members on the date
    observers: int  # distinct observing municipalities that were not also members
    # region id -> (members, observers) on the date, for the regions taking part
    by_region: dict[int, tuple[int, int]] = field(default_factory=dict)


def programme_figures(programme: Programme, date: dt.date) -> ProgrammeFigures:
    """What the data says about a programme on `date`; nothing here is typed in."""
    # A region takes part from the day it joined to the day it left, and never after the
    # programme's own last day.
    if date < programme.start or (programme.end and date > programme.end):
        region_ids = []
    else:
        region_ids = list(
            ProgrammeRegion.objects.filter(programme=programme, joined__lte=date)
            .filter(Q(left__isnull=True) | Q(left__gte=date))
            .values_list("region_id", flat=True)
        )
    rows = (
        _memberships_on(date)
        .filter(region_id__in=region_ids)
        .values_list("region_id", "municipality_id", "kind")
    )
    members, observers = set(), set()
    by_region = {region_id: [set(), set()] for region_id in region_ids}
    for region_id, municipality_id, kind in rows:
        is_member = kind == MembershipKind.MEMBER
        (members if is_member else observers).add(municipality_id)
        by_region[region_id][0 if is_member else 1].add(municipality_id)
    return ProgrammeFigures(
        date=date,
        regions=len(set(region_ids)),
        municipalities=len(members),
        observers=len(observers - members),
        by_region={pk: (len(m), len(o)) for pk, (m, o) in by_region.items()},
    )


# Rules ------------------------------------------------------------------------------------


def resolve_municipality(code: str, date: dt.date) -> Place:
    """The version of municipality `code` valid on `date`, or a translated refusal."""
    code = (code or "").strip()
    place = Municipality.objects.filter(code=code).valid_on(date).first()
    if place is None:
        raise ValidationError(
            {
                "municipality": _("No municipality had code %(code)s on %(date)s.")
                % {"code": code, "date": long_date(date)}
            },
            code="unknown_municipality",
        )
    return place


def _period(membership: Membership) -> tuple[dt.date, dt.date]:
    return membership.valid_from, membership.ends or dt.date.max


def overlapping(memberships: Iterable[Membership]) -> list[tuple[Membership, Membership]]:
    """Pairs of rows naming the same municipality version in periods that overlap."""
    by_place: dict[int, list[Membership]] = {}
    for membership in memberships:
        by_place.setdefault(membership.municipality_id, []).append(membership)
    pairs = []
    for rows in by_place.values():
        rows.sort(key=lambda m: m.valid_from)
        for earlier, later in itertools.pairwise(rows):
            if _period(later)[0] < _period(earlier)[1]:
                pairs.append((earlier, later))
    return pairs


def overlap_message(earlier: Membership, later: Membership) -> str:
    return _(
        "%(place)s is already a member of this region from %(start)s in another row; "
        "periods of the same municipality must not overlap."
    ) % {"place": later.municipality, "start": long_date(earlier.valid_from)}


def check_no_overlap(region: Region, membership: Membership) -> None:
    """Refuse a row that overlaps a stored row of the same municipality in the region."""
    others = Membership.objects.filter(
        region=region, municipality_id=membership.municipality_id
    ).select_related("municipality")
    if membership.pk:
        others = others.exclude(pk=membership.pk)
    for earlier, later in overlapping([*others, membership]):
        stored = earlier if later is membership else later
        raise ValidationError({"valid_from": overlap_message(stored, membership)}, code="overlap")


@transaction.atomic
def add_membership(
    region: Region,
    code: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    *,
    kind: str = MembershipKind.MEMBER,
    is_centre: bool = False,
    source_note: str = "",
) -> Membership:
    """Record that the municipality with `code` (on `valid_from`) belongs to `region`.

    All rules are checked before anything is written, with the region locked so two editors
    cannot both add the same municipality; a refusal raises ValidationError and saves nothing.
    """
    Region.objects.select_for_update().filter(pk=region.pk).first()
    if valid_from is None:
        raise ValidationError({"valid_from": _("Give the first day of the membership.")})
    membership = Membership(
        region=region,
        municipality=resolve_municipality(code, valid_from),
        kind=kind,
        is_centre=is_centre,
        valid_from=valid_from,
        valid_to=valid_to,
        source_note=source_note,
    )
    membership.full_clean()
    check_no_overlap(region, membership)
    membership.save()
    return membership
