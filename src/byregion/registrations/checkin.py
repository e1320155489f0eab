"""Check-in on the day: a confirmed participant arrives.

Apart from `services` because it changes no seats, but under the same gathering lock, so a
check-in and a cancellation of the same person cannot cross, and logged as every change is.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from byregion.gatherings.models import GatheringPage

from . import audit
from .models import Registration, Status
from .services import locked


class CheckInError(ValidationError):
    pass


def check_in(gathering: GatheringPage, code_or_registration, *, actor: audit.Actor) -> Registration:
    """Mark a confirmed participant as arrived, by registration or by the code in their QR.

    Checking in twice is harmless (the first time is kept, and logged once)."""
    if isinstance(code_or_registration, Registration):
        lookup = Q(pk=code_or_registration.pk)
    else:
        code = "".join(ch for ch in str(code_or_registration).upper() if ch.isalnum())
        lookup = Q(check_in_code=code)
    with locked(gathering.pk):
        registration = (
            Registration.objects.select_for_update().filter(lookup, gathering=gathering).first()
        )
        if registration is None:
            raise CheckInError(_("No registration for this gathering has that code."))
        if registration.status != Status.CONFIRMED:
            raise CheckInError(
                _("This registration is %(status)s, not confirmed.")
                % {"status": registration.get_status_display()}
            )
        if registration.checked_in_at is None:
            registration.checked_in_at = timezone.now()
            registration.save(update_fields=["checked_in_at", "updated"])
            audit.record(registration, "registrations.check_in", actor)
        return registration
