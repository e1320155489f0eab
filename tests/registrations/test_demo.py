import time

import pytest

from byregion.demo import registrations as demo
from byregion.registrations.models import Registration, SessionChoice, Status

from .conftest import make_gathering, make_session


@pytest.mark.django_db
def test_demo_registers_generated_people_on_the_named_gathering_only(roles, regions, places):
    target = make_gathering(capacity=20, title="Byregionsamling", slug="mal", days_ahead=-400)
    other = make_gathering(capacity=20, title="Generert eksempelsamling")
    plenary = make_session(target, "Plenum", hour=9)
    workshops = [
        make_session(target, f"Verkstad {n}", hour=11, format="workshop") for n in (1, 2, 3)
    ]
    make_session(target, "Kaffi", hour=10, format="break")
    assert demo.load(count=25, slug="mal") == 25
    assert demo.load(count=25, slug="mal") == 0  # idempotent
    assert demo.load(count=25, slug="finst-ikkje") == 0
    people = Registration.objects.filter(gathering=target)
    assert not Registration.objects.filter(gathering=other).exists()
    assert [p.name for p in people[:2]] == ["Deltakar 001", "Deltakar 002"]
    assert all(p.email.endswith("@example.invalid") for p in people)
    assert people.filter(status=Status.CONFIRMED).count() == 20
    assert people.filter(status=Status.WAITLISTED).count() == 5
    assert not people.filter(checked_in_at__isnull=False).exists()  # attendance not recorded
    # Those on the public list (every fourth) have confirmed their generated address.
    listed = people.filter(public_consent=True)
    assert listed.count() == 6 and not listed.filter(email_confirmed_at=None).exists()
    assert not people.filter(public_consent=False, email_confirmed_at__isnull=False).exists()
    assert len({p.role_id for p in people}) == len(roles)
    # Everyone picks the plenary and one workshop, never a break; workshops spread evenly.
    choices = SessionChoice.objects.filter(registration__in=people)
    assert choices.filter(session=plenary).count() == 25
    assert sorted(choices.filter(session__in=workshops).values_list("session", flat=True)) == (
        sorted([w.pk for w in workshops] * 8 + [workshops[25 % 3].pk])
    )
    assert not choices.filter(session__format="break").exists()


@pytest.mark.django_db
def test_demo_alesund_is_full_with_230_spread_from_kristiansand_to_tromso():
    """The real demo: 230 generated people for Ålesund's 230 seats, home places from
    Kristiansand to Tromsø, only real regions, and how long loading takes."""
    from importlib import import_module

    from django.apps import apps

    from byregion.demo.content import load_all
    from byregion.demo.gatherings import ALESUND_SLUG
    from byregion.gatherings.models import GatheringPage
    from byregion.registrations.models import RoleCategory
    from byregion.registrations.statistics import gathering_statistics

    if not RoleCategory.objects.exists():
        import_module("byregion.registrations.migrations.0002_seed_role_categories").seed(
            apps, None
        )
    load_all()
    alesund = GatheringPage.objects.get(slug=ALESUND_SLUG)
    people = Registration.objects.filter(gathering=alesund)
    assert people.count() == 230 and people.filter(status=Status.CONFIRMED).count() == 230
    assert alesund.capacity == 230 and alesund.registrations_are_generated
    assert set(people.exclude(region=None).values_list("region__slug", flat=True)) == {
        "alesundregionen",
        "kristiansundregionen",
        "molderegionen",
    }
    # A member's home region is the region it belonged to; nobody else gets one.
    for person in people.select_related("region", "municipality"):
        if person.region:
            assert person.region.memberships.filter(municipality=person.municipality).exists()
    stats = gathering_statistics(alesund)
    assert stats.southernmost.name == "Kristiansand"
    assert stats.northernmost.name == "Tromsø"

    started = time.perf_counter()
    assert demo.load() == 0  # a second run adds nobody, and is quick
    assert time.perf_counter() - started < 1


@pytest.mark.django_db
def test_the_demo_evaluations_are_generated_and_marked(roles, regions, places):
    from byregion.registrations import evaluation
    from byregion.registrations.models import EvaluationResponse

    alesund = make_gathering(capacity=20, slug=demo.ALESUND_SLUG, days_ahead=-400)
    make_session(alesund, "Plenum", hour=9)
    haugesund = make_gathering(
        capacity=20, slug="byregionsamling-i-haugesund-2017", days_ahead=-200
    )
    assert demo.evaluations() == 64 + 41
    assert demo.evaluations() == 0  # idempotent
    assert not EvaluationResponse.objects.filter(is_generated=False).exists()
    result = evaluation.results(alesund)
    assert result.generated and result.responses == 64
    assert all(c.startswith("Generert demosvar") for c in result.comments)
    assert evaluation.results(haugesund).generated
