"""A region's numbers, centre against surroundings: one read function, a fixed number of queries.

The region is its members on one date (`networks.membership.members_on`); each year's
figures are in that year's codes, so the members are mapped into them through the places
timeline (`members_in_codes_of`), and each figure is the sum over the municipalities the
members became. Nothing is smoothed over:

- a municipality that holds land the region did not hold on the date (Halsa in Heim, with
  Hemne and part of Snillfjord, from 2020) is not counted, and a note says so;
- when the centre absorbs members of the surroundings (Ålesund 2020) or gives them back
  (Haram 2024), the years whose centre and surroundings are made of other members than the
  first year's are marked not comparable, with a note;
- boundary transfers that KLASS does not record because no code changed (`TRANSFERS`, from
  data/SOURCE.md) are noted where they cross the region's or the centre's border, and in
  the growth of the members they touch.

Observers are not counted. Before the places register's first day (the shipped snapshot
starts on 1 January 2017) figures are read in the codes of that first day.
See docs/developers/indicators.md.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from byregion.core.dates import long_date
from byregion.networks.membership import members_in_codes_of, members_on
from byregion.networks.models import Membership, MembershipKind, Region
from byregion.places.timeline import Timeline, UnknownPlace

from .models import Indicator, Observation


@dataclass(frozen=True)
class Transfer:
    """Land moved between municipalities that kept their codes (so KLASS has no change)."""

    date: dt.date
    area: str
    from_code: str  # valid the day before
    to_code: str  # valid on the date


# From data/SOURCE.md: Orten moved from Sandøy to Aukra with the 2020 reform; Vågstranda
# (442 residents) from Rauma to Vestnes on 1 January 2021.
TRANSFERS = (
    Transfer(dt.date(2020, 1, 1), "Orten", "1546", "1547"),
    Transfer(dt.date(2021, 1, 1), "Vågstranda", "1539", "1535"),
)


@dataclass(frozen=True)
class Unit:
    """A municipality of one year's codes, as the region counts it."""

    code: str
    name: str
    sources: tuple[str, ...]  # the member codes on the region's date that it holds
    source_names: tuple[str, ...]
    is_centre: bool
    outside: bool  # also holds land that was not the region's on the date

    @property
    def made_of(self) -> str:
        if self.sources == (self.code,):
            return ""
        return ", ".join(
            f"{name} ({code})" for name, code in zip(self.source_names, self.sources, strict=True)
        )


@dataclass
class PopulationYear:
    year: int
    centre: int | None
    surroundings: int | None
    centre_index: float | None = None
    surroundings_index: float | None = None
    comparable: bool = True

    @property
    def total(self) -> int | None:
        if self.centre is None or self.surroundings is None:
            return None
        return self.centre + self.surroundings


@dataclass
class CommutingYear:
    year: int
    surroundings_to_centre: int
    surroundings_employed: int
    centre_to_surroundings: int
    centre_employed: int
    into_centre: int
    comparable: bool = True

    @property
    def share_to_centre(self) -> float | None:
        if not self.surroundings_employed:
            return None
        return 100 * self.surroundings_to_centre / self.surroundings_employed

    @property
    def share_to_surroundings(self) -> float | None:
        if not self.centre_employed:
            return None
        return 100 * self.centre_to_surroundings / self.centre_employed


@dataclass
class Growth:
    unit: Unit
    first_year: int
    first: int
    last_year: int
    last: int
    note: str = ""
    series: dict[int, int] = field(default_factory=dict)

    @property
    def change(self) -> int:
        return self.last - self.first

    @property
    def percent(self) -> float | None:
        return 100 * self.change / self.first if self.first else None


@dataclass
class Matrix:
    year: int
    units: list[Unit]
    rows: list[tuple[Unit, list[int | None]]]


@dataclass
class RegionNumbers:
    region: Region
    date: dt.date
    population: list[PopulationYear] = field(default_factory=list)
    growth: list[Growth] = field(default_factory=list)
    commuting: list[CommutingYear] = field(default_factory=list)
    matrices: dict[int, Matrix] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    commuting_gaps: list[str] = field(default_factory=list)
    sources: dict[str, list] = field(default_factory=dict)  # indicator -> [Source]
    centre_first: str = ""
    observers: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.population and not self.commuting

    def population_in(self, year: int) -> PopulationYear | None:
        return next((p for p in self.population if p.year == year), None)

    def commuting_in(self, year: int) -> CommutingYear | None:
        return next((c for c in self.commuting if c.year == year), None)


