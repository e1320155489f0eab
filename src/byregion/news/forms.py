"""The article's admin form: a draft may be incomplete, a published article may not.

Alt text lives on the image (its `description`), so an editor can save a draft with an
image that still lacks it; publishing, scheduling or submitting for approval is refused
until every image the article shows has one (the error is on the main image's field,
or at the top of the form for images in the body).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

# The buttons of Wagtail's page editor that put a page in front of readers or approvers.
PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-workflow-action")


def images_missing_alt_text(main_image, body) -> tuple[bool, list[str]]:
    """(main image lacks alt text, titles of body images that lack it)."""
    main_missing = bool(main_image) and not (main_image.description or "").strip()
    body_missing = [
        block.value["image"].title
        for block in body or []
        if block.block_type == "image"
        and block.value["image"]
        and not (block.value["image"].description or "").strip()
    ]
    return main_missing, body_missing


class NewsArticleForm(WagtailAdminPageForm):
    def is_publishing(self) -> bool:
        return any(self.data.get(action) for action in PUBLISHING_ACTIONS)

    def clean(self):
        cleaned_data = super().clean()
        if not self.is_publishing():
            return cleaned_data
        main_missing, body_missing = images_missing_alt_text(
            cleaned_data.get("main_image"), cleaned_data.get("body")
        )
        if main_missing:
            self.add_error(
                "main_image",
                ValidationError(
                    _(
                        "This image has no alt text. Describe what it shows in the image "
                        "library (Images, edit the image, the field 'alternative text') "
                        "before publishing."
                    ),
                    code="alt_text_missing",
                ),
            )
        if body_missing:
            # On the form, not the field: the StreamField's widget shows only block errors.
            self.add_error(
                None,
                ValidationError(
                    _(
                        "These images in the body have no alt text: %(titles)s. Describe "
                        "what they show in the image library before publishing."
                    ),
                    params={"titles": ", ".join(body_missing)},
                    code="alt_text_missing",
                ),
            )
        return cleaned_data


class NewsSectionForm(WagtailAdminPageForm):
    """A section's organisation decides who may publish in it: only an administrator moves
    an existing section to another organisation (its editors could otherwise hand their
    articles to an organisation of their choosing)."""

    def clean(self):
        cleaned_data = super().clean()
        changed = self.instance.pk and "organisation" in self.changed_data
        if changed and not (self.for_user and self.for_user.is_superuser):
            self.add_error(
                "organisation",
                ValidationError(
                    _("Only an administrator can give a section to another organisation."),
                    code="organisation_locked",
                ),
            )
        return cleaned_data
