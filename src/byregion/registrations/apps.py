from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "byregion.registrations"
    label = "registrations"
    verbose_name = _("Registrations")

    def ready(self):
        from django.core import checks
        from django.db.models.signals import post_delete, post_save

        from byregion.core import pagecache

        from .limits import check_rates
        from .log_redaction import install
        from .models import Registration

        install()
        checks.register(check_rates)
        # A registration changes only its gathering's seats, list and statistics: not the
        # whole site's pages (core.pagecache). The seat services bump the gathering's tag
        # under its lock; a registration saved another way bumps it here.
        pagecache.track_with_tags("registrations.Registration", "registrations.SessionChoice")
        post_save.connect(_seats_changed, sender=Registration, dispatch_uid="seats-save")
        post_delete.connect(_seats_changed, sender=Registration, dispatch_uid="seats-delete")


def _seats_changed(sender, instance, **kwargs):
    from byregion.core import pagecache

    from .services import bumps_its_own_seats, seats_tag

    if not bumps_its_own_seats(instance.gathering_id):
        pagecache.bump(seats_tag(instance.gathering_id))
