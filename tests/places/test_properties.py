"""Property: mapping a code forwards and then back always finds where it started."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from byregion.places.klass import import_snapshot
from byregion.places.models import Place
from byregion.places.timeline import Timeline

FIRST, LAST = dt.date(2017, 1, 1), dt.date(2025, 12, 31)
dates = st.dates(min_value=FIRST, max_value=LAST)


@pytest.fixture(scope="module")
def timelines_by_kind(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        # Build once, read in memory, roll back so other modules see an empty database.
        with transaction.atomic():
            import_snapshot()
            result = {
                kind: (Timeline.load(kind), list(Place.objects.filter(kind=kind)))
                for kind in ("municipality", "county")
            }
            transaction.set_rollback(True)
    return result


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), kind=st.sampled_from(["municipality", "county"]))
def test_forwards_then_backwards_contains_the_start(timelines_by_kind, data, kind):
    graph, places = timelines_by_kind[kind]
    start = data.draw(st.sampled_from(places))
    at = data.draw(
        st.dates(min_value=start.valid_from, max_value=(start.valid_to or LAST) - dt.timedelta(1))
    )
    to = data.draw(dates)
    for there in graph.map(start.code, at, to, kind):
        assert there.is_valid_on(to)
        assert start in graph.map(there.code, to, at, kind), (start, at, to, there)
