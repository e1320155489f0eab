"""Theme pages: `/tema/` lists the network's themes, `/tema/<slug>/` gathers what each is about.

The apps above (news, knowledge) fill the pages' sections through `themes.slots`, so this
app names none of them. A section reads the content directly, newest first, one query per
group: the index answers words, and a theme page has none.
"""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language

from byregion.core.addresses import absolute
from byregion.core.json_ld import as_script

from .models import Theme, sorted_themes
from .slots import theme_counts, theme_sections


def theme_index(request):
    themes = sorted_themes(Theme.objects.all())
    counts = theme_counts.collect(themes)
    for theme in themes:
        theme.counts = [phrases[theme.pk] for phrases in counts if theme.pk in phrases]
    index_url = absolute(reverse("themes:index"))
    json_ld = {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "url": index_url,
        "inLanguage": get_language(),
        "mainEntity": {
            "@type": "DefinedTermSet",
            "@id": index_url,
            "hasDefinedTerm": [
                {
                    "@type": "DefinedTerm",
                    "name": theme.name,
                    "termCode": theme.slug,
                    "url": absolute(reverse("themes:theme", args=[theme.slug])),
                }
                for theme in themes
            ],
        },
    }
    return render(
        request, "themes/theme_index.html", {"themes": themes, "json_ld": as_script(json_ld)}
    )


def theme_page(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    sections = theme_sections.collect(theme, request)
    about = {
        "@type": "DefinedTerm",
        "name": theme.name,
        "termCode": theme.slug,
        "inDefinedTermSet": absolute(reverse("themes:index")),
    }
    if theme.description:
        about["description"] = theme.description
    json_ld = {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": theme.name,
        "url": absolute(reverse("themes:theme", args=[theme.slug])),
        "inLanguage": get_language(),
        "about": about,
        "hasPart": [part for section in sections for part in section.json_ld],
    }
    return render(
        request,
        "themes/theme_page.html",
        {"theme": theme, "sections": sections, "json_ld": as_script(json_ld)},
    )
