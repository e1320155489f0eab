"""What gatherings add to the pages of the floors below (see `core.contributions`)."""

from byregion.core.contributions import Section
from byregion.core.visibility import public
from byregion.networks.slots import region_sections

from .models import GatheringPage


@region_sections.fill(order=10)
def region_gatherings(region, request):
    """The public gatherings the region hosts, newest first."""
    gatherings = list(
        public(GatheringPage.objects.all()).filter(host_region=region).order_by("-start", "-pk")
    )
    if gatherings:
        return Section("gatherings/sections/region_gatherings.html", {"gatherings": gatherings})
    return None
