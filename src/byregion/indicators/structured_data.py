"""schema.org JSON-LD: a region's numbers as a `Dataset` by Statistics Norway, with its
tables as CSV downloads. Only what the records hold is stated."""

from django.urls import reverse
from django.utils.translation import gettext as _

from byregion.core.addresses import absolute

from .regions import RegionNumbers

TABLES = ("population", "growth", "commuting", "flows")


def dataset(numbers: RegionNumbers, page_path: str) -> dict:
    region = numbers.region
    sources = [s for found in numbers.sources.values() for s in found]
    years = [p.year for p in numbers.population] + [c.year for c in numbers.commuting]
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": absolute(page_path),
        "url": absolute(page_path),
        "name": _("%(region)s in numbers") % {"region": region.name},
        "description": _(
            "Population and commuting of the region's centre and surroundings, from "
            "Statistics Norway's tables %(tables)s."
        )
        % {"tables": ", ".join(sorted({s.table for s in sources}))},
        "creator": {"@type": "Organization", "name": "Statistisk sentralbyrå"},
        "spatialCoverage": {"@type": "Place", "name": region.name},
        "variableMeasured": sorted({s.title for s in sources}),
        "isBasedOn": sorted({s.provenance for s in sources}),
        "license": sorted({s.licence for s in sources}),
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": "text/csv",
                "contentUrl": absolute(reverse("indicators:region_csv", args=[region.slug, table])),
            }
            for table in TABLES
        ],
    }
    if years:
        data["temporalCoverage"] = f"{min(years)}/{max(years)}"
    return data
