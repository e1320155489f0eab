"""Giving an organisation its place on the site: a news section with writer and editor
groups (`news.permissions.grant_news_section`) and, if asked, a registration desk group
(`registrations.permissions.grant_registration_desk`), in one transaction, from a button on
the organisation in the admin instead of `byregion shell`.

It lives in `site` because it joins news and registrations, which sit above organisations:
organisations name nothing above them, so the button is added from here through Wagtail's
hooks (`site/wagtail_hooks.py`).

Who may press it: whoever may add and change groups (`auth.add_group` and
`auth.change_group`), i.e. who could make the same groups and rights by hand in Settings →
Groups; superusers too. The button only saves them the clicks, and gives no one a right they
could not give themselves. Everyone else is refused (403) and nothing is made.

The groups are named with the area first ("Nyheter: ...", "Påmelding: ..."), so Wagtail's
group list, sorted by name, shows each area's groups together, and the name says what the
group may do and where. That is the whole design: no description model to keep in step.
"""

from django import forms
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from byregion.news.permissions import grant_news_section
from byregion.organisations.models import Organisation
from byregion.registrations.permissions import grant_registration_desk

ONBOARDING_PERMISSIONS = ("auth.add_group", "auth.change_group")


def may_onboard(user) -> bool:
    return bool(user and user.is_active and user.has_perms(ONBOARDING_PERMISSIONS))


@transaction.atomic
def onboard(organisation: Organisation, *, registration_desk: bool = False) -> list[Group]:
    """The organisation's news section and its writers' and editors' groups (with the
    approval workflow), and its registration desk group if asked. Idempotent: running it
    again makes nothing twice and repairs a group's rights."""
    groups = list(grant_news_section(organisation))
    if registration_desk:
        groups.append(grant_registration_desk(organisation))
    return groups


class OnboardingForm(forms.Form):
    registration_desk = forms.BooleanField(
        label=_("Registration desk too"),
        required=False,
        help_text=_(
            "A group whose members manage the registrations of the gatherings this "
            "organisation organises."
        ),
    )


class OnboardingView(WagtailAdminTemplateMixin, FormView):
    template_name = "wagtailadmin/generic/form.html"
    form_class = OnboardingForm
    header_icon = "group"
    _show_breadcrumbs = True

    def dispatch(self, request, pk):
        if not may_onboard(request.user):
            raise PermissionDenied
        self.organisation = get_object_or_404(Organisation, pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Set up news and groups")

    def get_page_subtitle(self):
        return self.organisation.name

    def get_breadcrumbs_items(self):
        viewset = Organisation.snippet_viewset
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse(viewset.get_url_name("list")), "label": _("Organisations")},
            {
                "url": reverse(viewset.get_url_name("edit"), args=[self.organisation.pk]),
                "label": self.organisation.name,
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = self.request.path
        context["submit_button_label"] = _("Set up")
        context["submit_button_active_label"] = _("Setting up…")
        return context

    def get_initial(self):
        return {"registration_desk": self.organisation.registration_groups.exists()}

    def form_valid(self, form):
        try:
            groups = onboard(
                self.organisation, registration_desk=form.cleaned_data["registration_desk"]
            )
        except ImproperlyConfigured:
            messages.error(
                self.request,
                _("There is no news index page yet: add one (slug “nyheter”) below the home page."),
            )
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(organisation)s has its news section and these groups: %(groups)s.")
            % {
                "organisation": self.organisation.name,
                "groups": ", ".join(f"«{group.name}»" for group in groups),
            },
            buttons=[messages.button(reverse("wagtailusers_groups:index"), _("Groups"))],
        )
        viewset = Organisation.snippet_viewset
        return redirect(viewset.get_url_name("edit"), self.organisation.pk)


def onboarding_url(organisation: Organisation) -> str:
    return reverse("byregion_onboarding", args=[organisation.pk])
