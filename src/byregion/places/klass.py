"""Import Statistics Norway's KLASS classifications of counties (104) and municipalities (131).

Reads KLASS's codes and changes answers, with two optional fields for what KLASS does not
record (`names`, `territoryFrom`). An import is atomic and idempotent. See
docs/developers/places.md (Import).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from .models import NAME_LANGUAGES, ChangeKind, Place, PlaceChange, PlaceKind

KLASS_API = "https://data.ssb.no/api/klass/v1"
CLASSIFICATIONS = {PlaceKind.COUNTY: 104, PlaceKind.MUNICIPALITY: 131}
SNAPSHOT_DIR = Path(__file__).resolve().parent / "data"
# The shipped snapshot, in the order it must be read: counties before their municipalities,
# versions before the changes that join them.
SNAPSHOT_FILES = (
    "counties.json",
    "county-changes.json",
    "municipalities.json",
    "municipality-changes.json",
)
CODE_PATTERN = re.compile(r"^(\d{2}|\d{4})$")


class KlassError(Exception):
    """A file that cannot be imported; the message is one line naming where and why."""


@dataclass(frozen=True)
class CodeRow:
    where: str
    kind: str
    code: str
    name: str
    names: dict
    valid_from: dt.date
    valid_to: dt.date | None
    parent_code: str | None
    # True where KLASS gave no validFrom: the row then says only "valid on valid_from".
    start_unknown: bool = False


@dataclass(frozen=True)
class ChangeRow:
    where: str
    kind: str
    date: dt.date
    old_code: str | None
    new_code: str | None
    territory_from: tuple[tuple[str, dt.date], ...] = ()
    source: str = ""


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kinds: set = field(default_factory=set)

    def add(self, other: ImportResult) -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.kinds |= other.kinds


# Reading ---------------------------------------------------------------------------------


def load_document(path: Path) -> object:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KlassError(_("%(file)s: no such file") % {"file": path}) from None
    except UnicodeDecodeError:
        raise KlassError(_("%(file)s: not UTF-8 text") % {"file": path}) from None
    except json.JSONDecodeError as error:
        raise KlassError(
            _("%(file)s: not valid JSON (line %(line)s, column %(column)s: %(reason)s)")
            % {"file": path, "line": error.lineno, "column": error.colno, "reason": error.msg}
        ) from None


def parse_document(
    document: object, source: str, *, date: dt.date | None = None
) -> list[CodeRow] | list[ChangeRow]:
    """Check a KLASS document's shape and values; return its rows."""
    if isinstance(document, dict) and isinstance(document.get("codes"), list):
        return [
            _code_row(row, f"{source}: codes[{i}]", date) for i, row in enumerate(document["codes"])
        ]
    if isinstance(document, dict) and isinstance(document.get("codeChanges"), list):
        return [
            _change_row(row, f"{source}: codeChanges[{i}]")
            for i, row in enumerate(document["codeChanges"])
        ]
    raise KlassError(
        _("%(file)s: neither a KLASS codes document nor a KLASS changes document")
        % {"file": source}
    )


def _fail(where: str, field_name: str, problem: str) -> KlassError:
    return KlassError(f"{where}.{field_name}: {problem}")


def _text(row: dict, where: str, key: str, *, required: bool) -> str | None:
    value = row.get(key)
    if value is None or value == "":
        if required:
            raise _fail(where, key, _("missing"))
        return None
    if not isinstance(value, str):
        raise _fail(where, key, _("must be text, not %(value)r") % {"value": value})
    return value.strip()


def _date(row: dict, where: str, key: str, *, required: bool) -> dt.date | None:
    value = _text(row, where, key, required=required)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _fail(
            where, key, _("%(value)r is not a date (YYYY-MM-DD)") % {"value": value}
        ) from None


def _code(row: dict, where: str, key: str, *, required: bool) -> str | None:
    value = _text(row, where, key, required=required)
    if value is not None and not CODE_PATTERN.match(value):
        raise _fail(
            where,
            key,
            _("%(value)r is not a county (2 digits) or municipality (4 digits) code")
            % {"value": value},
        )
    return value


