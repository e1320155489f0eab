"""230 generated registrations for the Ålesund gathering, so its statistics, participant list
and waitlist have something to show.

The article "Byregionsamling i Ålesund" gives the figure (230 participants) but no people,
so every person is visibly generated ("Deltakar 001", example.invalid) and the gathering is
flagged `registrations_are_generated`. They go through `registrations.services.register`,
the form's own path; those on the public participant list are marked as having confirmed
their address. See docs/developers/registrations.md (Demo).
"""

import random
import uuid

from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils import timezone

from byregion.core import pagecache
from byregion.demo.gatherings import ALESUND_SLUG
from byregion.gatherings.models import GatheringPage, SessionFormat
from byregion.networks.models import Membership
from byregion.organisations.models import Organisation
from byregion.places.models import Place, PlaceKind
from byregion.registrations import evaluation, services
from byregion.registrations.models import (
    EvaluationResponse,
    Questionnaire,
    Registration,
    RoleCategory,
)
from byregion.registrations.permissions import grant_registration_desk

NAMESPACE = uuid.UUID("5d6f1c3e-2b1a-4f7e-9c55-6b1c1c0de000")
# Home municipalities outside the demo's regions (codes valid in March 2017), south to north.
OTHER_HOMES = ("1001", "1201", "1516", "1520", "1519", "1525", "1563", "1566", "1902")


def _homes(gathering) -> list[tuple]:
    """(municipality, region or None) pairs: region members first, then the others."""
    day = timezone.localtime(gathering.start).date()
    memberships = (
        Membership.objects.filter(valid_from__lte=day)
        .select_related("municipality", "region")
        .order_by("region__name", "municipality__code")
    )
    homes = [
        (m.municipality, m.region)
        for m in memberships
        if m.municipality.valid_from <= day
        and (m.municipality.valid_to is None or m.municipality.valid_to > day)
        and (m.valid_to is None or m.valid_to > day)
    ]
    others = {
        place.code: place
        for place in Place.objects.filter(
            kind=PlaceKind.MUNICIPALITY, code__in=OTHER_HOMES
        ).valid_on(day)
    }
    homes += [(others[code], None) for code in OTHER_HOMES if code in others]
    return homes


def _sessions(gathering) -> tuple[list, list]:
    """The sessions everyone picks (all but breaks and workshops), and the workshops."""
    sessions = gathering.sessions.exclude(format=SessionFormat.BREAK)
    sessions = list(sessions.order_by("start", "room"))
    workshops = [s for s in sessions if s.format == SessionFormat.WORKSHOP]
    return [s for s in sessions if s.format != SessionFormat.WORKSHOP], workshops


# A role account without a password (like the news section's): the operator's registration
# desk, to try the per-organiser scope with. Sign in as it with `byregion shell` or give it a
# password in the admin.
DESK_ACCOUNT = "arrangor-distriktssenteret"


def registration_desk() -> None:
    """The operator organises the demo's gatherings; its desk group manages their
    registrations, and only theirs."""
    operator = Organisation.objects.get(name="Distriktssenteret")
    group = grant_registration_desk(operator)
    user, created = get_user_model().objects.get_or_create(username=DESK_ACCOUNT)
    if created:
        user.set_unusable_password()
        user.save()
    user.groups.add(group)


def load(count: int = 230, slug: str = ALESUND_SLUG) -> int:
    """Register `count` generated people on the gathering with this slug; returns how many
    registrations were added."""
    gathering = GatheringPage.objects.filter(slug=slug).first()
    if gathering is None or count < 1:
        return 0
    keys = [uuid.uuid5(NAMESPACE, f"{slug}-{n}") for n in range(1, count + 1)]
    if Registration.objects.filter(idempotency_key__in=keys).count() == count:
        _confirm_listed(gathering, keys)  # a demo loaded before addresses were confirmed
        return 0
    roles = list(RoleCategory.objects.all())
    homes = _homes(gathering)
    common, workshops = _sessions(gathering)
    before = Registration.objects.filter(gathering=gathering).count()
    for n, key in enumerate(keys, start=1):
        municipality, region = homes[n % len(homes)] if homes else (None, None)
        # A different stride for roles, so that a place does not always send the same role.
        role = roles[(n + n // max(len(homes), 1)) % len(roles)] if roles else None
        picked = common + ([workshops[n % len(workshops)]] if workshops else [])
        services.register(
            gathering,
            {
                "name": f"Deltakar {n:03d}",
                "email": f"deltakar-{n:03d}@example.invalid",
                "organisation_name": "Generert organisasjon",
                "role": role,
                "region": region,
                "municipality": municipality,
                "public_consent": n % 4 == 0,
                "language": gathering.language,
                "sessions": picked,
            },
            idempotency_key=key,
            by_organiser=True,
            notify=False,
        )
    _confirm_listed(gathering, keys)
    return Registration.objects.filter(gathering=gathering).count() - before


def _confirm_listed(gathering, keys) -> None:
    """Those who chose the public list have "confirmed" their generated address, as a real
    person would have to before the list shows them (example.invalid takes no mail). At
    once, in one UPDATE, with no audit entries: no one confirmed anything."""
    confirmed = Registration.objects.filter(
        idempotency_key__in=keys, public_consent=True, email_confirmed_at=None
    ).update(email_confirmed_at=F("created"))
    if confirmed:  # an UPDATE sends no signal: the list's pages are told here
        pagecache.bump(services.seats_tag(gathering.pk))


# The series the demo's evaluation results compare (issue 15): two real gatherings of 2017
# whose evaluations, if there were any, are not public. Their answers here are generated,
# flagged `is_generated` (the results pages say so), and their comments say it too.
EVALUATED = {ALESUND_SLUG: 64, "byregionsamling-i-haugesund-2017": 41}
GENERATED_COMMENTS = (
    "Generert demosvar: meir tid til verkstadene.",
    "Generert demosvar: gode døme frå andre byregionar.",
    "Generert demosvar: for mange innlegg etter lunsj.",
)


def evaluations() -> int:
    """A questionnaire and generated answers for each gathering in `EVALUATED`; returns how
    many answers were added (none on a second run)."""
    added = 0
    for slug, count in EVALUATED.items():
        gathering = GatheringPage.objects.filter(slug=slug).first()
        if gathering is None:
            continue
        Questionnaire.objects.get_or_create(gathering=gathering)
        if EvaluationResponse.objects.filter(gathering=gathering, is_generated=True).exists():
            continue
        draw = random.Random(slug)  # noqa: S311 (not secret: the same answers on every load)
        sessions = [s.pk for s in gathering.sessions.exclude(format__in=evaluation.UNRATED)]
        day = timezone.localtime(gathering.end).date()
        rows = [
            EvaluationResponse(
                gathering=gathering,
                submitted_on=day,
                overall=draw.choices((3, 4, 5), (2, 5, 4))[0],
                relevance=draw.choices((3, 4, 5), (3, 5, 3))[0],
                recommend=draw.random() < 0.8,
                session_ratings={
                    str(pk): draw.choices((3, 4, 5), (3, 6, 4))[0]
                    for pk in sessions
                    if draw.random() < 0.7
                },
                comment=GENERATED_COMMENTS[n % 3] if n % 8 == 0 else "",
                is_generated=True,
            )
            for n in range(count)
        ]
        EvaluationResponse.objects.bulk_create(rows)
        added += len(rows)
    return added
