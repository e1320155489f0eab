from django import template
from django.utils.translation import get_language

from byregion.core import pagecache
from byregion.indicators.charts import number
from byregion.indicators.regions import region_numbers

register = template.Library()


@register.filter
def figure(value, decimals=0):
    """A figure as the active language writes it: "62 304", "34,8"; a dash when missing."""
    return number(value, int(decimals))


@register.simple_tag
def region_summary(region, date, memberships):
    """The region's population, centre against surroundings, in its first and last year,
    and the latest commuting share, for the members on `date`; kept until the content
    changes (an import bumps it)."""

    def compute():
        numbers = region_numbers(region, date, memberships=memberships)
        if numbers.empty:
            return None
        return {
            "date": date,
            "first": numbers.population[0] if numbers.population else None,
            "last": numbers.population[-1] if numbers.population else None,
            "commuting": numbers.commuting[-1] if numbers.commuting else None,
            "notes": len(numbers.notes),
            "tables": sorted({s.table for sources in numbers.sources.values() for s in sources}),
        }

    return pagecache.remember(
        f"indicators:summary:{region.pk}:{date.isoformat()}:{get_language()}", compute
    )
