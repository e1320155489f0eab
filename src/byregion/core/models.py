from django.db import models
from django.utils.translation import gettext_lazy as _


class ProxiedAddress(models.Model):
    """An address the reverse proxy may hold a copy of (core.proxy): what a change purges.

    Written when the page cache stores an answer, emptied when it is purged; never shown."""

    host = models.CharField(_("host"), max_length=255)
    uri = models.CharField(_("path and query"), max_length=2000)
    # The narrow tags the answer recorded besides `content`, as "|seats:12|seats:14|".
    tags = models.CharField(_("tags"), max_length=1000, blank=True, default="|")
    recorded = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("proxied address")
        verbose_name_plural = _("proxied addresses")
        constraints = [
            models.UniqueConstraint(fields=["host", "uri"], name="proxied_address_unique")
        ]

    def __str__(self):
        return f"{self.host}{self.uri}"