def period_day(year: int, quarter: int, indicator: str) -> dt.date:
    """The day a figure describes: 1 January for the population, a quarter's last day."""
    if indicator == Indicator.POPULATION or quarter == 0:
        return dt.date(year, 1, 1)
    return dt.date(year, 3 * quarter, 31 if quarter in (1, 4) else 30)


def _names(codes, by_code) -> tuple[str, ...]:
    return tuple(by_code[c] for c in codes)


def _add(note: str, notes: list[str], seen: set | None = None, key=None) -> None:
    """Add a note once; with a `key`, only the first note of that key (its first year)."""
    if key is not None:
        if key in seen:
            return
        seen.add(key)
    if note not in notes:
        notes.append(note)


def region_numbers(
    region: Region,
    date: dt.date,
    timeline: Timeline | None = None,
    memberships: list[Membership] | None = None,
) -> RegionNumbers:
    """The region's figures for every year imported, its members being those of `date`.

    Two queries (the members; the periods and figures in one), plus the timeline's three
    when none is passed; one when the caller has `members_on(region, date)` already.
    """
    timeline = timeline or Timeline.kept()
    if memberships is None:
        memberships = members_on(region, date)
    numbers = RegionNumbers(region, date)
    counted = [m for m in memberships if m.kind == MembershipKind.MEMBER]
    numbers.observers = [
        f"{m.municipality.localized_name} ({m.municipality.code})"
        for m in memberships
        if m.kind != MembershipKind.MEMBER
    ]
    if not counted:
        return numbers
    member_pks = {m.municipality_id for m in counted}
    member_names = {m.municipality.code: m.municipality.localized_name for m in counted}
    first_day = min(place.valid_from for place in timeline.places.values())

    cache: dict[dt.date, list[Unit]] = {}
    seen: set = set()

    def units_on(day: dt.date) -> list[Unit]:
        day = max(day, first_day)
        if day not in cache:
            mapped = members_in_codes_of(region, date, day, timeline, counted)
            units = []
            for member in mapped.members:
                try:
                    back = timeline.map(member.place.code, day, date)
                except UnknownPlace:
                    back = []
                sources = tuple(sorted({m.municipality.code for m in member.sources}))
                units.append(
                    Unit(
                        code=member.place.code,
                        name=member.place.localized_name,
                        sources=sources,
                        source_names=_names(sources, member_names),
                        is_centre=member.is_centre,
                        outside=any(p.pk not in member_pks for p in back),
                    )
                )
            cache[day] = units
        return cache[day]

    # One query: every figure of the codes the members had in any year, and the flows into
    # them. The codes are those of the change dates between the earliest and latest figure,
    # so the candidate codes are every code the members' lineage held.
    days = sorted(
        {first_day, date}
        | {c.date for c in timeline.changes.values()}
        | {c.date - dt.timedelta(days=1) for c in timeline.changes.values()}
    )
    codes = sorted({u.code for day in days for u in units_on(day)} | set(member_names))
    rows = list(
        Observation.objects.filter(
            Q(indicator=Indicator.POPULATION, code__in=codes)
            | Q(indicator=Indicator.COMMUTERS, code__in=codes)
            | Q(indicator=Indicator.COMMUTERS, to_code__in=codes)
        ).select_related("source")
    )
    population: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    flows: dict[tuple[int, int], dict[tuple[str, str], int]] = defaultdict(dict)
    sources: dict[str, dict[int, object]] = defaultdict(dict)
    for row in rows:
        sources[row.indicator][row.source_id] = row.source
        if row.indicator == Indicator.POPULATION:
            population[(row.year, row.quarter)][row.code] = row.value
        else:
            flows[(row.year, row.quarter)][(row.code, row.to_code)] = row.value
    numbers.sources = {
        indicator: sorted(found.values(), key=lambda s: s.provenance)
        for indicator, found in sources.items()
    }

    def counted_units(day):
        units = units_on(day)
        for unit in units:
            if unit.outside:
                _add(
                    _(
                        "%(members)s became part of %(unit)s (%(code)s), which also holds land "
                        "outside the region: its figures are not counted as the region's, so "
                        "from %(year)s the region's figures leave %(members)s out and are not "
                        "comparable with earlier years."
                    )
                    % {
                        "members": ", ".join(unit.source_names),
                        "unit": unit.name,
                        "code": unit.code,
                        "year": day.year,
                    },
                    numbers.notes,
                    seen,
                    ("outside", unit.code, unit.sources),
                )
        return [u for u in units if not u.outside]

    def composition(units):
        centre = frozenset(s for u in units if u.is_centre for s in u.sources)
        rest = frozenset(s for u in units if not u.is_centre for s in u.sources)
        return centre, rest

    def transfers_between(first: dt.date, day: dt.date) -> list[Transfer]:
        return [t for t in TRANSFERS if first < t.date <= day]

    def ends_of(transfer: Transfer) -> list[set[str]]:
        """The codes, as of `date`, that the land came from (the day before) and went to."""
        ends = []
        for code, day in (
            (transfer.from_code, transfer.date - dt.timedelta(days=1)),
            (transfer.to_code, transfer.date),
        ):
            try:
                ends.append({p.code for p in timeline.map(code, max(day, first_day), date)})
            except UnknownPlace:
                ends.append(set())
        return ends

    def crossing(transfer: Transfer, groups) -> bool:
        """Whether the transfer moved land between the centre, the surroundings and
        outside the region (as the members of `date`)."""
        centre, rest = groups
        sides = [
            "centre" if back & centre else "rest" if back & rest else "outside"
            for back in ends_of(transfer)
        ]
        return sides[0] != sides[1]

    # Population, centre against surroundings.
    first_groups = previous = None
    first_day_of_series = None
    for year, quarter in sorted(population):
        day = period_day(year, quarter, Indicator.POPULATION)
        units = counted_units(day)
        values = population[(year, quarter)]
        centre = [values.get(u.code) for u in units if u.is_centre]
        rest = [values.get(u.code) for u in units if not u.is_centre]
        entry = PopulationYear(
            year,
            None if None in centre or not centre else sum(centre),
            None if None in rest else sum(rest),
        )
        groups = composition(units)
        if first_groups is None:
            first_groups, first_day_of_series = groups, day
            numbers.centre_first = ", ".join(u.name for u in units if u.is_centre)
        else:
            moved = [
                t for t in transfers_between(first_day_of_series, day) if crossing(t, first_groups)
            ]
            entry.comparable = groups == first_groups and not moved
            if groups[0] != first_groups[0]:
                centre_units = [u for u in units if u.is_centre]
                held = sorted(set(groups[0]) - {s for s in first_groups[0]})
                for unit in centre_units:
                    if held:
                        _add(
                            _(
                                "From %(year)s the centre, %(unit)s (%(code)s), also holds "
                                "%(members)s: centre and surroundings are not comparable with "
                                "the first year's."
                            )
                            % {
                                "year": year,
                                "unit": unit.name,
                                "code": unit.code,
                                "members": ", ".join(_names(held, member_names)),
                            },
                            numbers.notes,
                            seen,
                            ("centre", groups[0]),
                        )
            given = sorted(set(previous[0]) - set(groups[0]))
            if given:
                _add(
                    _(
                        "From %(year)s the centre no longer holds %(members)s: they count among "
                        "the surroundings again."
                    )
                    % {"year": year, "members": ", ".join(_names(given, member_names))},
                    numbers.notes,
                )
        previous = groups
        numbers.population.append(entry)
    if numbers.population:
        base = numbers.population[0]
        for entry in numbers.population:
            if base.centre and entry.centre is not None:
                entry.centre_index = round(100 * entry.centre / base.centre, 1)
            if base.surroundings and entry.surroundings is not None:
                entry.surroundings_index = round(100 * entry.surroundings / base.surroundings, 1)

    # Transfers of land that touch the region (either side a member's lineage).
    if numbers.population:
        last_day = period_day(numbers.population[-1].year, 0, Indicator.POPULATION)
        for transfer in transfers_between(first_day_of_series, last_day):
            touched = [bool(back & set(member_names)) for back in ends_of(transfer)]
            values = {
                "area": transfer.area,
                "from": _place_name(
                    timeline, transfer.from_code, transfer.date - dt.timedelta(days=1)
                ),
                "to": _place_name(timeline, transfer.to_code, transfer.date),
                "date": long_date(transfer.date),
            }
            if all(touched):
                note = _(
                    "%(area)s moved from %(from)s to %(to)s on %(date)s: both are members, so "
                    "the region's total is not affected, but the two members' figures are not "
                    "comparable across that date."
                )
            elif touched[0]:
                note = _(
                    "%(area)s moved from %(from)s to %(to)s, outside the region, on %(date)s: "
                    "from then on the region's figures leave its residents out."
                )
            elif touched[1]:
                note = _(
                    "%(area)s moved from %(from)s, outside the region, to %(to)s on %(date)s: "
                    "from then on the region's figures include its residents."
                )
            else:
                continue
            _add(note % values, numbers.notes)

    # Growth per member: each municipality as the region counts it, first and last year.
    spans: dict[tuple[str, tuple[str, ...]], list] = {}
    for (year, quarter), values in sorted(population.items()):
        day = period_day(year, quarter, Indicator.POPULATION)
        for unit in counted_units(day):
            if unit.code in values:
                spans.setdefault((unit.code, unit.sources), [unit, []])[1].append(
                    (year, values[unit.code], day)
                )
    for unit, series in spans.values():
        (first_year, first, start), (last_year, last, end) = series[0], series[-1]
        touched = [
            t.area
            for t in TRANSFERS
            if start < t.date <= end and {t.from_code, t.to_code} & {unit.code, *unit.sources}
        ]
        note = (
            _("Boundary change in the period: %(areas)s.") % {"areas": ", ".join(touched)}
            if touched
            else ""
        )
        numbers.growth.append(
            Growth(unit, first_year, first, last_year, last, note, {y: v for y, v, _d in series})
        )
    numbers.growth.sort(key=lambda g: (not g.unit.is_centre, g.unit.code, g.first_year))

    # Commuting.
    first_groups = None
    for year, quarter in sorted(flows):
        day = period_day(year, quarter, Indicator.COMMUTERS)
        units = counted_units(day)
        pairs = flows[(year, quarter)]
        centre = {u.code for u in units if u.is_centre}
        rest = {u.code for u in units if not u.is_centre}
        everywhere = {b for _a, b in pairs} | centre | rest
        elsewhere = {a for a, _b in pairs} - centre
        entry = CommutingYear(
            year,
            surroundings_to_centre=_flow(pairs, rest, centre),
            surroundings_employed=_flow(pairs, rest, everywhere),
            centre_to_surroundings=_flow(pairs, centre, rest),
            centre_employed=_flow(pairs, centre, everywhere),
            into_centre=_flow(pairs, elsewhere, centre),
        )
        groups = composition(units)
        first_groups = first_groups or groups
        entry.comparable = groups == first_groups
        numbers.commuting.append(entry)
        ordered = sorted(units, key=lambda u: (not u.is_centre, u.code))
        numbers.matrices[year] = Matrix(
            year,
            ordered,
            [(a, [pairs.get((a.code, b.code)) for b in ordered]) for a in ordered],
        )
    if numbers.commuting and numbers.population:
        have = {c.year for c in numbers.commuting}
        missing = [p.year for p in numbers.population if p.year not in have]
        if missing:
            numbers.commuting_gaps.append(
                _("No commuting figures for %(years)s.") % {"years": _years(missing)}
            )
    return numbers


def _flow(pairs: dict[tuple[str, str], int], origins: set[str], destinations: set[str]) -> int:
    """Employed persons living in `origins` and working in `destinations`."""
    return sum(v for (a, b), v in pairs.items() if a in origins and b in destinations)


def _place_name(timeline: Timeline, code: str, day: dt.date) -> str:
    try:
        place = timeline.version(code, day)
    except UnknownPlace:
        return code
    return f"{place.localized_name} ({place.code})"


def _years(years: list[int]) -> str:
    """2014, 2015, 2016, 2023 as "2014-2016, 2023" (with an en dash)."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and runs[-1][-1] == year - 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(f"{r[0]}\u2013{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
