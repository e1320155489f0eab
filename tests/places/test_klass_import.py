import datetime as dt
import http.server
import json
import threading
import urllib.parse
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from byregion.places.klass import (
    SNAPSHOT_DIR,
    KlassError,
    fetch_and_import,
    import_files,
    import_snapshot,
)
from byregion.places.models import Place, PlaceChange

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def write(tmp_path: Path, name: str, document) -> Path:
    path = tmp_path / name
    text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def code(code, name, valid_from="2020-01-01", valid_to=None, **extra):
    return {"code": code, "parentCode": None, "level": "1", "name": name, "shortName": "",
            "presentationName": "", "validFrom": valid_from, "validTo": valid_to, "notes": "",
            **extra}  # fmt: skip


def change(old, new, date="2020-01-01"):
    return {"oldCode": old, "oldName": "", "oldShortName": "", "newCode": new, "newName": "",
            "newShortName": "", "changeOccurred": date}  # fmt: skip


@pytest.fixture
def county_file(tmp_path):
    return write(
        tmp_path, "counties.json", {"codes": [code("15", "Møre og Romsdal", "2017-01-01")]}
    )


def test_snapshot_import_is_idempotent():
    first = import_snapshot()
    counts = (Place.objects.count(), PlaceChange.objects.count())
    second = import_snapshot()
    assert first.created == counts[0] + counts[1]
    assert (second.created, second.updated) == (0, 0)
    assert second.unchanged == first.created
    assert (Place.objects.count(), PlaceChange.objects.count()) == counts


def test_snapshot_files_are_valid_klass_shapes():
    for name in ("counties.json", "municipalities.json"):
        rows = json.loads((SNAPSHOT_DIR / name).read_text(encoding="utf-8"))["codes"]
        assert {"code", "parentCode", "level", "name", "validFrom", "validTo"} <= set(rows[0])
    for name in ("county-changes.json", "municipality-changes.json"):
        rows = json.loads((SNAPSHOT_DIR / name).read_text(encoding="utf-8"))["codeChanges"]
        assert {"oldCode", "newCode", "oldName", "newName", "changeOccurred"} <= set(rows[0])


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("{not json", "not valid JSON (line 1, column 2"),
        ({"something": []}, "neither a KLASS codes document nor a KLASS changes document"),
        ({"codes": [code("1507", "Ålesund"), {"code": "1508"}]}, "codes[1].name: missing"),
        ({"codes": [code("15O7", "Ålesund")]}, "codes[0].code: '15O7' is not a county"),
        ({"codes": [code("1507", "Ålesund", "2020-02-30")]}, "codes[0].validFrom: '2020-02-30'"),
        ({"codes": [code("1507", "Å", "2020-01-01", "2019-01-01")]}, "codes[0].validTo: must be"),
        ({"codes": [code("9907", "Nowhere")]}, "codes[0].code: no county 99 on 2020-01-01"),
        ({"codes": [code("1507", "Å"), code("1507", "Å")]}, "codes[1].code: 1507 from 2020-01-01"),
        ({"codeChanges": [change(None, None)]}, "codeChanges[0].oldCode: a change needs"),
        ({"codeChanges": [change("1504", "1507")]}, "codeChanges[0].oldCode: no municipality 1504"),
        ({"codeChanges": [change("1504", "1507", "1.1.2020")]}, "changeOccurred: '1.1.2020'"),
    ],
)
def test_bad_files_are_refused_with_one_line_naming_file_record_and_field(
    tmp_path, county_file, document, message
):
    path = write(tmp_path, "bad.json", document)
    with pytest.raises(KlassError) as error:
        import_files([county_file, path])
    assert message in str(error.value)
    assert str(path) in str(error.value)
    assert "\n" not in str(error.value)
    assert not Place.objects.exists(), "nothing may be written when a file is refused"


def test_a_refused_second_file_leaves_earlier_data_whole(tmp_path):
    import_snapshot()
    before = list(Place.objects.values_list("pk", "name", "valid_to").order_by("pk"))
    good = write(tmp_path, "good.json", {"codes": [code("1599", "Testby", "2025-01-01")]})
    bad = write(tmp_path, "bad.json", {"codeChanges": [change("1505", "1598", "2025-01-01")]})
    with pytest.raises(KlassError, match="newCode: no municipality 1598"):
        import_files([good, bad])
    assert list(Place.objects.values_list("pk", "name", "valid_to").order_by("pk")) == before


