"""How often one client, and one e-mail address, may try to register (issue 13): the
registrations' settings (BYREGION_REGISTRATION_RATE_PER_CLIENT,
BYREGION_REGISTRATION_RATE_PER_EMAIL) for the counter in `core.limits`, which says how
counting works."""

from __future__ import annotations

from byregion.core import limits

RATE_SETTINGS = ("BYREGION_REGISTRATION_RATE_PER_CLIENT", "BYREGION_REGISTRATION_RATE_PER_EMAIL")


def check_rates(app_configs, **kwargs):
    return limits.check_rate_settings(RATE_SETTINGS, "byregion.registrations.E001")


def wait_before_mailing(request, email: str, *, per_client: bool = True) -> int:
    """Count an attempt that may send mail to `email` (a registration, a change of address,
    a new confirmation link): 0 when it may go on, else the seconds to wait."""
    return limits.wait_before_mailing(
        request, email, scopes=("client", "email"), rates=RATE_SETTINGS,
        what="Registration attempt", per_client=per_client,
    )  # fmt: skip
