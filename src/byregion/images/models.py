"""The site's image model: Wagtail's image with alt text and a required photo credit.

Decided before the first migration because swapping Wagtail's image model later needs a
data migration of every image and rendition. A credit is public-record practice for news
photos ("Foto: Haavard Ese Eliassen, Distriktssenteret") and is always shown with the image.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CreditedImage(AbstractImage):
    description = models.CharField(
        _("alternative text"),
        max_length=255,
        blank=True,
        default="",
        help_text=_(
            "Describe what the image shows for people who cannot see it. "
            "Required before the image is used in published content."
        ),
    )
    credit = models.CharField(
        _("photo credit"),
        max_length=255,
        help_text=_('Who took the photo and for whom, e.g. "Foto: Ola Nordmann, Ålesund kommune".'),
    )

    admin_form_fields = (*Image.admin_form_fields, "credit")

    def get_rendition(self, filter):
        # Wagtail's get_rendition() writes the rendition to the renditions cache on every
        # call, even one it has just read from there (a pickle and a file write per image
        # shown, per render, on the file cache); get_renditions() writes only what it made
        # or read from the database.
        (rendition,) = self.get_renditions(filter).values()
        return rendition

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]


class CreditedRendition(AbstractRendition):
    image = models.ForeignKey(CreditedImage, on_delete=models.CASCADE, related_name="renditions")

    def __setstate__(self, state):
        # Unpickled means read from the renditions cache: say so, or Wagtail's
        # get_renditions() writes it back to the cache on every render that shows it (it
        # marks only prefetched renditions; 3 ms of an 11 ms article on the file cache).
        super().__setstate__(state)
        self._from_cache = True

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
