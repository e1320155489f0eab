"""Model fields that several apps declare the same way."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def language_field():
    """The language a page's text is written in (content, not UI: see base.html's content_lang)."""
    return models.CharField(
        _("language of the text"), max_length=8, choices=settings.LANGUAGES, default="nb"
    )
