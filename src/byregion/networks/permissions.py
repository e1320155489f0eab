"""Who may edit what in the networks admin: the operator's editors everything, a region's
editors only their region, its councils and meetings.

The rules live in one place, `NetworkPermissionPolicy`, which every networks viewset uses, so
a refusal is the same wherever it is asked. See docs/developers/networks.md (Permissions).
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import Model, QuerySet
from wagtail.permission_policies.base import ModelPermissionPolicy

from .models import Council, Meeting, Programme, Region, Sector

EVERY_REGION = "networks.change_every_region"


def can_edit_everything(user) -> bool:
    return bool(user and user.is_active and (user.is_superuser or user.has_perm(EVERY_REGION)))


def editable_regions(user) -> QuerySet[Region]:
    """The regions `user` may edit: all for the operator's editors, else their groups'."""
    if can_edit_everything(user):
        return Region.objects.all()
    if not (user and user.is_active and user.is_authenticated):
        return Region.objects.none()
    return Region.objects.filter(editor_groups__user=user).distinct()


def is_region_editor(user) -> bool:
    return editable_regions(user).exists()


# How each model reaches its region; None: only the operator's editors edit it.
REGION_PATH: dict[type[Model], str | None] = {
    Programme: None,
    Sector: None,
    Region: "pk",
    Council: "region_id",
    Meeting: "council__region_id",
}
# What a region's editors may do, per model. Regions are created and removed by the operator.
REGION_EDITOR_ACTIONS = {
    Region: {"change", "view"},
    Council: {"add", "change", "delete", "view"},
    Meeting: {"add", "change", "delete", "view"},
}


def _region_id(instance) -> int | None:
    if isinstance(instance, Region):
        return instance.pk
    if isinstance(instance, Council):
        return instance.region_id
    if isinstance(instance, Meeting):
        return instance.council.region_id if instance.council_id else None
    return None


class NetworkPermissionPolicy(ModelPermissionPolicy):
    """The rules above, for one of the networks models."""

    def user_has_permission(self, user, action):
        if can_edit_everything(user):
            return True
        if action not in REGION_EDITOR_ACTIONS.get(self.model, ()):
            return False
        return is_region_editor(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if can_edit_everything(user):
            return True
        if not self.user_has_permission(user, action):
            return False
        return editable_regions(user).filter(pk=_region_id(instance)).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = self.model._default_manager.all()
        if can_edit_everything(user):
            return queryset
        if not self.user_has_any_permission(user, actions):
            return queryset.none()
        path = REGION_PATH[self.model]
        return queryset.filter(**{f"{path}__in": editable_regions(user).values("pk")})

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])


def make_region_editor_group(region: Region, name: str) -> Group:
    """A group whose members edit `region`: linked to it, with admin and document access."""
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(_access_admin())
    grant_documents(group)
    region.editor_groups.add(group)
    return group


def make_operator_editor_group(name: str) -> Group:
    """A group whose members edit every programme, region, council and meeting."""
    group, _ = Group.objects.get_or_create(name=name)
    app_label, codename = EVERY_REGION.split(".")
    group.permissions.add(
        Permission.objects.get(content_type__app_label=app_label, codename=codename),
        _access_admin(),
    )
    grant_documents(group)
    return group


def _access_admin() -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def grant_documents(group: Group) -> None:
    """Let the group add and choose documents in the root collection (for minutes)."""
    from wagtail.models import Collection, GroupCollectionPermission

    # Wagtail's migrations make the root collection; a database emptied since has none.
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    for codename in ("add_document", "choose_document"):
        permission = Permission.objects.get(
            content_type__app_label="wagtaildocs", codename=codename
        )
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )
