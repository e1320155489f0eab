"""The rules of seats: capacity, waitlist order, promotion, sessions, idempotency, windows."""

import datetime as dt
import uuid

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from byregion.gatherings.models import GatheringStatus
from byregion.registrations import audit, checkin, privacy, services
from byregion.registrations.models import Registration, SessionChoice, Status

from .conftest import key, make_gathering, make_session

pytestmark = pytest.mark.django_db(transaction=False)


def register(gathering, data):
    return services.register(gathering, data, idempotency_key=key())


def test_confirms_while_seats_last_then_waitlists_in_order(
    gathering, applicant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        people = [register(gathering, applicant()) for _ in range(7)]
    assert [p.status for p in people] == [Status.CONFIRMED] * 5 + [Status.WAITLISTED] * 2
    assert all(p.confirmed_at for p in people[:5]) and not people[5].confirmed_at
    # One e-mail each: five confirmations, two waitlist notices.
    subjects = [m.subject for m in mail.outbox]
    assert len(subjects) == 7
    assert subjects[0].startswith("Påmelding bekreftet") and subjects[6].startswith("På venteliste")


def test_cancellation_promotes_the_first_in_line_and_emails_them(
    gathering, applicant, django_capture_on_commit_callbacks
):
    people = [register(gathering, applicant()) for _ in range(7)]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel(people[2])
    assert [p.pk for p in promoted] == [people[5].pk]
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses[people[2].pk] == Status.CANCELLED
    assert statuses[people[5].pk] == Status.CONFIRMED
    assert statuses[people[6].pk] == Status.WAITLISTED
    assert {m.to[0] for m in mail.outbox} == {people[2].email, people[5].email}
    promotion = next(m for m in mail.outbox if m.to == [people[5].email])
    assert "plass" in promotion.subject.lower()
    # Cancelling twice changes nothing and promotes nobody more.
    assert services.cancel(people[2]) == []


def test_no_capacity_means_no_limit(applicant):
    gathering = make_gathering(capacity=None)
    assert {register(gathering, applicant()).status for _ in range(20)} == {Status.CONFIRMED}


def test_same_form_key_twice_makes_one_registration(gathering, applicant):
    form_key = uuid.uuid4()
    data = applicant()
    first = services.register(gathering, data, idempotency_key=form_key)
    second = services.register(gathering, data, idempotency_key=str(form_key))
    assert first.pk == second.pk
    assert Registration.objects.count() == 1


def test_a_form_key_returns_its_registration_only_to_the_same_gathering_and_address(
    gathering, applicant
):
    form_key = uuid.uuid4()
    data = applicant()
    first = services.register(gathering, data, idempotency_key=form_key)
    same = {**data, "email": "  " + data["email"].upper() + " "}
    assert services.register(gathering, same, idempotency_key=form_key).pk == first.pk
    other = make_gathering(capacity=5)
    for target, fields in ((gathering, {"email": "noen.andre@example.invalid"}), (other, {})):
        with pytest.raises(ValidationError) as refused:
            services.register(target, {**data, **fields}, idempotency_key=form_key)
        assert refused.value.code == "key_used"
    assert Registration.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": GatheringStatus.CLOSED}, "Påmeldingen er stengt."),
        ({"status": GatheringStatus.CANCELLED}, "Samlingen er avlyst."),
        ({"status": GatheringStatus.PLANNED}, "Påmeldingen har ikke åpnet ennå."),
        (
            {"registration_closes": timezone.now() - dt.timedelta(minutes=1)},
            "Påmeldingsfristen er ute.",
        ),
        (
            {"registration_opens": timezone.now() + dt.timedelta(days=1)},
            "Påmeldingen har ikke åpnet ennå.",
        ),
    ],
)
def test_closed_registration_is_refused_with_a_reason(applicant, fields, message):
    gathering = make_gathering(**fields)
    with pytest.raises(ValidationError) as error:
        register(gathering, applicant())
    assert error.value.messages == [message]
    assert not Registration.objects.exists()


def test_organisers_may_add_after_the_deadline(applicant):
    gathering = make_gathering(registration_closes=timezone.now() - dt.timedelta(days=1))
    registration = services.register(
        gathering, applicant(), idempotency_key=key(), by_organiser=True
    )
    assert registration.status == Status.CONFIRMED


def test_a_session_of_another_gathering_is_refused_and_nothing_is_written(gathering, applicant):
    other = make_session(make_gathering(), "Annen samlings verkstad")
    with pytest.raises(ValidationError) as error:
        register(gathering, applicant(sessions=[other]))
    assert "sessions" in error.value.message_dict
    assert not Registration.objects.exists()


