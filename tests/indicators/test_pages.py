"""A region's numbers: its page, the summary on the region page, CSV, budgets, languages."""

import csv
import io
import json
import re

import pytest

PAGE = "/regioner/alesundregionen/tal/"


def main_text(response) -> str:
    body = response.content.decode()
    main = re.search(r"(?s)<main.*?</main>", body).group(0)
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def test_the_numbers_page_shows_centre_against_surroundings(client, figures):
    text = main_text(client.get(PAGE))
    assert "Ålesundregionen i tall" in text
    # 2014 and 2024, as the members of 31 December 2018 were in those years' codes.
    assert re.search(r"2014 45\s747 33\s447 79\s194", text)
    assert re.search(r"2024 \* 58\s509 27\s768 86\s277", text)
    assert re.search(r"2017 5\s528 34,8 % 1\s941 6\s099", text)
    assert re.search(r"2022 \* 4\s232 49,4 %", text)
    assert "Kilde: Statistisk sentralbyrå, tabell 07459" in text
    assert "Kilde: Statistisk sentralbyrå, tabell 03321" in text
    assert "Ingen pendlingstall for 2014\u20132016, 2023\u20132024." in text


def test_the_page_speaks_nynorsk_and_english(client, figures):
    assert "Ålesundregionen i tal" in main_text(client.get("/nn" + PAGE))
    english = main_text(client.get("/en" + PAGE))
    assert "Ålesundregionen in numbers" in english
    assert "Source: Statistics Norway, table 07459" in english
    assert re.search(r"2014 45,747 33,447", english)


def test_the_region_page_shows_a_summary_linking_to_the_numbers(client, figures):
    response = client.get("/regioner/alesundregionen/")
    text = main_text(response)
    assert "I tall" in text
    assert re.search(r"Folketall i senteret, 2014 45\s747", text)
    assert 'href="/regioner/alesundregionen/tal/?date=2018-12-31"' in response.content.decode()


def test_every_table_downloads_as_csv(client, figures):
    for table in ("population", "growth", "commuting", "flows"):
        response = client.get(f"/en/regioner/alesundregionen/tal/{table}.csv")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[-1][0].startswith("Source: Statistics Norway, table")
    rows = list(csv.reader(io.StringIO(client.get(f"/en{PAGE}population.csv").content.decode())))
    assert rows[1][:4] == ["2014", "45747", "33447", "79194"]
    flows = client.get(f"/en{PAGE}flows.csv?year=2019").content.decode()
    sula = next(r for r in csv.reader(io.StringIO(flows)) if r[0] == "Sula (1531)")
    header = next(csv.reader(io.StringIO(flows)))
    assert sula[header.index("Ålesund (1504)")] == "2039"
    assert client.get(f"{PAGE}other.csv").status_code == 404


def test_a_bad_date_is_refused_in_words_and_the_default_is_shown(client, figures):
    text = main_text(client.get(PAGE + "?date=2018-13-01"))
    assert "2018-13-01" in text
    assert re.search(r"2014 45\s747", text)


def test_an_unknown_region_is_404(client, figures):
    assert client.get("/regioner/ingen/tal/").status_code == 404


def test_the_numbers_page_renders_in_five_queries(
    client, figures, uncached, django_assert_max_num_queries
):
    client.get(PAGE)  # the site's chrome and the places timeline are kept after the first
    with django_assert_max_num_queries(5):
        response = client.get(PAGE + "?year=2019")
    assert response.status_code == 200


@pytest.mark.parametrize("slug", ["molderegionen", "kristiansundregionen"])
def test_every_region_has_its_numbers(client, figures, slug):
    assert "Kilde: Statistisk sentralbyrå, tabell 07459" in main_text(
        client.get(f"/regioner/{slug}/tal/")
    )


def test_the_regions_side_by_side_for_a_chosen_year(client, figures):
    page = "/regioner/programmer/byregionprogrammet/tal/"
    text = main_text(client.get(page + "?year=2015"))
    assert "Byregionprogrammet: regionene i tall" in text
    assert re.search(r"Molderegionen 26\s392 35\s912 62\s304", text)
    # no commuting figures for 2015
    dash = "\u2013"
    assert re.search(
        rf"Ålesundregionen 46\s316 33\s920 80\s236 1,3 % \(2014\) {dash} {dash} {dash}", text
    )
    text = main_text(client.get("/en" + page))  # default: the last year with commuting
    assert re.search(r"Ålesundregionen \* 67,114 18,144 85,258 .* 49\.4 %", text)
    rows = list(
        csv.reader(io.StringIO(client.get(f"/en{page}regioner.csv?year=2015").content.decode()))
    )
    assert rows[2][:5] == ["Molderegionen", "2015", "26392", "35912", "62304"]
    assert client.get("/regioner/programmer/ingen/tal/").status_code == 404


def test_the_numbers_page_describes_itself_as_a_dataset(client, figures):
    body = client.get("/en" + PAGE).content.decode()
    data = json.loads(
        re.search(r'(?s)<script type="application/ld\+json">(.*?)</script>', body).group(1)
    )
    assert data["@type"] == "Dataset"
    assert data["creator"]["name"] == "Statistisk sentralbyrå"
    assert data["temporalCoverage"] == "2014/2024"
    assert len(data["distribution"]) == 4
    assert data["distribution"][0]["contentUrl"].endswith(
        "/regioner/alesundregionen/tal/population.csv"
    )


def test_the_sitemap_lists_the_numbers_pages(client, figures):
    """Every region in a programme has its numbers page, and every programme with regions
    its side-by-side page; search engines learn of them from sitemap.xml."""
    from byregion.networks.models import Programme, ProgrammeRegion, Region
    from tests.pages import sitemap_files

    listed = "".join(client.get(address).content.decode() for address in sitemap_files(client))
    taking_part = Region.objects.filter(pk__in=ProgrammeRegion.objects.values("region")).order_by(
        "slug"
    )
    assert taking_part.exists()
    for region in taking_part:
        assert f"/regioner/{region.slug}/tal/</loc>" in listed
    for region in Region.objects.exclude(pk__in=taking_part.values("pk")):
        assert f"/regioner/{region.slug}/tal/</loc>" not in listed
    for programme in Programme.objects.all():
        address = f"/regioner/programmer/{programme.slug}/tal/</loc>"
        has_regions = ProgrammeRegion.objects.filter(programme=programme).exists()
        assert (address in listed) is has_regions
    assert "/regioner/programmer/byregionprogrammet/tal/</loc>" in listed
