"""Evaluations (issue 15, item 3): a questionnaire per gathering, answered once through the
personal link without a link to the person; results with small counts suppressed, their
export, and a series side by side."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from byregion.registrations import audit, evaluation, privacy, services
from byregion.registrations.models import EvaluationResponse, Questionnaire, Registration
from byregion.registrations.statistics import Suppressed
from tests.gatherings.conftest import make_operator, make_programme

from .conftest import key, make_gathering, make_session, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(applicant):
    """A gathering that started yesterday, with a questionnaire, two sessions and three
    participants: two confirmed (one chose the workshop), one on the waitlist."""
    gathering = make_gathering(capacity=2, days_ahead=-1)
    plenary = make_session(gathering, "Opning", hour=1)
    workshop = make_session(gathering, "Verkstad A", hour=3)
    Questionnaire.objects.create(gathering=gathering)
    chose = services.register(
        gathering, applicant(sessions=[workshop]), idempotency_key=key(), by_organiser=True,
        notify=False,
    )  # fmt: skip
    other = services.register(
        gathering, applicant(), idempotency_key=key(), by_organiser=True, notify=False
    )
    waiting = services.register(
        gathering, applicant(), idempotency_key=key(), by_organiser=True, notify=False
    )
    return gathering, (plenary, workshop), (chose, other, waiting)


def url(registration):
    return reverse("registrations:evaluate", args=[registration.personal_token])


def test_a_participant_answers_once_and_the_answer_is_not_linked_to_them(client, held):
    _gathering, (_plenary, workshop), (chose, _other, _waiting) = held
    before = Registration.objects.get(pk=chose.pk).updated
    page = client.get(url(chose))
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    html = page.content.decode()
    # The sessions to rate are those the participant chose.
    assert f'name="session_{workshop.pk}"' in html and "Opning" not in html
    answer = {"overall": "4", "relevance": "5", "recommend": "yes",
              f"session_{workshop.pk}": "3", "comment": "Meir tid til verkstader."}  # fmt: skip
    response = client.post(url(chose), answer)
    assert response.status_code == 302
    assert response["Location"].endswith("/evaluering/takk/")
    thanks = client.get(response["Location"])
    assert "Takk for svarene" in thanks.content.decode()

    stored = EvaluationResponse.objects.get()
    assert (stored.overall, stored.relevance, stored.recommend) == (4, 5, True)
    assert stored.session_ratings == {str(workshop.pk): 3}
    assert stored.comment == "Meir tid til verkstader."
    assert stored.submitted_on == timezone.localdate()
    # Nothing on the answer names the person; the registration knows only that it answered,
    # not when (`updated` is left alone as well).
    fields = {f.name for f in EvaluationResponse._meta.get_fields()}
    assert not fields & {"registration", "created", "updated", "email", "name"}
    chose.refresh_from_db()
    assert chose.evaluated is True and chose.updated == before
    # The person's own export says that they answered, and holds no answer.
    data = privacy.personal_data(chose, actor=audit.PARTICIPANT)
    assert data["evaluation_answered"] is True
    assert "Meir tid" not in str(data)

    again = client.post(url(chose), answer)
    assert again.status_code == 200
    assert "Du har allerede svart" in again.content.decode()
    assert EvaluationResponse.objects.count() == 1


def test_who_may_not_answer_gets_a_page_saying_why(client, held, applicant):
    gathering, _sessions, (_chose, other, waiting) = held
    page = client.get(url(waiting))
    assert page.status_code == 403
    assert "Bare bekreftede deltakere" in page.content.decode()
    assert client.post(url(waiting), {"overall": "5"}).status_code == 403

    future = make_gathering(capacity=3, days_ahead=10)
    Questionnaire.objects.create(gathering=future)
    early = services.register(future, applicant(), idempotency_key=key(), notify=False)
    page = client.get(url(early))
    assert page.status_code == 403 and "når samlingen starter" in page.content.decode()

    Questionnaire.objects.filter(gathering=gathering).delete()
    page = client.get(url(other))
    assert page.status_code == 403 and "ingen evaluering" in page.content.decode()
    assert not EvaluationResponse.objects.exists()


def test_bad_input_keeps_what_was_typed_with_errors(client, held):
    _gathering, _sessions, (chose, *_rest) = held
    response = client.post(url(chose), {"overall": "7", "comment": "Godt program"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Velg et tall fra 1 til 5." in html and "Godt program" in html
    empty = client.post(url(chose), {"comment": "   "})
    assert empty.status_code == 400 and "Svar på minst ett spørsmål." in empty.content.decode()
    assert not EvaluationResponse.objects.exists()
    chose.refresh_from_db()
    assert chose.evaluated is False


def test_a_session_not_offered_to_the_participant_is_not_stored(held):
    _gathering, (plenary, workshop), (chose, *_rest) = held
    evaluation.answer(chose, {"overall": 3, "session_ratings": {plenary.pk: 5, workshop.pk: 2}})
    assert EvaluationResponse.objects.get().session_ratings == {str(workshop.pk): 2}


def add_answers(gathering, answers, **fields):
    EvaluationResponse.objects.bulk_create(
        EvaluationResponse(gathering=gathering, submitted_on=dt.date(2027, 1, 1), **a, **fields)
        for a in answers
    )


def test_fewer_than_five_answers_show_only_that(held):
    gathering, _sessions, _people = held
    add_answers(gathering, [{"overall": 5, "comment": "Fint"}] * 4)
    result = evaluation.results(gathering)
    assert result.responses == Suppressed(under_five=True)
    assert str(result.responses) == "under 5"
    assert not result.questions and not result.sessions and not result.comments
    assert result.comments_hidden


def test_small_cells_are_suppressed_and_means_only_where_nothing_is_hidden(held):
    gathering, (plenary, workshop), _people = held
    rows = (
        [{"overall": 5, "relevance": 4, "recommend": True,
          "session_ratings": {str(plenary.pk): 4}}] * 12
        + [{"overall": 4, "relevance": 5, "recommend": True, "comment": "Bra"}] * 6
        + [{"overall": 1, "relevance": 5, "recommend": False,
            "session_ratings": {str(workshop.pk): 2}}] * 2
    )  # fmt: skip
    add_answers(gathering, rows)
    result = evaluation.results(gathering)
    assert result.responses == 20
    questions = {q.key: q for q in result.questions}
    overall = questions["overall"]
    counts = [c.count for c in overall.cells]
    # 1: two people, fewer than 5; and so the next smallest shown (4: six) is hidden too,
    # or the two could be worked out from the total. With a cell hidden, no mean: with the
    # total it would pin both down (2 x 1 + 6 x 4).
    assert counts == [Suppressed(under_five=True), 0, 0, Suppressed(under_five=False), 12]
    assert overall.answered == 20 and overall.mean is None
    assert questions["relevance"].mean == 4.4  # 12 x 4 and 8 x 5: nothing hidden
    assert [c.count for c in questions["relevance"].cells] == [0, 0, 0, 12, 8]
    recommend = questions["recommend"]  # 18 yes, 2 no: both hidden, no share
    assert recommend.share_yes is None
    assert [c.count for c in recommend.cells] == [
        Suppressed(under_five=False),
        Suppressed(under_five=True),
    ]
    sessions = {q.label: q for q in result.sessions}
    assert sessions["Opning"].answered == 12 and sessions["Opning"].mean == 4.0
    # Fewer than 5 ratings: that, and nothing else (no zeros beside them).
    assert sessions["Verkstad A"].answered == Suppressed(under_five=True)
    assert sessions["Verkstad A"].mean is None and sessions["Verkstad A"].cells == []
    assert result.comments == ["Bra"] * 6 and not result.generated


def test_organisers_see_and_export_the_results_with_the_same_suppression(
    client, held, organiser, django_user_model
):
    gathering, _sessions, _people = held
    add_answers(gathering, [{"overall": 5}] * 7 + [{"overall": 2}] * 1, is_generated=True)
    client.force_login(organiser)
    page = client.get(reverse("registrations_admin:evaluation", args=[gathering.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "under 5" in html
    assert "Genererte demodata." in html  # generated answers say so
    export = client.get(
        reverse("registrations_admin:evaluation_export", args=[gathering.pk, "csv"])
    )
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert ["Alle", "Svar", "", "8", ""] in rows
    assert ["Spørsmål", "Samlet inntrykk", "1", "0", ""] in rows
    assert ["Spørsmål", "Samlet inntrykk", "2", "under 5", ""] in rows
    xlsx = client.get(reverse("registrations_admin:evaluation_export", args=[gathering.pk, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"

    # Another organisation's organiser does not reach it.
    stranger = make_user(django_user_model, "fremmed", "view_registration")
    client.force_login(stranger)
    assert (
        client.get(reverse("registrations_admin:evaluation", args=[gathering.pk])).status_code
        == 404
    )


def test_organisers_set_the_questions_and_the_change_is_logged(client, held, organiser):
    gathering, (_plenary, workshop), (chose, *_rest) = held
    client.force_login(organiser)
    path = reverse("registrations_admin:evaluation_questions", args=[gathering.pk])
    response = client.post(
        path, {"ask_overall": "on", "ask_comment": "on", "comment_prompt": "Kva var best?"}
    )
    assert response.status_code == 302
    questionnaire = Questionnaire.objects.get(gathering=gathering)
    assert not questionnaire.ask_relevance and not questionnaire.rate_sessions
    assert PageLogEntry.objects.filter(action="registrations.questionnaire").exists()
    client.logout()
    form = client.get(url(chose)).content.decode()
    assert 'name="overall"' in form and "Kva var best?" in form
    assert 'name="relevance"' not in form and f'name="session_{workshop.pk}"' not in form


def test_a_series_side_by_side(client, held, organiser):
    gathering, _sessions, _people = held
    programme = make_programme(make_operator())
    other = make_gathering(capacity=5, days_ahead=-200, title="Samling i fjor")
    for page in (gathering, other):
        page.programme = programme
        page.save()
    unrelated = make_gathering(capacity=5, days_ahead=-100)
    Questionnaire.objects.create(gathering=unrelated)
    add_answers(gathering, [{"overall": 4, "relevance": 3, "recommend": True}] * 6)
    add_answers(other, [{"overall": 2}] * 3)
    client.force_login(organiser)
    response = client.get(reverse("registrations_admin:evaluation_compare", args=[gathering.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Samling i fjor" in html and gathering.title in html and unrelated.title not in html
    comparison = evaluation.compare(evaluation.series(gathering, type(gathering).objects.all()))
    assert [r.gathering for r in comparison.gatherings] == [other, gathering]
    assert comparison.rows[0][1] == ["under 5", "6"]
    assert comparison.rows[1][1] == [None, "4,0"]
    assert comparison.rows[3][1] == [None, "100 %"]


def test_the_form_and_the_answer_cost_a_fixed_number_of_queries(client, held):
    _gathering, _sessions, (chose, *_rest) = held
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url(chose)).status_code == 200
    assert len(queries) <= 6, [q["sql"] for q in queries.captured_queries]


def test_the_results_are_three_queries_however_many_answers(held, django_assert_max_num_queries):
    gathering, (plenary, _workshop), _people = held
    add_answers(gathering, [{"overall": 4, "session_ratings": {str(plenary.pk): 5}}] * 40)
    with django_assert_max_num_queries(3):
        result = evaluation.results(gathering)
    assert result.responses == 40