def test_limited_sessions_fill_and_promote_their_own_waitlist(applicant):
    gathering = make_gathering(capacity=10)
    workshop = make_session(gathering, "Verkstad", capacity=2)
    plenary = make_session(gathering, "Plenum", hour=9)
    people = [register(gathering, applicant(sessions=[workshop, plenary])) for _ in range(3)]
    statuses = lambda: list(  # noqa: E731
        SessionChoice.objects.filter(session=workshop)
        .order_by("registration__created", "registration_id")
        .values_list("status", flat=True)
    )
    assert statuses() == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]
    assert SessionChoice.objects.filter(session=plenary, status=Status.CONFIRMED).count() == 3
    # The first drops the workshop: the third gets the seat.
    services.update(people[0], {"sessions": [plenary]})
    assert statuses() == [Status.CONFIRMED, Status.CONFIRMED]
    assert SessionChoice.objects.get(registration=people[2], session=workshop).status == (
        Status.CONFIRMED
    )


def test_waitlisted_people_hold_no_session_seats_until_promoted(applicant):
    gathering = make_gathering(capacity=1)
    workshop = make_session(gathering, "Verkstad", capacity=1)
    first = register(gathering, applicant(sessions=[workshop]))
    second = register(gathering, applicant(sessions=[workshop]))
    assert second.status == Status.WAITLISTED
    services.cancel(first)
    assert SessionChoice.objects.get(registration=second).status == Status.CONFIRMED


def test_organiser_moves_a_person_from_the_waitlist_beyond_capacity(applicant):
    gathering = make_gathering(capacity=1)
    register(gathering, applicant())
    waiting = register(gathering, applicant())
    services.move_from_waitlist(waiting, actor=audit.SYSTEM)
    assert Registration.objects.filter(status=Status.CONFIRMED).count() == 2
    with pytest.raises(ValidationError):
        services.move_from_waitlist(waiting, actor=audit.SYSTEM)


def test_raising_capacity_and_promoting_fills_the_new_seats_in_order(applicant):
    gathering = make_gathering(capacity=1)
    people = [register(gathering, applicant()) for _ in range(4)]
    gathering.capacity = 3
    gathering.save()
    promoted = services.promote_waitlist(gathering, actor=audit.SYSTEM)
    assert [p.pk for p in promoted] == [people[1].pk, people[2].pk]


def test_check_in_by_code_or_registration(gathering, applicant):
    person = register(gathering, applicant())
    code = person.check_in_code
    spaced = f" {code[:5].lower()}-{code[5:]} "
    assert checkin.check_in(gathering, spaced, actor=audit.SYSTEM).checked_in_at is not None
    first = Registration.objects.get(pk=person.pk).checked_in_at
    checkin.check_in(
        gathering, person, actor=audit.SYSTEM
    )  # twice is harmless; the first time is kept
    assert Registration.objects.get(pk=person.pk).checked_in_at == first
    with pytest.raises(checkin.CheckInError):
        checkin.check_in(gathering, "NOSUCHCODE", actor=audit.SYSTEM)
    with pytest.raises(checkin.CheckInError):
        checkin.check_in(make_gathering(), code, actor=audit.SYSTEM)  # another gathering's code


def test_waitlisted_cannot_check_in(applicant):
    gathering = make_gathering(capacity=0)
    person = register(gathering, applicant())
    with pytest.raises(checkin.CheckInError):
        checkin.check_in(gathering, person.check_in_code, actor=audit.SYSTEM)


def test_anonymise_keeps_what_statistics_count_and_frees_the_seat(gathering, applicant, places):
    people = [register(gathering, applicant(municipality=places["alesund"])) for _ in range(6)]
    privacy.anonymise(people[0], actor=audit.SYSTEM)
    erased = Registration.objects.get(pk=people[0].pk)
    assert erased.name == "" and "deltakar" not in erased.email and erased.anonymised_at
    assert erased.region_id and erased.role_id and erased.municipality_id
    assert erased.status == Status.CANCELLED
    assert Registration.objects.get(pk=people[5].pk).status == Status.CONFIRMED


def test_personal_data_holds_everything_about_the_person(gathering, applicant):
    workshop = make_session(gathering, "Verkstad")
    person = register(
        gathering, applicant(sessions=[workshop], dietary=["vegan"], phone="+47 400 00 000")
    )
    data = privacy.personal_data(person, actor=audit.PARTICIPANT)
    assert data["name"] == person.name and data["phone"] == "+47 400 00 000"
    assert data["sessions"][0]["title"] == "Verkstad" and data["dietary"] == ["vegan"]


def test_promoted_person_gets_their_unlimited_sessions_too(applicant):
    gathering = make_gathering(capacity=1)
    plenary = make_session(gathering, "Plenum")
    first = register(gathering, applicant())
    second = register(gathering, applicant(sessions=[plenary]))
    assert SessionChoice.objects.get(registration=second).status == Status.WAITLISTED
    services.cancel(first)
    assert SessionChoice.objects.get(registration=second).status == Status.CONFIRMED
