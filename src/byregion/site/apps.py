from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    name = "byregion.site"
    label = "site"
    verbose_name = _("Site")

    def ready(self):
        from . import checks  # noqa: F401 (registers production's settings checks)
        from .account_settings import use_in_admin

        use_in_admin()  # the account page's name form (account_settings)
        from .wagtail_site import follow_site_url

        post_migrate.connect(follow_site_url, sender=self, dispatch_uid="byregion-site-url")
        from allauth.account.signals import user_logged_in

        from .single_sign_on import on_sign_in

        user_logged_in.connect(on_sign_in, dispatch_uid="byregion-single-sign-on-groups")
