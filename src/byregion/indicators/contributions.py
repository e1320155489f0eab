"""What indicators adds to the pages of the floors below (see `core.contributions`)."""

from byregion.core.contributions import Section
from byregion.networks.slots import region_sections


@region_sections.fill(order=5)
def region_summary(region, request):
    """The region's numbers in short. The section's template reads the region page's own
    date and members (`then`, `members_then`) through `{% region_summary %}`, so it costs
    the page one query, the figures, and none once kept."""
    return Section("indicators/sections/region_summary.html")
