"""What people fail to find (search/stats.py): counts per day, the queries that found
nothing, nothing about who searched, pruned after the retention period, and the editors'
report in the admin."""

import datetime as dt

import pytest

from byregion.search import stats
from byregion.search.models import SearchDay, ZeroHitQuery

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 12, 6)


def test_searches_are_counted_per_day_and_only_failed_queries_are_kept():
    stats.record("Byregion", found=True, today=DAY)
    stats.record("  Fjellheis  Nord ", found=False, today=DAY)
    stats.record("fjellheis nord", found=False, today=DAY)
    day = SearchDay.objects.get(day=DAY)
    assert (day.queries, day.zero_hits) == (3, 2)
    assert list(ZeroHitQuery.objects.values_list("query", "count")) == [("fjellheis nord", 2)]


def test_the_tables_hold_no_personal_data():
    fields = {f.name for model in (SearchDay, ZeroHitQuery) for f in model._meta.fields}
    assert fields == {"id", "day", "queries", "zero_hits", "query", "count"}


def test_days_past_the_retention_period_are_pruned_on_a_new_days_first_search(settings):
    settings.BYREGION_SEARCH_STATS_DAYS = 30
    old = DAY - dt.timedelta(days=31)
    stats.record("gammalt", found=False, today=old)
    stats.record("nyare", found=False, today=DAY - dt.timedelta(days=30))
    stats.record("i dag", found=True, today=DAY)
    assert sorted(SearchDay.objects.values_list("day", flat=True)) == [
        DAY - dt.timedelta(days=30),
        DAY,
    ]
    assert list(ZeroHitQuery.objects.values_list("query", flat=True)) == ["nyare"]


def test_the_search_page_records_a_search_that_found_nothing_and_does_not_cache_it(client):
    response = client.get("/sok/?q=xyzzyq")
    assert "no-store" in response["Cache-Control"]
    assert ZeroHitQuery.objects.get().query == "xyzzyq"
    client.get("/sok/?q=xyzzyq&page=2")  # later pages are not searches of their own
    assert SearchDay.objects.get().queries == 1


def test_editors_see_the_report_in_the_admin(admin_client):
    today = dt.date.today()
    stats.record("fjellheis", found=False, today=today)
    stats.record("fjellheis", found=False, today=today)
    stats.record("byregion", found=True, today=today)
    page = admin_client.get("/admin/sok/ingen-treff/").content.decode()
    assert "fjellheis" in page and "byregion" not in page.split("<h2>")[1]
    assert "<td>2</td>" in page


def test_the_report_is_not_for_visitors(client):
    response = client.get("/admin/sok/ingen-treff/")
    assert response.status_code == 302
