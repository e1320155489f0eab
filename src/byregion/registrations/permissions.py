"""Who may manage which gathering's registrations.

Two questions, both asked on every admin path: Django's model permissions on Registration
say *what* a user may do (view, add, change, delete); the gathering's organiser says
*where*. An organisation names the groups that manage its registrations
(`Organisation.registration_groups`), as a region names its editor groups; their members
reach the gatherings that organisation organises and no others. The operator's staff
(`manage_every_gathering`) and superusers reach every gathering, including those with no
organiser. Anything outside the scope answers 404, so it is not even confirmed to exist.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from byregion.gatherings.models import GatheringPage
from byregion.organisations.models import Organisation

from .models import Registration

EVERY_GATHERING = "registrations.manage_every_gathering"


def can_manage_every_gathering(user) -> bool:
    return bool(user and user.is_active and (user.is_superuser or user.has_perm(EVERY_GATHERING)))


def manageable_gatherings(user) -> QuerySet[GatheringPage]:
    """The gatherings whose registrations `user` may reach (with their model permissions)."""
    if can_manage_every_gathering(user):
        return GatheringPage.objects.all()
    if not (user and user.is_active and user.is_authenticated):
        return GatheringPage.objects.none()
    return GatheringPage.objects.filter(organiser__registration_groups__user=user).distinct()


def may(user, action: str) -> bool:
    return bool(user and user.has_perm(f"registrations.{action}_registration"))


def registrations_for(user, action: str = "view") -> QuerySet[Registration]:
    """The registrations `user` may `action` (view, change, delete)."""
    if not may(user, action):
        return Registration.objects.none()
    if can_manage_every_gathering(user):
        return Registration.objects.all()
    return Registration.objects.filter(gathering__in=manageable_gatherings(user).values("pk"))


def gathering_or_404(user, pk) -> GatheringPage:
    return get_object_or_404(manageable_gatherings(user), pk=pk)


def registration_or_404(user, pk, queryset=None) -> Registration:
    """One registration in the user's scope (whatever the action: the caller checks it)."""
    queryset = Registration.objects.all() if queryset is None else queryset
    registration = get_object_or_404(queryset, pk=pk)
    if not in_scope(user, registration):
        raise Http404
    return registration


def in_scope(user, registration: Registration) -> bool:
    if can_manage_every_gathering(user):
        return True
    return manageable_gatherings(user).filter(pk=registration.gathering_id).exists()


MANAGER_RIGHTS = ("view_registration", "add_registration", "change_registration")


def grant_registration_desk(organisation: Organisation, name: str = "") -> Group:
    """A group whose members manage the registrations of `organisation`'s gatherings: admin
    access, view, add and change (cancel, move up, check in, e-mail). Erasing a person's
    data (delete) is left to the operator, who grants it deliberately. Idempotent."""
    name = name or f"Påmelding: arrangører, {organisation.name}"
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="registrations", codename__in=MANAGER_RIGHTS
        ),
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
    )
    organisation.registration_groups.add(group)
    return group
