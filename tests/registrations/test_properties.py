"""Whatever participants and organisers do, in any order, the seat rules hold."""

import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from byregion.registrations import services
from byregion.registrations.models import Registration, SessionChoice, Status

from .conftest import make_gathering, make_session

operation = st.one_of(
    st.tuples(st.just("register"), st.lists(st.sampled_from([0, 1]), unique=True)),
    st.tuples(st.just("cancel"), st.integers(min_value=0, max_value=30)),
    st.tuples(
        st.just("change"), st.integers(0, 30), st.lists(st.sampled_from([0, 1]), unique=True)
    ),
)


def check_invariants(gathering, sessions):
    people = Registration.objects.filter(gathering=gathering)
    confirmed = people.filter(status=Status.CONFIRMED).count()
    waiting = people.filter(status=Status.WAITLISTED).count()
    assert confirmed <= gathering.capacity
    assert waiting == 0 or confirmed == gathering.capacity  # no seat left empty
    for session in sessions:
        if session.capacity is None:
            assert (
                not SessionChoice.objects.filter(session=session, status=Status.WAITLISTED)
                .filter(registration__status=Status.CONFIRMED)
                .exists()
            )
            continue
        seated = SessionChoice.objects.filter(session=session, status=Status.CONFIRMED)
        assert seated.count() <= session.capacity
        assert not seated.exclude(registration__status=Status.CONFIRMED).exists()
        queued = SessionChoice.objects.filter(
            session=session, status=Status.WAITLISTED, registration__status=Status.CONFIRMED
        )
        assert not queued.exists() or seated.count() == session.capacity


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    capacity=st.integers(0, 4),
    workshop=st.integers(0, 2),
    operations=st.lists(operation, max_size=14),
)
def test_seat_rules_hold_under_any_sequence(applicant, capacity, workshop, operations):
    gathering = make_gathering(capacity=capacity)
    sessions = [
        make_session(gathering, "Verkstad", capacity=workshop),
        make_session(gathering, "Plenum", hour=9),
    ]
    made = []
    for op in operations:
        if op[0] == "register":
            made.append(
                services.register(
                    gathering,
                    applicant(sessions=[sessions[i] for i in op[1]]),
                    idempotency_key=uuid.uuid4(),
                    notify=False,
                )
            )
        elif made and op[0] == "cancel":
            services.cancel(made[op[1] % len(made)], notify=False)
        elif made and op[0] == "change":
            person = Registration.objects.get(pk=made[op[1] % len(made)].pk)
            if person.status != Status.CANCELLED:
                services.update(person, {"sessions": [sessions[i] for i in op[2]]}, notify=False)
        check_invariants(gathering, sessions)