def _kind_of(code: str) -> str:
    return PlaceKind.COUNTY if len(code) == 2 else PlaceKind.MUNICIPALITY


def _code_row(row: object, where: str, date: dt.date | None) -> CodeRow:
    if not isinstance(row, dict):
        raise KlassError(f"{where}: " + _("must be an object"))
    code = _code(row, where, "code", required=True)
    name = _text(row, where, "name", required=True)
    valid_from = _date(row, where, "validFrom", required=date is None)
    start_unknown = valid_from is None
    valid_from = valid_from or date
    valid_to = _date(row, where, "validTo", required=False)
    if valid_to is not None and valid_to <= valid_from:
        raise _fail(
            where, "validTo", _("must be after validFrom (%(date)s)") % {"date": valid_from}
        )
    parent_code = _code(row, where, "parentCode", required=False)
    if parent_code is not None and (len(code) != 4 or len(parent_code) != 2):
        raise _fail(where, "parentCode", _("only a municipality has a county as parent"))
    names = row.get("names") or {}
    if not isinstance(names, dict) or not all(
        lang in NAME_LANGUAGES and isinstance(text, str) and text.strip()
        for lang, text in names.items()
    ):
        raise _fail(
            where,
            "names",
            _("must map language codes (%(languages)s) to names")
            % {"languages": ", ".join(NAME_LANGUAGES)},
        )
    return CodeRow(
        where=where,
        kind=_kind_of(code),
        code=code,
        name=name,
        names={lang: text.strip() for lang, text in names.items()},
        valid_from=valid_from,
        valid_to=valid_to,
        parent_code=parent_code,
        start_unknown=start_unknown,
    )


def _change_row(row: object, where: str) -> ChangeRow:
    if not isinstance(row, dict):
        raise KlassError(f"{where}: " + _("must be an object"))
    old_code = _code(row, where, "oldCode", required=False)
    new_code = _code(row, where, "newCode", required=False)
    if old_code is None and new_code is None:
        raise _fail(where, "oldCode", _("a change needs an oldCode, a newCode or both"))
    if old_code and new_code and len(old_code) != len(new_code):
        raise _fail(where, "newCode", _("a county cannot change into a municipality"))
    territory = []
    for i, item in enumerate(row.get("territoryFrom") or []):
        item_where = f"{where}.territoryFrom[{i}]"
        if not isinstance(item, dict):
            raise KlassError(f"{item_where}: " + _("must be an object"))
        territory.append(
            (
                _code(item, item_where, "code", required=True),
                _date(item, item_where, "validAt", required=True),
            )
        )
    return ChangeRow(
        where=where,
        kind=_kind_of(old_code or new_code),
        date=_date(row, where, "changeOccurred", required=True),
        old_code=old_code,
        new_code=new_code,
        territory_from=tuple(territory),
        source=_text(row, where, "source", required=False) or "",
    )


# Writing ---------------------------------------------------------------------------------


def import_files(
    paths: Iterable[Path | str],
    *,
    date: dt.date | None = None,
    language: str = "nb",
    progress: bool = False,
) -> ImportResult:
    """Import KLASS files in the order given, all or nothing.

    `date` is the date a codes file describes (codesAt's ``date``), used for rows that
    carry no ``validFrom``.
    """
    documents = [(str(path), load_document(Path(path)), date) for path in paths]
    return import_documents(documents, language=language, progress=progress)


def import_documents(
    documents: Iterable[tuple[str, object, dt.date | None]],
    *,
    language: str = "nb",
    progress: bool = False,
) -> ImportResult:
    """Import parsed KLASS answers, each (source name, JSON, the date it describes)."""
    parsed = [parse_document(doc, source, date=date) for source, doc, date in documents]
    result = ImportResult()
    with transaction.atomic():
        for rows in parsed:
            rows = _with_progress(rows, progress)
            if rows and isinstance(rows[0], CodeRow):
                result.add(_import_codes(rows, language))
            elif rows:
                result.add(_import_changes(rows))
        _check_no_overlaps(result.kinds)
    return result