def test_overlapping_versions_are_refused(tmp_path, county_file):
    path = write(
        tmp_path,
        "overlap.json",
        {"codes": [code("1505", "Kristiansund", "2017-01-01"), code("1505", "K", "2018-01-01")]},
    )
    with pytest.raises(KlassError, match="1505: the version from 2017-01-01 overlaps"):
        import_files([county_file, path])


def test_error_messages_follow_the_active_language(tmp_path):
    path = write(tmp_path, "bad.json", {"codes": [{"code": "1507"}]})
    with translation.override("nn"), pytest.raises(KlassError, match="name: manglar"):
        import_files([path])


def test_codes_without_valid_from_take_the_files_date_and_extend_known_versions(
    tmp_path, county_file
):
    import_files([county_file])
    first = write(tmp_path, "a.json", {"codes": [code("1505", "Kristiansund", None)]})
    import_files([first], date=dt.date(2020, 1, 1))
    # The same code asked for on a later date is the same version, not a new one.
    import_files([first], date=dt.date(2024, 1, 1))
    assert Place.objects.filter(code="1505").count() == 1


def test_names_in_another_language_are_added_without_replacing_the_official_name(
    tmp_path, county_file
):
    nb = write(tmp_path, "nb.json", {"codes": [code("1599", "Fjellbygd")]})
    nn = write(tmp_path, "nn.json", {"codes": [code("1599", "Fjellbygda")]})
    import_files([county_file, nb])
    import_files([nn], language="nn")
    place = Place.objects.get(code="1599")
    assert place.name == "Fjellbygd"
    assert place.name_in("nn") == "Fjellbygda"
    assert place.name_in("nb") == "Fjellbygd"


def test_change_kinds_are_classified_from_the_days_rows():
    import_snapshot()

    def kind(old, new):
        return PlaceChange.objects.get(old__code=old, new__code=new).kind

    assert kind("1523", "1507") == "merge"
    assert kind("1507", "1580") == "split"
    assert kind("1567", "5061") == "transfer"
    assert kind("1612", "5011") == "renumber"
    assert kind("1571", "5055") == "merge"
    assert kind("5012", "5059") == "split"


def test_command_prints_a_summary_and_fails_with_one_line(tmp_path, capsys):
    call_command("import_places", "--snapshot")
    assert "162 new" in capsys.readouterr().out
    with pytest.raises(CommandError, match=r"nope.json: no such file"):
        call_command("import_places", str(tmp_path / "nope.json"))
    with pytest.raises(CommandError, match="name one or more files"):
        call_command("import_places")


class FakeKlass(http.server.BaseHTTPRequestHandler):
    """Answers like the KLASS API from documents made here (no outside network)."""

    documents: dict = {}

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        key = (url.path.rsplit("/", 1)[-1], urllib.parse.parse_qs(url.query).get("date", [""])[0])
        body = json.dumps(self.documents.get(key, {"codes": []})).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_fetch_reads_codes_and_changes_from_the_api(tmp_path, county_file):
    import_files([county_file])
    FakeKlass.documents = {
        ("codesAt", "2017-01-01"): {
            "codes": [code("1504", "Ålesund", None), code("1523", "Ørskog", None)]
        },
        ("changes", ""): {"codeChanges": [change("1504", "1507"), change("1523", "1507")]},
        ("codesAt", "2020-01-01"): {"codes": [code("1507", "Ålesund", None)]},
    }
    server = http.server.HTTPServer(("127.0.0.1", 0), FakeKlass)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        fetch_and_import("municipality", dt.date(2017, 1, 1), dt.date(2024, 1, 1), base_url=base)
    finally:
        server.shutdown()
    assert PlaceChange.objects.filter(new__code="1507", kind="merge").count() == 2
    assert Place.objects.get(code="1504").valid_to == dt.date(2020, 1, 1)
    assert Place.objects.get(code="1507").valid_from == dt.date(2020, 1, 1)
