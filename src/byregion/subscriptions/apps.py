from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscriptionsConfig(AppConfig):
    name = "byregion.subscriptions"
    label = "subscriptions"
    verbose_name = _("Subscriptions")

    def ready(self):
        from django.core import checks
        from django.db.models.signals import post_save
        from wagtail.signals import page_published, page_unpublished

        from byregion.core import pagecache
        from byregion.networks.models import Meeting

        from .forms import check_rates
        from .items import PAGE_KINDS, on_meeting_saved, on_page_published, on_page_unpublished

        checks.register(check_rates)
        # No public page shows these rows: writing them (every digest run) must not empty
        # the page cache (core.pagecache).
        pagecache.track_with_tags(
            "subscriptions.Subscription", "subscriptions.Item", "subscriptions.DigestMail"
        )
        for model in PAGE_KINDS:
            page_published.connect(
                on_page_published, sender=model, dispatch_uid=f"subscriptions-{model.__name__}"
            )
            page_unpublished.connect(
                on_page_unpublished, sender=model, dispatch_uid=f"subscriptions-un-{model.__name__}"
            )
        post_save.connect(on_meeting_saved, sender=Meeting, dispatch_uid="subscriptions-meeting")
