"""The subscription form (what to get, how often) and its rate limits.

The form is counted like the registration form (`core.limits`, the same counter in the
shared cache, with settings and scopes of its own): per client address and per e-mail
address, since each accepted form mails the address. Without that it could mail-bomb a
stranger's inbox.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from byregion.core import limits
from byregion.networks.models import Region
from byregion.organisations.models import Organisation
from byregion.themes.models import Theme

from .models import Frequency, Kind

RATE_SETTINGS = ("BYREGION_SUBSCRIPTION_RATE_PER_CLIENT", "BYREGION_SUBSCRIPTION_RATE_PER_EMAIL")


def check_rates(app_configs, **kwargs):
    return limits.check_rate_settings(RATE_SETTINGS, "byregion.subscriptions.E001")


def wait_before_mailing(request, email: str) -> int:
    """0 when the form may mail `email`, else the seconds to wait."""
    return limits.wait_before_mailing(
        request, email, scopes=("subscribe-client", "subscribe-email"), rates=RATE_SETTINGS,
        what="Subscription",
    )  # fmt: skip


class ChoicesForm(forms.Form):
    """What to get and how often: the subscribe form without its address, and the manage
    page's form."""

    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Frequency.choices,
        initial=Frequency.DAILY,
        widget=forms.RadioSelect,
    )
    kinds = forms.MultipleChoiceField(
        label=_("What"),
        help_text=_("Tick none to get everything."),
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    content_languages = forms.MultipleChoiceField(
        label=_("Written in"),
        help_text=_("Tick none to get every language."),
        choices=settings.LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("Regions"),
        help_text=_("Tick none to get every region."),
        queryset=Region.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations"),
        help_text=_("Tick none to get every organisation."),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        help_text=_("Tick none to get every theme. Council meetings have no theme."),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One query each, read once (the choices are listed from the cached result).
        self.fields["regions"].queryset = Region.objects.order_by("name")
        # Those who publish: a news section, a hosted region, or an organised gathering.
        self.fields["organisations"].queryset = (
            Organisation.objects.filter(
                Q(news_section__isnull=False)
                | Q(hosted_regions__isnull=False)
                | Q(organised_gatherings__isnull=False)
            )
            .distinct()
            .order_by("name")
        )
        self.fields["themes"].queryset = Theme.objects.order_by("slug")

    @classmethod
    def initial_from(cls, subscription) -> dict:
        return {
            "frequency": subscription.frequency,
            "kinds": subscription.kinds,
            "content_languages": subscription.content_languages,
            "regions": subscription.region_ids,
            "organisations": subscription.organisation_ids,
            "themes": subscription.theme_ids,
        }

    def choices(self) -> dict:
        """The cleaned choices as the services take them."""
        data = self.cleaned_data
        return {
            "frequency": data["frequency"],
            "kinds": list(data["kinds"]),
            "content_languages": list(data["content_languages"]),
            "region_ids": sorted(r.pk for r in data["regions"]),
            "organisation_ids": sorted(o.pk for o in data["organisations"]),
            "theme_ids": sorted(t.pk for t in data["themes"]),
        }


class SubscribeForm(ChoicesForm):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    field_order = ["email"]
