import pytest

from byregion.demo import registrations as demo
from byregion.registrations.models import Registration, Status

from .conftest import make_gathering


@pytest.mark.django_db
def test_demo_registers_generated_people_on_generated_gatherings_only(roles, regions):
    generated = make_gathering(capacity=20, title="Generert eksempelsamling", days_ahead=-400)
    real = make_gathering(capacity=20, title="Byregionsamling")
    assert demo.load(count=25) == 25
    assert demo.load(count=25) == 0  # idempotent
    people = Registration.objects.filter(gathering=generated)
    assert not Registration.objects.filter(gathering=real).exists()
    assert all(p.name.startswith("Generert deltakar ") for p in people)
    assert all(p.email.endswith("@example.invalid") for p in people)
    assert people.filter(status=Status.CONFIRMED).count() == 20
    assert people.filter(status=Status.WAITLISTED).count() == 5
    assert people.filter(checked_in_at__isnull=False).count() == 18  # 9 in 10 of the 20
    assert set(people.values_list("region__name", flat=True)) == {r.name for r in regions.values()}
