"""Evaluations: a short questionnaire per gathering, answered once per participant through
the personal link, and results for the organisers that never show a small count.

The questions are fixed, and a gathering's `Questionnaire` switches them on or off:
- overall, 1 (poor) to 5 (very good);
- relevance for the region's work, 1 (not at all) to 5 (very);
- would recommend the gathering to others: yes or no. Not a 0\N{EN DASH}10 scale: a share of
  yes reads plainly at the sizes a gathering has (tens to a few hundred answers), where a
  "net promoter score" swings with a handful of people;
- each session, 1 to 5: the sessions the participant chose, or, if they chose none, all
  the gathering's sessions; never breaks and meals;
- one free-text question, whose wording the organisers may set.
Every question may be left out; an answer with nothing in it is refused.

Who may answer: a confirmed participant of the gathering (not erased), once the gathering
has started, once. The answer is stored without a link to the person (`EvaluationResponse`:
the gathering, the day, the answers); the registration gets only `evaluated`, a yes with no
time. Both are written in one transaction, and the yes is set by a conditional UPDATE that
only one of two simultaneous posts can win, so nobody answers twice.

Results (`results`): per question the count of each answer and the mean; any count from 1 to
4 (an answer's, a session's, the whole gathering's) reads "fewer than 5", and free text is
shown only when the gathering has at least 5 answers. Since a question's total is shown, a
lone small cell could be worked out from it; `statistics._protect` then hides the next
smallest too, as the public statistics do. A mean (or share of yes) is shown only when no
cell of its question is hidden: with the total, it would pin two hidden cells down. See
docs/developers/registrations.md (Evaluations).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from byregion.gatherings.models import GatheringPage, SessionFormat

from . import audit
from .models import EvaluationResponse, Questionnaire, Registration, Status
from .statistics import MIN_COUNT, Figure, Suppressed, _figure, _protect

RATINGS = (1, 2, 3, 4, 5)
# Sessions not rated: the programme's pauses and meals are not what the evaluation asks about.
UNRATED = (SessionFormat.BREAK, SessionFormat.MEAL)
DEFAULT_PROMPT = gettext_lazy("What should we keep, and what should we change?")


def rating_labels() -> dict[int, str]:
    """The options of a 1-5 rating: the numbers; each question says what its ends mean."""
    return {value: str(value) for value in RATINGS}


def questionnaire_for(gathering: GatheringPage) -> Questionnaire | None:
    return Questionnaire.objects.filter(gathering=gathering).first()


def prompt(questionnaire: Questionnaire) -> str:
    return questionnaire.comment_prompt or str(DEFAULT_PROMPT)


def save_questionnaire(form, *, actor) -> Questionnaire:
    """Save the organisers' `forms.QuestionnaireForm` and log it (who, which fields)."""
    with transaction.atomic():
        questionnaire = form.save()
        audit.record(
            questionnaire.gathering,
            "registrations.questionnaire",
            actor,
            changed=sorted(form.changed_data),
        )
    return questionnaire


def sessions_to_rate(registration: Registration) -> list:
    """The sessions the participant chose (confirmed), or all if none; not breaks or meals."""
    chosen = [
        choice.session
        for choice in registration.session_choices.all()
        if choice.status == Status.CONFIRMED and choice.session.format not in UNRATED
    ]
    if chosen:
        return sorted(chosen, key=lambda s: (s.start, s.title))
    return list(
        registration.gathering.sessions.exclude(format__in=UNRATED).order_by("start", "title")
    )


