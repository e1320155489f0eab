"""JSON-LD for an experience: a schema.org Article about its themes and regions."""

import json

from byregion.organisations.structured_data import SCRIPT_ESCAPES


def experience_json_ld(page, request, detail: dict) -> str:
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
    # Escaped so the JSON cannot close the <script> element it sits in.
    return json.dumps(data, ensure_ascii=False).translate(SCRIPT_ESCAPES)
