"""Single sign-on by OpenID Connect (BYREGION_OIDC_PROVIDERS; docs/operators/sign-in.md):
which Wagtail groups a provider's claim gives, set on every sign-in through it, and whether
its sign-in counts as the second factor."""

import logging

from django.conf import settings
from django.contrib.auth.models import Group

logger = logging.getLogger(__name__)
# The authentication level (`acr`) of this session's single sign-on.
ACR_SESSION_KEY = "byregion_single_sign_on_acr"


def provider_settings(provider_id: str) -> dict:
    return getattr(settings, "BYREGION_SINGLE_SIGN_ON", {}).get(provider_id, {})


def authorization_origins() -> list[str]:
    """Where a sign-in through the configured providers sends the browser."""
    rules = getattr(settings, "BYREGION_SINGLE_SIGN_ON", {}).values()
    return sorted({origin for rule in rules for origin in rule.get("authorization_origins", [])})


def claims_of(extra_data: dict) -> dict:
    """The ID token's claims with the userinfo answer's over them (allauth keeps both)."""
    if "id_token" in extra_data or "userinfo" in extra_data:
        return {**(extra_data.get("id_token") or {}), **(extra_data.get("userinfo") or {})}
    return dict(extra_data)


def claim_values(claims: dict, path: str) -> list[str]:
    """The strings (and numbers) at `path` in the claims: a claim's name ("groups"), or a
    path into a structured claim, dot-separated, with `[]` after a name whose value is a
    list to take each of its items: Ansattporten's organisations are
    "authorization_details[].reportees[].ID". A claim of another shape gives nothing."""
    found: list = [claims]
    for step in path.split("."):
        each = step.endswith("[]")
        key = step.removesuffix("[]")
        following = []
        for item in found:
            if not isinstance(item, dict) or key not in item:
                continue
            value = item[key]
            if isinstance(value, list):
                following.extend(value)
            elif not each:
                following.append(value)
        found = following
    return [str(value) for value in found if isinstance(value, str | int)]


def mapped_groups(provider_id: str, claims: dict) -> tuple[set[str], set[str]]:
    """(every group this provider's mapping names, the ones these claims give)."""
    rules = provider_settings(provider_id)
    mapping: dict[str, list[str]] = rules.get("groups", {})
    every = {name for names in mapping.values() for name in names}
    paths = rules.get("groups_claim") or "groups"
    values = [
        v
        for path in ([paths] if isinstance(paths, str) else paths)
        for v in claim_values(claims, path)
    ]
    given = {name for item in values for name in mapping.get(item, [])}
    return every, given


def set_groups(user, provider_id: str, claims: dict) -> None:
    """Add the mapped groups the claims give and remove the mapped ones they do not; groups
    outside the mapping (given by hand in the admin) are left as they are."""
    every, given = mapped_groups(provider_id, claims)
    if not every:
        return
    groups = {group.name: group for group in Group.objects.filter(name__in=every)}
    for missing in sorted(given - groups.keys()):
        logger.warning(
            "Single sign-on %s maps to a group that does not exist: %s", provider_id, missing
        )
    user.groups.remove(*[groups[name] for name in every - given if name in groups])
    user.groups.add(*[groups[name] for name in given if name in groups])


def on_sign_in(sender, request, user, sociallogin=None, **kwargs) -> None:
    """allauth's user_logged_in: a sign-in through a provider sets the mapped groups."""
    if sociallogin is None:
        return
    account = sociallogin.account
    claims = claims_of(account.extra_data or {})
    set_groups(user, account.provider, claims)
    request.session[ACR_SESSION_KEY] = claims.get("acr")


def counts_as_second_factor(provider_id: str, acr: str | None) -> bool:
    """A provider configured with "second_factor" counts; with "second_factor_acr" too, only
    a sign-in whose `acr` claim (`acr`, kept in the session) is one of those levels
    (ID-porten's idporten-loa-high)."""
    rules = provider_settings(provider_id)
    if not rules.get("second_factor"):
        return False
    levels = rules.get("second_factor_acr") or []
    return not levels or acr in levels
