"""Admin additions that join apps below `site`: the organisation's "Set up news and groups"
(`site.onboarding`), in the organisations list's row menu and the organisation's own
actions menu, for those who may use it."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.action_menu import ActionMenuItem

from byregion.organisations.models import Organisation

from .onboarding import OnboardingView, may_onboard, onboarding_url

LABEL = _("Set up news and groups")


@hooks.register("register_admin_urls")
def onboarding_urls():
    return [
        path(
            "organisasjonar/<int:pk>/oppsett/",
            OnboardingView.as_view(),
            name="byregion_onboarding",
        )
    ]


@hooks.register("register_snippet_listing_buttons")
def onboarding_listing_button(snippet, user, next_url=None):
    if isinstance(snippet, Organisation) and may_onboard(user):
        yield Button(LABEL, onboarding_url(snippet), icon_name="group", priority=50)


class OnboardingMenuItem(ActionMenuItem):
    label = LABEL
    icon_name = "group"
    name = "byregion-onboarding"

    def is_shown(self, context):
        return (
            context.get("view") == "edit"
            and context.get("instance") is not None
            and may_onboard(context["request"].user)
        )

    def get_url(self, parent_context):
        return onboarding_url(parent_context["instance"])


@hooks.register("register_snippet_action_menu_item")
def onboarding_menu_item(model):
    return OnboardingMenuItem(order=200) if model is Organisation else None
