"""Wagtail's snippet chooser in the admin's language.

Its texts ("Choose organisation", "Edit this organisation") are formatted once, when a
snippet is registered at start-up outside any request, so they were English in the Bokmål
and Nynorsk admin (issue 16, item 7). Here they are formatted each time they are shown.
`use_in_admin()` is called from CoreConfig.ready(), before Wagtail loads the apps' hooks
(where the snippets are registered); Wagtail has no setting for it.
"""

from django.utils.functional import lazy
from django.utils.translation import gettext
from wagtail.snippets.widgets import AdminSnippetChooser


def _when_shown(message: str, name):
    return lazy(lambda: gettext(message) % {"object": name}, str)()


_wagtail_init = AdminSnippetChooser.__init__


def _init_in_the_admin_language(self, model, **kwargs):
    _wagtail_init(self, model, **kwargs)
    name = model._meta.verbose_name
    self.choose_one_text = _when_shown("Choose %(object)s", name)
    self.choose_another_text = _when_shown("Choose another %(object)s", name)
    self.link_to_chosen_text = _when_shown("Edit this %(object)s", name)


def use_in_admin() -> None:
    AdminSnippetChooser.__init__ = _init_in_the_admin_language
