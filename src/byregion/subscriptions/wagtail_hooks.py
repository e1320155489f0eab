"""The admin's subscriptions: a list staff can search by address, with each one's export
(JSON, what the subscriber's own manage page gives) and delete, which erases it.

Staff cannot add a subscription: only the double opt-in makes one (nobody is subscribed by
someone else). Editing changes how often and the mails' language only.
"""

import json

from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from . import services
from .models import Subscription


class NoAddingPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ExportColumn(Column):
    cell_template_name = "subscriptions/admin/export_cell.html"


class SubscriptionViewSet(ModelViewSet):
    model = Subscription
    icon = "mail"
    name = "subscription_records"
    menu_label = _("Subscriptions")
    add_to_admin_menu = True
    menu_order = 450
    copy_view_enabled = False
    inspect_view_enabled = True
    permission_policy = NoAddingPolicy(Subscription)
    form_fields = ["frequency", "language"]
    search_fields = ["email"]
    list_filter = ["frequency", "language"]
    list_display = [
        "email",
        "frequency",
        "language",
        "confirmed_at",
        "created",
        ExportColumn("export", label=_("Export (JSON)")),
    ]
    inspect_view_fields = [
        "email", "language", "frequency", "kinds", "content_languages", "region_ids",
        "organisation_ids", "theme_ids", "created", "confirmed_at", "last_digest_at",
    ]  # fmt: skip


@never_cache
@permission_required("subscriptions.view_subscription", raise_exception=True)
def export(request, pk):
    subscription = get_object_or_404(Subscription, pk=pk)
    data = services.personal_data(subscription)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="subscription-{pk}.json"'
    return response


@hooks.register("register_admin_viewset")
def register_viewset():
    return SubscriptionViewSet()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("subscription-export/<int:pk>/", export, name="subscriptions_admin_export")]
