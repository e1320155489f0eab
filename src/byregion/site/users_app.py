"""Wagtail's users app, with the project's group list (`site.groups`).

A module of its own, importing no models: Django imports it while it fills the app
registry, before any model may be loaded; the viewset is named by its path and loaded later.
"""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersConfig(WagtailUsersAppConfig):
    group_viewset = "byregion.site.groups.GroupViewSet"
