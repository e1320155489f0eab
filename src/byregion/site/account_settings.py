"""The admin's account page: a name is not needed to change one's admin language.

Accounts come without a name or e-mail address: the demo's role accounts, `createsuperuser`,
a single sign-on provider that sends no such claim. Wagtail's account page saves all its
panels with one button, and its name form requires first name, last name and e-mail, so such
a person could not change the admin's language or time zone at all (issue 16, item 9).
Here each of those fields is required only when the account already has a value in it: what
is there can be changed, not blanked out. Wagtail has no setting for the account page's
name form; `use_in_admin()` (from SiteConfig.ready()) gives its panel this one.
"""

from wagtail.admin.forms.account import NameEmailForm
from wagtail.admin.views.account import NameEmailSettingsPanel


class NameEmailIfKnownForm(NameEmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.required = bool(getattr(self.instance, name, ""))


def use_in_admin() -> None:
    NameEmailSettingsPanel.form_class = NameEmailIfKnownForm
