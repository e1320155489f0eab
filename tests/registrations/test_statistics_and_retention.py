"""Statistics (one named read function with a query budget) and retention."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from byregion.registrations import audit, checkin, privacy, services
from byregion.registrations.models import Registration, Status
from byregion.registrations.statistics import gathering_statistics

from .conftest import key, make_gathering


@pytest.fixture
def filled(applicant, roles, regions, places):
    """Six registrations for five seats: varied regions, roles and municipalities."""
    gathering = make_gathering(capacity=5)
    spec = [
        ("alesund", "mayor", "alesund"),
        ("alesund", "project leader", "alesund"),
        ("alesund", "project leader", None),
        ("molde", "business", "molde"),
        (None, "research and education", None),
        ("molde", "mayor", "molde"),  # waitlisted
    ]
    people = []
    for region, role, municipality in spec:
        people.append(
            services.register(
                gathering,
                applicant(
                    region=regions[region] if region else None,
                    role=roles[role],
                    municipality=places[municipality] if municipality else None,
                    dietary=["vegan"] if len(people) % 2 else [],
                    accessibility="Rullestol" if len(people) == 0 else "",
                ),
                idempotency_key=key(),
            )
        )
    checkin.check_in(gathering, people[0], actor=audit.SYSTEM)
    checkin.check_in(gathering, people[3], actor=audit.SYSTEM)
    return gathering, people


def as_table(rows):
    return [(r.label, r.registered, r.attended) for r in rows]


def test_statistics_by_region_county_and_role(filled, django_assert_max_num_queries):
    gathering, _ = filled
    with django_assert_max_num_queries(1):
        stats = gathering_statistics(gathering)
    # The public view: every cell here is 1 to 4 people, so "under 5"; so are the waitlist
    # (1) and the attendance (2: 1 + 1 from two hidden cells).
    assert [str(n) for n in (stats.registered, stats.waitlisted, stats.attended)] == [
        "5", "under 5", "under 5",
    ]  # fmt: skip
    assert shown(stats.by_region) == dict.fromkeys(
        ["Molderegionen", "Ålesundsregionen", "Ikke oppgitt"], "under 5"
    )
    assert list(shown(stats.by_region))[-1] == "Ikke oppgitt"
    assert shown(stats.by_county) == {"Møre og Romsdal": "under 5", "Ikke oppgitt": "under 5"}
    assert [r.label for r in stats.by_role] == [
        "prosjektleder", "ordfører", "næringsliv", "forskning og utdanning",
    ]  # fmt: skip
    assert {str(r.registered) for r in stats.by_role} == {"under 5"}
    assert stats.municipalities == ["Molde", "Ålesund"]
    assert stats.dietary == []  # private totals only when asked for
    # The organisers' view: exact.
    stats = gathering_statistics(gathering, private=True)
    assert (stats.registered, stats.waitlisted, stats.attended) == (5, 1, 2)
    assert as_table(stats.by_region) == [
        ("Ålesundsregionen", 3, 1),
        ("Molderegionen", 1, 1),
        ("Ikke oppgitt", 1, 0),
    ]
    assert as_table(stats.by_county) == [("Møre og Romsdal", 3, 2), ("Ikke oppgitt", 2, 0)]
    assert as_table(stats.by_role) == [
        ("prosjektleder", 2, 0),
        ("ordfører", 1, 1),
        ("næringsliv", 1, 1),
        ("forskning og utdanning", 1, 0),
    ]
    assert stats.municipalities == ["Molde", "Ålesund"]


def test_southernmost_and_northernmost_home_municipality(
    filled, applicant, places, django_assert_max_num_queries
):
    """From the administrative centres' latitudes (places/data/municipality-centres.json);
    a municipality with no recorded position is listed as such and never ranked."""
    from byregion.places.models import Place, PlaceKind

    gathering, _ = filled
    with django_assert_max_num_queries(1):
        stats = gathering_statistics(gathering)
    assert stats.southernmost.name == "Ålesund" and stats.northernmost.name == "Molde"
    assert [(h.name, str(h.registered)) for h in stats.homes_by_latitude] == [
        ("Molde", "under 5"),  # the public view
        ("Ålesund", "under 5"),
    ]
    exact = gathering_statistics(gathering, private=True)
    assert [(h.name, h.registered) for h in exact.homes_by_latitude] == [
        ("Molde", 1),
        ("Ålesund", 2),
    ]
    assert stats.southernmost.position.latitude < stats.northernmost.position.latitude
    assert stats.homes_without_position == []

    aukra = Place.objects.create(
        kind=PlaceKind.MUNICIPALITY,
        code="1547",
        name="Aukra",
        valid_from=dt.date(2017, 1, 1),
        valid_to=dt.date(2020, 1, 1),
        parent=places["county"],
    )
    services.register(gathering, applicant(municipality=aukra), idempotency_key=key())
    gathering.capacity = 10
    gathering.save()
    services.promote_waitlist(
        gathering, actor=audit.SYSTEM
    )  # waitlisted people are not counted until confirmed
    stats = gathering_statistics(gathering, private=True)
    assert [h.name for h in stats.homes_without_position] == ["Aukra"]
    assert [(h.name, h.registered) for h in stats.homes_by_latitude] == [
        ("Molde", 2),
        ("Ålesund", 2),
    ]
    assert stats.southernmost.name == "Ålesund"


def test_no_known_position_names_no_extreme(db, applicant):
    from byregion.places.models import Place, PlaceKind

    gathering = make_gathering(capacity=5)
    county = Place.objects.create(
        kind=PlaceKind.COUNTY, code="15", name="Møre og Romsdal", valid_from=dt.date(2017, 1, 1)
    )
    aure = Place.objects.create(
        kind=PlaceKind.MUNICIPALITY, code="1576", name="Aure", valid_from=dt.date(2017, 1, 1),
        parent=county,
    )  # fmt: skip
    services.register(gathering, applicant(municipality=aure), idempotency_key=key())
    stats = gathering_statistics(gathering)
    assert stats.southernmost is None and stats.northernmost is None
    assert [h.name for h in stats.homes_without_position] == ["Aure"]


def test_private_statistics_give_needs_as_totals(filled, django_assert_max_num_queries):
    gathering, _ = filled
    with django_assert_max_num_queries(2):
        stats = gathering_statistics(gathering, private=True)
    assert [(r.label, r.registered) for r in stats.dietary] == [("vegansk", 2)]
    assert stats.accessibility_needs == 1


def test_statistics_query_count_is_flat_as_registrations_grow(filled, applicant):
    gathering, _ = filled
    with CaptureQueriesContext(connection) as few:
        gathering_statistics(gathering, private=True)
    for _ in range(30):
        services.register(gathering, applicant(), idempotency_key=key())
    with CaptureQueriesContext(connection) as many:
        gathering_statistics(gathering, private=True)
    assert len(few) == len(many) == 2


def test_statistics_page_shows_totals_with_svg_charts_and_tables(
    client, filled, django_assert_max_num_queries
):
    gathering, people = filled
    with django_assert_max_num_queries(12):
        response = client.get(reverse("registrations:statistics", args=[gathering.slug]))
    html = response.content.decode()
    assert html.count('<svg role="img"') == 3
    assert html.count("<table") == 4  # three charts' tables and the spread by latitude
    assert "Ålesundsregionen" in html and "Møre og Romsdal" in html
    assert people[0].name not in html and "vegansk" not in html  # totals only, nothing private
    assert "Sørligste hjemkommune" in html and "Nordligste hjemkommune" in html
    assert "62,74° N" in html  # Molde's centre, Norwegian decimal comma


def shown(rows):
    """A public table as the page shows it: a number, "under 5", or "hidden"."""
    return {r.label: str(r.registered) for r in rows}


def test_public_statistics_suppress_counts_under_five(
    client, organiser, applicant, roles, regions, places, django_assert_max_num_queries
):
    """Six from Ålesund and one from Molde: the public view shows "under 5" for Molde, and
    since the total (7) is public, hides Ålesund's 6 too, or 7 - 6 would give Molde's 1.
    The organisers' private view keeps every exact number."""
    gathering = make_gathering(capacity=20)
    people = [
        services.register(
            gathering,
            applicant(
                region=regions[region],
                role=roles[role],
                municipality=places[region],
            ),
            idempotency_key=key(),
        )
        for region, role in [("alesund", "project leader")] * 6 + [("molde", "mayor")]
    ]
    for person in people[:2]:
        checkin.check_in(gathering, person, actor=audit.SYSTEM)
    with django_assert_max_num_queries(1):
        stats = gathering_statistics(gathering)
    assert str(stats.registered) == "7"
    assert shown(stats.by_region) == {"Ålesundsregionen": "skjult", "Molderegionen": "under 5"}
    assert shown(stats.by_role) == {"prosjektleder": "skjult", "ordfører": "under 5"}
    assert shown(stats.by_county) == {"Møre og Romsdal": "7"}
    assert {h.name: str(h.registered) for h in stats.homes_by_latitude} == {
        "Molde": "under 5",
        "Ålesund": "skjult",
    }
    # Two attended, both from Ålesund: per region and in total, under 5.
    assert str(stats.attended) == "under 5"
    assert [str(r.attended) for r in stats.by_region if r.label == "Ålesundsregionen"] == [
        "under 5"
    ]

    private = gathering_statistics(gathering, private=True)
    assert as_table(private.by_region) == [("Ålesundsregionen", 6, 2), ("Molderegionen", 1, 0)]
    assert private.attended == 2 and [h.registered for h in private.homes_by_latitude] == [1, 6]

    page = reverse("registrations:statistics", args=[gathering.slug])
    html = client.get(page).content.decode()
    assert "under 5" in html and "skjult" in html
    assert '<td class="byr-number">6</td>' not in html and ">6</text>" not in html
    with translation.override("en"):
        page = reverse("registrations:statistics", args=[gathering.slug])
    html = client.get(page).content.decode()
    assert "fewer than 5" in html and "hidden" in html
    client.force_login(organiser)
    admin = client.get(reverse("registrations_admin:gathering", args=[gathering.pk]))
    assert '<td class="byr-number">6</td>' in admin.content.decode()  # exact for organisers


