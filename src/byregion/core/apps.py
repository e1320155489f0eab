from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The bottom floor: what every app shares (docs/developers/architecture.md)."""

    name = "byregion.core"
    label = "byregion_core"
    verbose_name = _("Shared parts")

    def ready(self):
        from byregion.core import pagecache, proxy, slugs, snippet_chooser

        pagecache.connect_signals()
        pagecache.after_store(proxy.record)
        pagecache.after_bump(proxy.purge)
        # Here, not in a wagtail_hooks module: the system checks build the admin's forms
        # before Wagtail loads its hooks.
        slugs.use_in_admin()
        snippet_chooser.use_in_admin()
