"""One choice per time slot (issue 16, item 1): on the 2027 example gathering, Verkstad A
and Verkstad B both run 12.30-14.00, and a visitor ticked both and was confirmed into both,
holding two limited seats. The seat service now refuses overlapping choices with an error
naming the clash; organisers may override. The form groups the sessions by day and time,
with the seats left in each limited session, in the programme's time format ("10.00")."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse

from byregion.registrations import services
from byregion.registrations.models import Registration, SessionChoice

from .conftest import key, make_gathering, make_session


@pytest.fixture
def workshops(db):
    gathering = make_gathering(capacity=10)
    plenary = make_session(gathering, "Opning", hour=9)
    a = make_session(gathering, "Verkstad A", hour=12, capacity=2)
    b = make_session(gathering, "Verkstad B", hour=12, capacity=2)
    later = make_session(gathering, "Vegen vidare", hour=13)  # right after, not overlapping
    return gathering, plenary, a, b, later


def test_overlapping_sessions_are_refused_naming_the_clash(workshops, applicant):
    gathering, plenary, a, b, later = workshops
    with pytest.raises(ValidationError) as refused:
        services.register(gathering, applicant(sessions=[plenary, a, b]), idempotency_key=key())
    message = " ".join(refused.value.message_dict["sessions"])
    assert "Verkstad A" in message and "Verkstad B" in message
    assert refused.value.error_dict["sessions"][0].code == "session_clash"
    assert not Registration.objects.exists() and not SessionChoice.objects.exists()
    # Back to back is not a clash.
    fine = services.register(
        gathering, applicant(sessions=[plenary, a, later]), idempotency_key=key()
    )
    assert fine.session_choices.count() == 3


def test_changing_to_overlapping_sessions_is_refused_and_nothing_changes(workshops, applicant):
    gathering, _plenary, a, b, _ = workshops
    person = services.register(gathering, applicant(sessions=[a]), idempotency_key=key())
    with pytest.raises(ValidationError):
        services.update(person, {"sessions": [a, b]})
    assert list(person.session_choices.values_list("session_id", flat=True)) == [a.pk]


def test_organisers_may_override(workshops, applicant, organiser):
    gathering, _, a, b, _ = workshops
    person = services.register(
        gathering, applicant(sessions=[a, b]), idempotency_key=key(), by_organiser=True
    )
    assert person.session_choices.count() == 2
    other = services.register(gathering, applicant(), idempotency_key=key())
    services.update(other, {"sessions": [a, b]}, actor=organiser, notify=False)
    assert other.session_choices.count() == 2


def test_the_form_groups_sessions_by_day_and_time_with_seats_left(client, workshops, applicant):
    gathering, _plenary, a, _b, _later = workshops
    services.register(gathering, applicant(sessions=[a]), idempotency_key=key())
    url = reverse("registrations:register", args=[gathering.slug])

    def slots() -> dict[str, str]:
        soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
        return {
            " ".join(s.find("legend").get_text(" ").split()): " ".join(s.get_text(" ").split())
            for s in soup.select("fieldset.byr-session-slot")
        }

    shown = slots()
    assert len(shown) == 3  # the opening, the two workshops together, "Vegen vidare"
    assert all("." in legend and ":" not in legend for legend in shown)  # "12.00-13.00"
    (workshop_slot,) = [text for text in shown.values() if "Verkstad A" in text]
    assert "Verkstad B" in workshop_slot
    assert "1 plass igjen" in workshop_slot and "2 plasser igjen" in workshop_slot
    # A second registration fills Verkstad A; the stored form shows it to the next visitor.
    services.register(gathering, applicant(sessions=[a]), idempotency_key=key())
    (workshop_slot,) = [text for text in slots().values() if "Verkstad A" in text]
    assert "Fullt, venteliste" in workshop_slot and "2 plasser igjen" in workshop_slot


def test_posting_both_shows_the_clash_and_keeps_the_input(client, workshops, form_data):
    gathering, _plenary, a, b, _ = workshops
    url = reverse("registrations:register", args=[gathering.slug])
    response = client.post(url, form_data(sessions=[a.pk, b.pk]))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Verkstad A" in html and "samtidig" in html
    assert not Registration.objects.exists()
