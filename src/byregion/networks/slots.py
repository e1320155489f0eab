"""Places on networks' pages that apps above fill (see `core.contributions`).

`region_sections`: fillers take `(region, request)` and return a `Section` for the region's
page (its gatherings, its news), or None when they have nothing for the region.
"""

from byregion.core.contributions import Slot

region_sections = Slot("region page")
