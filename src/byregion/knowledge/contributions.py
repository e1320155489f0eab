"""What knowledge adds to the pages of the floors below (see `core.contributions`): a
theme's experiences, and the gathering sessions (with their materials) where an experience
on the theme was presented. Sessions have no themes of their own: that presentation
(`ExperiencePage.sessions`) is the one link the content has between a theme and the
programme."""

from django.db.models import Count, Exists, F, OuterRef
from django.urls import reverse
from django.utils.translation import ngettext

from byregion.core.contributions import Section
from byregion.core.visibility import not_restricted
from byregion.gatherings.models import Material, Session
from byregion.themes.slots import theme_counts, theme_sections
from byregion.themes.views import cut

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
    experiences, more = cut(
        ExperiencePage.objects.live()
        .filter(not_restricted(), themes=theme)
        .order_by(F("period_start").desc(nulls_last=True), "-first_published_at", "-pk")
    )
    if not experiences:
        return None
    parts = tuple(
        {"@type": "Article", "headline": e.title, "url": request.build_absolute_uri(e.url),
         "inLanguage": e.language}
        for e in experiences
    )  # fmt: skip
    # The listing's slug is a contract (the main menu links it the same way).
    listing = reverse("wagtail_serve", args=["erfaringer/"]) + f"?theme={theme.slug}"
    context = {"items": experiences, "more": more, "listing_url": listing}
    return Section("knowledge/sections/theme_experiences.html", context, parts)


@theme_sections.fill(order=30)
def theme_programme_sessions(theme, request):
    sessions, more = cut(
        theme_sessions(theme).select_related("gathering").order_by("-start", "title")
    )
    if not sessions:
        return None
    parts = tuple(
        {"@type": "Event", "name": s.title, "url": request.build_absolute_uri(s.get_url()),
         "startDate": s.start.isoformat(), "inLanguage": s.gathering.language}
        for s in sessions
    )  # fmt: skip
    context = {"items": sessions, "more": more}
    return Section("knowledge/sections/theme_sessions.html", context, parts)


@theme_sections.fill(order=40)
def theme_materials(theme, request):
    materials, more = cut(
        Material.objects.filter(session__in=theme_sessions(theme))
        .select_related("session__gathering", "document")
        .order_by("-session__start", "session__title", "sort_order")
    )
    if not materials:
        return None
    context = {"items": materials, "more": more}
    return Section("knowledge/sections/theme_materials.html", context)


@theme_counts.fill(order=20)
def theme_experience_counts(themes):
    rows = (
        ExperiencePage.objects.live()
        .filter(themes__in=themes)
        .values("themes")
        .annotate(n=Count("pk", distinct=True))
    )
    found = {row["themes"]: row["n"] for row in rows}
    return {
        theme.pk: ngettext("%(counter)s experience", "%(counter)s experiences", n) % {"counter": n}
        for theme in themes
        for n in [found.get(theme.pk, 0)]
    }
