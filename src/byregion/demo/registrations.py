"""Generated registrations for the demo's generated gathering(s), so statistics, the
participant list and check-in have something to show.

Every person here is visibly generated: "Generert deltakar 001", an address at the reserved
domain example.invalid, the organisation "Generert organisasjon". They register against any
gathering page whose title contains "generert", through the same service as the form (so
capacity and the waitlist apply), without sending e-mail. Regions and role categories are
spread round-robin over what the database holds; for a gathering that has been held, nine in
ten confirmed people are marked as checked in (also generated, to show attendance).

Idempotent: each generated person has a fixed form key, so a second run adds nobody.
"""

import uuid

from django.utils import timezone

NAMESPACE = uuid.UUID("5d6f1c3e-2b1a-4f7e-9c55-6b1c1c0de000")


def load(count: int = 230) -> int:
    """Register `count` generated people on each generated gathering; returns how many
    registrations were added in all."""
    from byregion.gatherings.models import GatheringPage
    from byregion.networks.models import Membership, Region
    from byregion.registrations import services
    from byregion.registrations.models import Registration, RoleCategory, Status

    roles = list(RoleCategory.objects.all())
    regions = list(Region.objects.order_by("name"))
    member_of = {}
    for membership in Membership.objects.select_related("municipality").order_by("pk"):
        member_of.setdefault(membership.region_id, []).append(membership.municipality)
    added = 0
    for gathering in GatheringPage.objects.filter(title__icontains="generert"):
        existing = Registration.objects.filter(gathering=gathering).count()
        for n in range(1, count + 1):
            key = uuid.uuid5(NAMESPACE, f"{gathering.pk}-{n}")
            region = regions[n % len(regions)] if regions else None
            municipalities = member_of.get(region.pk, []) if region else []
            registration = services.register(
                gathering,
                {
                    "name": f"Generert deltakar {n:03d}",
                    "email": f"deltakar-{n:03d}@example.invalid",
                    "organisation_name": "Generert organisasjon",
                    "role": roles[n % len(roles)] if roles else None,
                    "region": region,
                    "municipality": (
                        municipalities[n % len(municipalities)] if municipalities else None
                    ),
                    "public_consent": n % 4 == 0,
                },
                idempotency_key=key,
                by_organiser=True,
                notify=False,
            )
            held = gathering.end < timezone.now()
            if held and registration.status == Status.CONFIRMED and n % 10:
                services.check_in(gathering, registration)
        added += Registration.objects.filter(gathering=gathering).count() - existing
    return added