def test_purge_erases_needs_after_the_gathering_and_anonymises_after_retention(filled):
    gathering, people = filled
    before = gathering_statistics(gathering)
    # Not yet ended: nothing happens.
    assert privacy.purge(retention_days=30) == {"needs_erased": 0, "anonymised": 0}
    # Ended yesterday: needs go, people stay.
    gathering.start = timezone.now() - dt.timedelta(days=2)
    gathering.end = timezone.now() - dt.timedelta(days=1)
    gathering.save()
    assert privacy.purge(retention_days=30) == {"needs_erased": 6, "anonymised": 0}
    assert not Registration.objects.exclude(dietary=[]).exists()
    assert not Registration.objects.exclude(accessibility="").exists()
    assert Registration.objects.filter(name=people[0].name).exists()
    # Past the retention period: everyone anonymised, statistics unchanged.
    call_command("purge_registrations", "--days", "0", stdout=io.StringIO())
    assert not Registration.objects.filter(anonymised_at__isnull=True).exists()
    assert not Registration.objects.exclude(name="").exists()
    assert Registration.objects.filter(status=Status.CONFIRMED).count() == 5  # held: not cancelled
    after = gathering_statistics(gathering)
    assert as_table(after.by_region) == as_table(before.by_region)
    assert as_table(after.by_role) == as_table(before.by_role)
    assert (after.registered, after.attended) == (before.registered, before.attended)


def test_purge_command_refuses_negative_days(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="negative"):
        call_command("purge_registrations", "--days", "-1")


def test_anonymised_personal_link_is_gone(client, filled):
    _, people = filled
    url = people[1].get_personal_url()
    privacy.anonymise(people[1], actor=audit.SYSTEM)
    assert client.get(url).status_code == 404