def import_snapshot(progress: bool = False) -> ImportResult:
    """The snapshot the project ships (see data/README.md)."""
    return import_files((SNAPSHOT_DIR / name for name in SNAPSHOT_FILES), progress=progress)


def _with_progress(rows: list, progress: bool) -> list:
    if not progress or len(rows) < 50:
        return rows
    from tqdm import tqdm

    return list(tqdm(rows, unit="rows", leave=False))


def _import_codes(rows: list[CodeRow], language: str) -> ImportResult:
    result = ImportResult()
    seen: dict[tuple[str, str, dt.date], str] = {}
    for row in rows:
        key = (row.kind, row.code, row.valid_from)
        if key in seen:
            raise KlassError(
                f"{row.where}.code: "
                + _("%(code)s from %(date)s is already given at %(other)s")
                % {"code": row.code, "date": row.valid_from, "other": seen[key]}
            )
        seen[key] = row.where
        result.kinds.add(row.kind)
        parent = None
        if row.kind == PlaceKind.MUNICIPALITY:
            parent = _county_for(row)
        versions = Place.objects.filter(kind=row.kind, code=row.code)
        if row.start_unknown:
            existing = versions.valid_on(row.valid_from).first()
        else:
            existing = versions.filter(valid_from=row.valid_from).first()
        names = dict(existing.names) if existing else {}
        names.update(row.names)
        if language != "nb":
            names[language] = row.name
        values = {
            "name": existing.name if existing and language != "nb" else row.name,
            "names": names,
            "valid_to": row.valid_to if row.valid_to or not existing else existing.valid_to,
            "parent": parent,
        }
        if existing is None:
            Place.objects.create(kind=row.kind, code=row.code, valid_from=row.valid_from, **values)
            result.created += 1
        elif any(getattr(existing, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(existing, k, v)
            existing.save()
            result.updated += 1
        else:
            result.unchanged += 1
    return result


def _county_for(row: CodeRow) -> Place:
    county_code = row.parent_code or row.code[:2]
    county = Place.objects.filter(kind=PlaceKind.COUNTY, code=county_code).valid_on(row.valid_from)
    county = county.first()
    if county is None:
        raise _fail(
            row.where,
            "parentCode" if row.parent_code else "code",
            _("no county %(county)s on %(date)s; import the counties (classification 104) first")
            % {"county": county_code, "date": row.valid_from},
        )
    return county


def _version(kind: str, code: str, on: dt.date, where: str, field_name: str) -> Place:
    place = Place.objects.filter(kind=kind, code=code).valid_on(on).first()
    if place is None:
        raise _fail(
            where,
            field_name,
            _("no %(kind)s %(code)s is valid on %(date)s; import its codes first")
            % {"kind": PlaceKind(kind).label, "code": code, "date": on},
        )
    return place


def _import_changes(rows: list[ChangeRow]) -> ImportResult:
    result = ImportResult()
    touched_dates: set[tuple[str, dt.date]] = set()
    for row in rows:
        day_before = row.date - dt.timedelta(days=1)
        old = new = None
        if row.old_code:
            old = _version(row.kind, row.old_code, day_before, row.where, "oldCode")
            if old.valid_to is None:
                # A change proves the old version ended; KLASS's codes may not say so yet.
                old.valid_to = row.date
                old.save(update_fields=["valid_to"])
            elif old.valid_to != row.date:
                raise _fail(
                    row.where,
                    "changeOccurred",
                    _("%(code)s's version ends on %(end)s, not on this change's date")
                    % {"code": row.old_code, "end": old.valid_to},
                )
        if row.new_code:
            new = _version(row.kind, row.new_code, row.date, row.where, "newCode")
            if new.valid_from != row.date:
                raise _fail(
                    row.where,
                    "changeOccurred",
                    _("%(code)s's version starts on %(start)s, not on this change's date")
                    % {"code": row.new_code, "start": new.valid_from},
                )
        territory = [
            _version(row.kind, code, at, row.where, "territoryFrom")
            for code, at in row.territory_from
        ]
        change, created = PlaceChange.objects.get_or_create(
            date=row.date, old=old, new=new, defaults={"kind": ChangeKind.MERGE}
        )
        changed = created
        if change.source != row.source:
            change.source = row.source
            change.save(update_fields=["source"])
            changed = True
        if {p.pk for p in territory} != set(change.territory_from.values_list("pk", flat=True)):
            change.territory_from.set(territory)
            changed = True
        result.created += created
        result.updated += changed and not created
        result.unchanged += not changed
        result.kinds.add(row.kind)
        touched_dates.add((row.kind, row.date))
    for kind, date in touched_dates:
        classify_changes(kind, date)
    return result


def classify_changes(kind: str, date: dt.date) -> None:
    """Name each change of one day from all of that day's rows (see PlaceChange)."""
    changes = list(
        PlaceChange.objects.filter(date=date)
        .filter(Q(old__kind=kind) | Q(new__kind=kind))
        .select_related("old__parent", "new__parent")
    )
    outgoing = defaultdict(int)
    incoming = defaultdict(int)
    for change in changes:
        outgoing[change.old_id] += 1
        incoming[change.new_id] += 1
    for change in changes:
        old, new = change.old, change.new
        if old is None:
            kind_ = ChangeKind.CREATED
        elif new is None:
            kind_ = ChangeKind.CEASED
        elif outgoing[old.pk] > 1:
            kind_ = ChangeKind.SPLIT
        elif incoming[new.pk] > 1:
            kind_ = ChangeKind.MERGE
        elif old.parent_id and new.parent_id and old.parent.code != new.parent.code:
            # Moved to another county: a transfer if the old county lives on, else the
            # renumbering that follows its county's merger (Hemne 1612 -> 5011 in 2018).
            county_lives_on = old.parent.valid_to is None or old.parent.valid_to > date
            kind_ = ChangeKind.TRANSFER if county_lives_on else ChangeKind.RENUMBER
        elif old.code != new.code:
            kind_ = ChangeKind.RENUMBER
        else:
            kind_ = ChangeKind.RENAME
        if change.kind != kind_:
            change.kind = kind_
            change.save(update_fields=["kind"])


def _check_no_overlaps(kinds: Iterable[str]) -> None:
    previous = None
    for place in Place.objects.filter(kind__in=list(kinds)).order_by("kind", "code", "valid_from"):
        if (
            previous is not None
            and (previous.kind, previous.code) == (place.kind, place.code)
            and (previous.valid_to is None or previous.valid_to > place.valid_from)
        ):
            raise KlassError(
                _("%(code)s: the version from %(first)s overlaps the one from %(second)s")
                % {"code": place.code, "first": previous.valid_from, "second": place.valid_from}
            )
        previous = place


# Fetching --------------------------------------------------------------------------------


def fetch_and_import(
    kind: str,
    start: dt.date,
    end: dt.date,
    *,
    base_url: str = KLASS_API,
    progress: bool = False,
) -> ImportResult:
    """Read `kind` from start to end from the KLASS API and import it like files.

    The codes valid on `start`, the changes up to `end`, then the codes valid on each
    change's date (the new versions the changes point to), all in one transaction.
    """
    root = f"{base_url.rstrip('/')}/classifications/{CLASSIFICATIONS[kind]}"

    def codes_at(day: dt.date) -> tuple[str, object, dt.date]:
        url = f"{root}/codesAt?{urllib.parse.urlencode({'date': day.isoformat()})}"
        return url, fetch_document(url), day

    query = urllib.parse.urlencode({"from": start.isoformat(), "to": end.isoformat()})
    changes_url = f"{root}/changes?{query}"
    changes = fetch_document(changes_url)
    change_rows = parse_document(changes, changes_url)
    days = sorted({row.date for row in change_rows if isinstance(row, ChangeRow)})
    documents = [codes_at(start), *(codes_at(day) for day in days), (changes_url, changes, None)]
    return import_documents(documents, progress=progress)


def fetch_document(url: str, timeout: float = 30) -> object:
    """One KLASS answer as JSON (production use; tests point this at a local server)."""
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return json.loads(response.read().decode("utf-8"))
    except (OSError, ValueError) as error:
        raise KlassError(
            _("%(url)s: could not be read (%(error)s)") % {"url": url, "error": error}
        ) from None