class Closed(Exception):
    """Why a registration may not answer: `reason` is "no-questionnaire", "not-confirmed",
    "not-started" or "answered"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def check_may_answer(registration: Registration, now=None) -> Questionnaire:
    """The questionnaire to answer, or `Closed` saying why not."""
    questionnaire = questionnaire_for(registration.gathering)
    if questionnaire is None:
        raise Closed("no-questionnaire")
    if registration.status != Status.CONFIRMED or registration.is_anonymised:
        raise Closed("not-confirmed")
    if (now or timezone.now()) < registration.gathering.start:
        raise Closed("not-started")
    if registration.evaluated:
        raise Closed("answered")
    return questionnaire


def evaluation_link_open(registration: Registration, now=None) -> bool:
    try:
        check_may_answer(registration, now)
    except Closed:
        return False
    return True


def answer(registration: Registration, data: dict, *, now=None) -> EvaluationResponse:
    """Store one participant's answers (cleaned by `forms.EvaluationForm`): `overall`,
    `relevance` (1-5 or None), `recommend` (True, False or None), `session_ratings`
    ({session id: 1-5}), `comment`. Raises `Closed` when they may not answer (also when a
    second post of the same person lost the race) and ValidationError for an empty answer.
    """
    questionnaire = check_may_answer(registration, now)
    allowed = {s.pk for s in sessions_to_rate(registration)} if questionnaire.rate_sessions else ()
    values = {
        "overall": data.get("overall") if questionnaire.ask_overall else None,
        "relevance": data.get("relevance") if questionnaire.ask_relevance else None,
        "recommend": data.get("recommend") if questionnaire.ask_recommend else None,
        "comment": (data.get("comment") or "").strip() if questionnaire.ask_comment else "",
        "session_ratings": {
            str(pk): rating
            for pk, rating in (data.get("session_ratings") or {}).items()
            if int(pk) in allowed and rating is not None
        },
    }
    for name in ("overall", "relevance"):
        if values[name] is not None and values[name] not in RATINGS:
            raise ValidationError({name: _("Choose a number from 1 to 5.")}, code="range")
    if any(rating not in RATINGS for rating in values["session_ratings"].values()):
        raise ValidationError(_("Choose a number from 1 to 5."), code="range")
    if not any(v not in (None, "", {}) for v in values.values()):
        raise ValidationError(_("Answer at least one question."), code="empty")
    with transaction.atomic():
        won = Registration.objects.filter(pk=registration.pk, evaluated=False).update(
            evaluated=True
        )
        if not won:
            raise Closed("answered")
        response = EvaluationResponse.objects.create(
            gathering_id=registration.gathering_id,
            submitted_on=timezone.localdate(now or timezone.now()),
            **values,
        )
    registration.evaluated = True
    return response


# Results -------------------------------------------------------------------------------


@dataclass
class Cell:
    label: str
    count: Figure


@dataclass
class Question:
    key: str
    label: str
    answered: Figure = 0
    cells: list[Cell] = field(default_factory=list)
    mean: float | None = None  # None: not shown (fewer than 5 answers)
    share_yes: int | None = None  # percent, for yes/no; None when not shown


@dataclass
class Results:
    gathering: GatheringPage
    questionnaire: Questionnaire | None
    responses: Figure
    questions: list[Question]
    sessions: list[Question]
    comments: list[str]
    comments_hidden: bool
    generated: bool

    @property
    def enough(self) -> bool:
        """At least 5 answers: anything but the count is shown."""
        return not isinstance(self.responses, Suppressed) and self.responses >= MIN_COUNT


def _question(key: str, label: str, values: list, options: list[tuple]) -> Question:
    """A question's figures from its raw answers (None: not answered). `options` are
    (value, label) pairs in the order shown.

    Fewer than 5 answers: only that (no cells: zeros beside one "under 5" would tell what
    the few answered). Otherwise small cells are hidden (`_protect`), and the mean (or share
    of yes) is given only when no cell is: with the total, a mean pins down two hidden
    cells."""
    given = [v for v in values if v is not None]
    question = Question(key=key, label=label, answered=_figure(len(given), False))
    if len(given) < MIN_COUNT:
        return question
    counts = [sum(1 for v in given if v == value) for value, _label in options]
    hidden, _safe = _protect(counts)  # at least 5 answers: hiding every cell is always safe
    question.cells = [
        Cell(label, _figure(count, i in hidden))
        for i, ((_v, label), count) in enumerate(zip(options, counts, strict=True))
    ]
    if not hidden:
        if all(isinstance(v, bool) for v in given):
            question.share_yes = round(100 * sum(given) / len(given))
        else:
            question.mean = round(sum(given) / len(given), 1)
    return question


def results(gathering: GatheringPage) -> Results:
    """The gathering's results as the organisers see them (3 queries)."""
    questionnaire = questionnaire_for(gathering)
    rows = list(
        EvaluationResponse.objects.filter(gathering=gathering).values_list(
            "overall", "relevance", "recommend", "session_ratings", "comment", "is_generated"
        )
    )
    total = len(rows)
    ratings = [(value, label) for value, label in rating_labels().items()]
    yes_no = [(True, _("Yes")), (False, _("No"))]
    enough = total >= MIN_COUNT
    questions = []
    sessions = []
    comments = []
    if enough:
        questions = [
            _question("overall", _("Overall"), [r[0] for r in rows], ratings),
            _question(
                "relevance", _("Relevance for the region's work"), [r[1] for r in rows], ratings
            ),
            _question(
                "recommend", _("Would recommend the gathering"), [r[2] for r in rows], yes_no
            ),
        ]
        # A question switched off is left out, unless it was answered while it was on.
        asked = {
            "overall": questionnaire is None or questionnaire.ask_overall,
            "relevance": questionnaire is None or questionnaire.ask_relevance,
            "recommend": questionnaire is None or questionnaire.ask_recommend,
        }
        questions = [q for q in questions if asked[q.key] or q.answered]
        for session in gathering.sessions.exclude(format__in=UNRATED).order_by("start", "title"):
            values = [r[3].get(str(session.pk)) for r in rows]
            question = _question(f"session-{session.pk}", session.title, values, ratings)
            if questionnaire is None or questionnaire.rate_sessions or question.answered:
                sessions.append(question)
        comments = sorted((r[4] for r in rows if r[4]), key=str.casefold)
    return Results(
        gathering=gathering,
        questionnaire=questionnaire,
        responses=_figure(total, False),
        questions=questions,
        sessions=sessions,
        comments=comments,
        comments_hidden=not enough and any(r[4] for r in rows),
        generated=any(r[5] for r in rows),
    )


