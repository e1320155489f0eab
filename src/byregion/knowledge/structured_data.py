"""JSON-LD for an experience: a schema.org Article about its themes and regions."""

from django.utils.safestring import SafeString

from byregion.core.json_ld import as_script


def experience_json_ld(page, request, detail: dict) -> SafeString:
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title,
        "abstract": page.summary,
        "inLanguage": page.language,
        "url": page.get_full_url(request),
    }
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.date().isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.date().isoformat()
    if detail["themes"]:
        data["about"] = [theme.name for theme in detail["themes"]]
    places = [{"@type": "Place", "name": region.name} for region in detail["regions"]]
    places += [
        {"@type": "AdministrativeArea", "name": m.name, "identifier": m.code}
        for m in detail["municipalities"]
    ]
    if places:
        data["spatialCoverage"] = places
    if page.period_start:
        coverage = page.period_start.isoformat() + "/"
        coverage += page.period_end.isoformat() if page.period_end else ".."
        data["temporalCoverage"] = coverage
    return as_script(data)
