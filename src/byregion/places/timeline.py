"""Questions about places over time, one function each.

Every question walks one in-memory graph of versions and changes (`Timeline`), loaded in
a fixed number of queries, so mapping twenty codes costs the same as mapping one.
See docs/developers/places.md (Questions over time).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from byregion.core import pagecache

from .models import ChangeKind, Place, PlaceChange, PlaceKind


class UnknownPlace(LookupError):
    """No version of the code is valid on the date asked about."""

    def __init__(self, kind: str, code: str, date: dt.date):
        self.kind, self.code, self.date = kind, code, date
        super().__init__(
            _("No %(kind)s has code %(code)s on %(date)s.")
            % {"kind": PlaceKind(kind).label, "code": code, "date": date.isoformat()}
        )


def places_on(date: dt.date, kind: str = PlaceKind.MUNICIPALITY):
    """The units of `kind` that existed on `date`, with their county, ordered by code."""
    return Place.objects.filter(kind=kind).valid_on(date).select_related("parent").order_by("code")


@dataclass(frozen=True)
class Edge:
    change_id: int
    date: dt.date
    old: int | None
    new: int | None
    territory: frozenset[int]


class Timeline:
    """All versions and changes of one kind, walked in memory."""

    def __init__(self, places: list[Place], changes: list[PlaceChange], territory: dict):
        self.places = {place.pk: place for place in places}
        self.by_code: dict[str, list[Place]] = defaultdict(list)
        for place in places:
            self.by_code[place.code].append(place)
        self.outgoing: dict[int, list[Edge]] = defaultdict(list)
        self.incoming: dict[int, list[Edge]] = defaultdict(list)
        self.changes = {change.pk: change for change in changes}
        for change in changes:
            edge = Edge(
                change.pk,
                change.date,
                change.old_id,
                change.new_id,
                frozenset(territory.get(change.pk, ())),
            )
            if edge.old is not None:
                self.outgoing[edge.old].append(edge)
            if edge.new is not None:
                self.incoming[edge.new].append(edge)

    @classmethod
    def load(cls, kind: str = PlaceKind.MUNICIPALITY) -> Timeline:
        """Three queries: the versions, the changes and the recorded territories."""
        places = list(Place.objects.filter(kind=kind).select_related("parent"))
        changes = list(
            PlaceChange.objects.filter(old__kind=kind) | PlaceChange.objects.filter(new__kind=kind)
        )
        through = PlaceChange.territory_from.through.objects.filter(
            placechange__in=[c.pk for c in changes]
        ).values_list("placechange_id", "place_id")
        territory = defaultdict(set)
        for change_id, place_id in through:
            territory[change_id].add(place_id)
        return cls(places, changes, territory)

    @classmethod
    def kept(cls, kind: str = PlaceKind.MUNICIPALITY) -> Timeline:
        """`load(kind)`, kept in the shared cache until the content changes (the KLASS import
        saves what it changes): no query once kept, for the pages that read it on every
        request (a region's page)."""
        return pagecache.remember(f"places:timeline:{kind}", lambda: cls.load(kind))

    def version(self, code: str, date: dt.date, kind: str = PlaceKind.MUNICIPALITY) -> Place:
        for place in self.by_code.get(code, ()):
            if place.is_valid_on(date):
                return place
        raise UnknownPlace(kind, code, date)

    def map(self, code: str, at: dt.date, to: dt.date, kind=PlaceKind.MUNICIPALITY) -> list[Place]:
        start = self.version(code, at, kind)
        found = self._forward(start, to) if to >= at else self._backward(start, to)
        return sorted((self.places[pk] for pk in found), key=lambda p: (p.code, p.valid_from))

    def _forward(self, start: Place, to: dt.date) -> set[int]:
        found: set[int] = set()
        pending = [(start.pk, frozenset({start.pk}))]
        while pending:
            pk, history = pending.pop()
            place = self.places[pk]
            if place.is_valid_on(to):
                found.add(pk)
                continue
            edges = [e for e in self.outgoing[pk] if e.new is not None and e.date <= to]
            # Where a split records whose territory went where, follow only the parts that
            # hold ground this walk came through; otherwise every part is a candidate.
            known = [e for e in edges if e.territory & history]
            for edge in known or edges:
                pending.append((edge.new, history | {edge.new}))
        return found

    def _backward(self, start: Place, to: dt.date) -> set[int]:
        found: set[int] = set()
        pending: list[tuple[int, frozenset[int]]] = [(start.pk, frozenset())]
        while pending:
            pk, wanted = pending.pop()
            place = self.places[pk]
            if pk in wanted:
                wanted = frozenset()  # reached the recorded territory: no further limit
            if place.is_valid_on(to):
                found.add(pk)
                continue
            edges = [e for e in self.incoming[pk] if e.old is not None and e.date > to]
            if wanted:
                limited = [e for e in edges if self._ancestry(e.old) & wanted]
                edges = limited or edges
            for edge in edges:
                pending.append((edge.old, wanted | edge.territory))
        return found

    def _ancestry(self, pk: int) -> set[int]:
        seen, pending = {pk}, [pk]
        while pending:
            for edge in self.incoming[pending.pop()]:
                if edge.old is not None and edge.old not in seen:
                    seen.add(edge.old)
                    pending.append(edge.old)
        return seen

    def changes_of(self, place: Place) -> list[PlaceChange]:
        """The changes that made and ended this version, in date order."""
        edges = self.incoming[place.pk] + self.outgoing[place.pk]
        return sorted(
            (self.changes[e.change_id] for e in edges), key=lambda c: (c.date, c.old_id or 0)
        )

    def describe(self, change: PlaceChange) -> str:
        return describe_change(
            change,
            self.places.get(change.old_id),
            self.places.get(change.new_id),
            new_has_other_parts=len(self.incoming[change.new_id]) > 1,
        )


def map_code(
    code: str, at: dt.date, to: dt.date, kind: str = PlaceKind.MUNICIPALITY
) -> list[Place]:
    """The versions that code `code`, valid on `at`, corresponds to on `to`.

    Raises UnknownPlace when no version of `code` is valid on `at`. An empty answer means
    the unit had ceased (or did not yet exist) by `to`.
    """
    return Timeline.load(kind).map(code, at, to, kind)


def _label(place: Place | None) -> str:
    return f"{place.localized_name} ({place.code})" if place else "—"


def describe_change(
    change: PlaceChange,
    old: Place | None = None,
    new: Place | None = None,
    new_has_other_parts: bool | None = None,
) -> str:
    """One sentence in the active language, e.g. "Ørskog (1523) became part of Ålesund
    (1507) on 1 January 2020"."""
    old = old or change.old
    new = new or change.new
    if new_has_other_parts is None:
        new_has_other_parts = new is not None and new.changes_in.count() > 1
    values = {
        "old": _label(old),
        "new": _label(new),
        # Translators: a date format (Django's date syntax); Norwegian writes "j. F Y".
        "date": formats.date_format(change.date, pgettext("long date", "j F Y")),
        "county": new.parent.localized_name if new and new.parent_id and new.parent else "",
    }
    sentences = {
        ChangeKind.MERGE: _("%(old)s became part of %(new)s on %(date)s."),
        ChangeKind.SPLIT: (
            _("Part of %(old)s became part of %(new)s on %(date)s.")
            if new_has_other_parts
            else _("Part of %(old)s became %(new)s on %(date)s.")
        ),
        ChangeKind.TRANSFER: _("%(old)s moved to %(county)s as %(new)s on %(date)s."),
        ChangeKind.RENUMBER: _("%(old)s was renumbered %(new)s on %(date)s."),
        ChangeKind.RENAME: _("%(old)s was renamed %(new)s on %(date)s."),
        ChangeKind.CREATED: _("%(new)s was created on %(date)s."),
        ChangeKind.CEASED: _("%(old)s ceased to exist on %(date)s."),
    }
    return sentences[ChangeKind(change.kind)] % values
