"""`byregion import-statistics`: JSON-stat2 and the shipped CSV, atomic, one-line errors."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from byregion.indicators.models import Indicator, Observation, Source
from byregion.indicators.ssb import (
    MAX_CELLS,
    StatisticsError,
    fetch_and_import,
    import_files,
    import_shipped,
    plan_queries,
)

from . import jsonstat

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_shipped_figures_import_every_row_once_and_again_changes_nothing():
    first = import_shipped()
    assert first.written == 208 + 2127
    assert Observation.objects.filter(indicator=Indicator.POPULATION).count() == 208
    assert Observation.objects.filter(indicator=Indicator.COMMUTERS).count() == 2127
    before = list(Observation.objects.order_by("pk").values_list("code", "to_code", "value"))
    import_shipped()
    assert (
        list(Observation.objects.order_by("pk").values_list("code", "to_code", "value")) == before
    )
    haram = Observation.objects.get(indicator="population", year=2017, code="1534")
    assert haram.value == 9312
    assert haram.source.table == "07459"
    assert "sykdomspulsen-org/spldata" in haram.source.provenance
    assert haram.source.retrieved is None  # not known for the shipped files: never invented
    flow = Observation.objects.get(indicator="commuters", year=2019, code="1531", to_code="1504")
    assert (flow.value, flow.quarter) == (2039, 4)


def test_jsonstat_gives_the_same_figures_as_the_csv(tmp_path):
    population = jsonstat.write(tmp_path / "07459.json", jsonstat.population([2014, 2015]))
    commuting = jsonstat.write(tmp_path / "03321.json", jsonstat.commuting(2019))
    result = import_files([population, commuting])
    assert result.skipped == 2  # the country, without a value, in each year
    from_json = dict(
        ((o.indicator, o.year, o.code, o.to_code), o.value) for o in Observation.objects.all()
    )
    Observation.objects.all().delete()
    import_shipped()
    from_csv = {
        (o.indicator, o.year, o.code, o.to_code): o.value
        for o in Observation.objects.filter(year__in=[2014, 2015, 2019])
        .exclude(indicator="population", year=2019)
        .exclude(indicator="commuters", year__in=[2014, 2015])
    }
    assert from_json == from_csv
    assert len(from_json) == 22 * 2 + 22 * 22


def test_jsonstat_sparse_values_and_quarters(tmp_path):
    document = jsonstat.dataset(
        "03321",
        {
            "Bokommuen": ["1531"],
            "ArbstedKomm": ["1504"],
            "ContentsCode": ["Sysselsatte"],
            "Tid": ["2019K4"],
        },
        {"0": 2039},
    )
    import_files([jsonstat.write(tmp_path / "a.json", document)])
    assert Observation.objects.get().quarter == 4


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update({"class": "collection"}), "a.json: class: not a JSON-stat2 dataset"),
        (
            lambda d: d["extension"]["px"].update({"tableid": "99999"}),
            "a.json: extension.px.tableid: '99999' is not a table",
        ),
        (lambda d: d.update({"size": [23, 1]}), "a.json: id/size: missing or of different lengths"),
        (lambda d: d["value"].pop(), "a.json: value: 22 values for 23 cells"),
        (lambda d: d["value"].__setitem__(3, -5), "a.json: value[3]: value: -5 is not a count"),
        (
            lambda d: d["dimension"]["Tid"]["category"].update({"index": {"2015-01": 0}}),
            "a.json: value[1]: dimension.Tid: '2015-01' is not a year or quarter",
        ),
    ],
)
def test_a_bad_jsonstat_file_says_where_in_one_line_and_writes_nothing(tmp_path, change, message):
    document = jsonstat.population([2015])
    change(document)
    good = jsonstat.write(tmp_path / "good.json", jsonstat.population([2014]))
    bad = jsonstat.write(tmp_path / "a.json", document)
    with pytest.raises(StatisticsError) as raised:
        import_files([good, bad])
    assert str(raised.value).startswith(str(tmp_path / "a.json").rsplit("/", 1)[0])
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)
    assert not Observation.objects.exists() and not Source.objects.exists()


def test_a_bad_csv_row_names_file_line_and_field(tmp_path):
    lines = (jsonstat.DATA_DIR / "population_07459.csv").read_text(encoding="utf-8").splitlines()
    fields = lines[5].split(",")
    lines[5] = ",".join([fields[0], "15x4", *fields[2:]])
    path = tmp_path / "p.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        call_command("import_statistics", str(path))
    assert (
        str(raised.value)
        == f"{path}: line 6: kommunenummer: '15x4' is not a municipality code (4 digits)"
    )
    assert not Observation.objects.exists()


def test_the_command_imports_the_shipped_figures(capsys):
    call_command("import_statistics", "--shipped")
    assert "Imported: 2335 figures" in capsys.readouterr().out


def test_queries_stay_within_ssbs_cell_limit():
    # The national 03321 matrix: about 357 x 357 municipalities a year.
    plan = plan_queries({"Bokommuen": 357, "ArbstedKomm": 357}, [str(y) for y in range(2015, 2025)])
    assert all(len(chunk) * 357 * 357 <= MAX_CELLS for chunk in plan)
    assert [p for chunk in plan for p in chunk] == [str(y) for y in range(2015, 2025)]
    with pytest.raises(StatisticsError):
        plan_queries({"Bokommuen": 1000, "ArbstedKomm": 1000}, ["2022"])


def test_fetch_asks_within_the_limits_and_reads_every_answer_before_writing():
    answers = {"2014": jsonstat.population([2014]), "2015": jsonstat.population([2015])}
    asked, pauses = [], []

    def opener(url):
        asked.append(url)
        if "/metadata" in url:
            meta = jsonstat.population([2014])
            meta["size"][0] = 500_000  # so that each query holds one year only
            return json.dumps(meta).encode()
        year = url.rsplit("%5BTid%5D=", 1)[1]
        return json.dumps(answers[year]).encode()

    result = fetch_and_import("07459", ["2014", "2015"], opener=opener, sleep=pauses.append)
    assert result.written == 44
    assert len(asked) == 3 and all(
        u.startswith("https://data.ssb.no/api/pxwebapi/v2/tables/07459/") for u in asked
    )
    assert pauses == [2.0, 2.0]  # 30 queries a minute
    assert Source.objects.get().retrieved is not None


def test_errors_are_in_the_active_language(tmp_path):
    document = jsonstat.population([2015])
    document["value"].pop()
    with translation.override("nn"), pytest.raises(StatisticsError) as raised:
        import_files([jsonstat.write(tmp_path / "a.json", document)])
    assert str(raised.value).endswith("a.json: value: 22 verdiar for 23 celler")
