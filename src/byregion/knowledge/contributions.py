"""What knowledge adds to the pages of the floors below (see `core.contributions`): a
theme's experiences, and the gathering sessions (with their materials) where an experience
on the theme was presented. Sessions have no themes of their own: that presentation
(`ExperiencePage.sessions`) is the one link the content has between a theme and the
programme."""

from django.db.models import Exists, F, OuterRef
from django.urls import reverse
from django.utils.translation import ngettext

from byregion.core.addresses import absolute
from byregion.core.visibility import not_restricted
from byregion.gatherings.models import Material, Session
from byregion.themes.sections import count_phrases, theme_section
from byregion.themes.slots import theme_counts, theme_sections

from .models import ExperiencePage


def theme_sessions(theme):
    """Sessions of live, public gatherings where a live experience of the theme was
    presented."""
    presented = ExperiencePage.objects.live().filter(
        not_restricted(), themes=theme, sessions=OuterRef("pk")
    )
    return Session.objects.filter(
        Exists(presented), not_restricted("gathering__path"), gathering__live=True
    )


@theme_sections.fill(order=20)
def theme_experiences(theme, request):
    return theme_section(
        "knowledge/sections/theme_experiences.html",
        "theme-experiences",
        ExperiencePage.objects.live()
        .filter(not_restricted(), themes=theme)
        .order_by(F("period_start").desc(nulls_last=True), "-first_published_at", "-pk"),
        json_ld=lambda e: {"@type": "Article", "headline": e.title,
                           "url": absolute(e.url), "inLanguage": e.language},
        # The listing's slug is a contract (the main menu links it the same way).
        listing_url=reverse("wagtail_serve", args=["erfaringer/"]) + f"?theme={theme.slug}",
    )  # fmt: skip


@theme_sections.fill(order=30)
def theme_programme_sessions(theme, request):
    return theme_section(
        "knowledge/sections/theme_sessions.html",
        "theme-sessions",
        theme_sessions(theme).select_related("gathering").order_by("-start", "title"),
        json_ld=lambda s: {"@type": "Event", "name": s.title,
                           "url": absolute(s.get_url()),
                           "startDate": s.start.isoformat(), "inLanguage": s.gathering.language},
    )  # fmt: skip


@theme_sections.fill(order=40)
def theme_materials(theme, request):
    return theme_section(
        "knowledge/sections/theme_materials.html",
        "theme-materials",
        Material.objects.filter(session__in=theme_sessions(theme))
        .select_related("session__gathering", "document")
        .order_by("-session__start", "session__title", "sort_order"),
    )


@theme_counts.fill(order=20)
def theme_experience_counts(themes):
    return count_phrases(
        ExperiencePage.objects.live(),
        themes,
        lambda n: ngettext("%(counter)s experience", "%(counter)s experiences", n) % {"counter": n},
    )