def series(gathering: GatheringPage, gatherings) -> list[GatheringPage]:
    """The gatherings to compare `gathering` with: those of its programme (its series) among
    `gatherings` (the user's), which have a questionnaire or answers, oldest first. Without a
    programme, the gathering alone."""
    if gathering.programme_id is None:
        return [gathering]
    return list(
        gatherings.filter(programme_id=gathering.programme_id)
        .filter(Q(questionnaire__isnull=False) | Q(evaluation_responses__isnull=False))
        .distinct()
        .order_by("start", "pk")
    ) or [gathering]


@dataclass
class Comparison:
    gatherings: list[Results]
    rows: list[tuple[str, list]]  # (label, one shown text per gathering; None: not shown)


def compare(gatherings: list[GatheringPage]) -> Comparison:
    """The fixed questions side by side, each gathering's figures as `results` gives them
    (so with the same suppression): answers, mean overall, mean relevance, share who would
    recommend."""
    each = [results(g) for g in gatherings]

    def pick(result: Results, key: str, attr: str):
        for question in result.questions:
            if question.key == key:
                return getattr(question, attr)
        return None

    def mean(result: Results, key: str) -> str | None:
        value = pick(result, key, "mean")
        return None if value is None else number_format(value, 1)

    def share(result: Results) -> str | None:
        value = pick(result, "recommend", "share_yes")
        return None if value is None else f"{value} %"

    rows = [
        (_("Answers"), [str(r.responses) for r in each]),
        (_("Overall, mean (1–5)"), [mean(r, "overall") for r in each]),  # noqa: RUF001
        (
            _("Relevance for the region's work, mean (1–5)"),  # noqa: RUF001
            [mean(r, "relevance") for r in each],
        ),
        (_("Would recommend, share answering yes"), [share(r) for r in each]),
    ]
    return Comparison(gatherings=each, rows=rows)


def _shown(figure) -> str | int:
    return figure if isinstance(figure, int) else str(figure)


def result_rows(result: Results) -> list[list]:
    """The results as a table for the export: (section, question, answer, count, mean), with
    the page's suppression; free text after, when shown."""
    rows = [[_("Section"), _("Question"), _("Answer"), _("Count"), _("Mean")]]
    rows.append([_("All"), _("Answers"), "", _shown(result.responses), ""])
    if result.generated:
        rows.append([_("Note"), _("Generated demo data, not real answers"), "", "", ""])
    for section, questions in (
        (_("Questions"), result.questions),
        (_("Sessions"), result.sessions),
    ):
        for question in questions:
            mean = "" if question.mean is None else number_format(question.mean, 1)
            if question.share_yes is not None:
                mean = f"{question.share_yes} %"
            rows.append([section, question.label, _("Answers"), _shown(question.answered), mean])
            for cell in question.cells:
                rows.append([section, question.label, cell.label, _shown(cell.count), ""])
    for comment in result.comments:
        rows.append([_("Free text"), prompt(result.questionnaire) if result.questionnaire
                     else str(DEFAULT_PROMPT), comment, "", ""])  # fmt: skip
    return rows
