"""Statistics Norway's figures per municipality over time, with their source.

An `Observation` is one value of one indicator for a municipality code in a period: the
population of 1502 on 1 January 2015, or the employed residents of 1531 working in 1504 in
the 4th quarter of 2019 (a flow has a second code). The code is the one valid in that
period, as SSB publishes it, and is stored as a string, not as a `places.Place`: a code
means something only with a date, and the period gives the date; the places timeline maps
it (`indicators.regions`). Figures belong to municipalities, not to pages.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Indicator(models.TextChoices):
    POPULATION = "population", _("population on 1 January")
    COMMUTERS = "commuters", _("employed persons by municipality of residence and of work")


class Source(models.Model):
    """Where a set of figures comes from: SSB's table and variable, when and how it was
    retrieved, and the licence under which it is shown."""

    table = models.CharField(_("SSB table"), max_length=10, help_text=_('e.g. "07459"'))
    variable = models.CharField(
        _("variable"), max_length=40, help_text=_('SSB\'s contents code, e.g. "Personer1"')
    )
    title = models.CharField(_("title"), max_length=300)
    retrieved = models.DateField(
        _("retrieved"), null=True, blank=True, help_text=_("Left empty when not known.")
    )
    licence = models.CharField(_("licence"), max_length=200)
    provenance = models.TextField(
        _("provenance"), blank=True, help_text=_("The address or file the figures came from.")
    )

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.UniqueConstraint(
                fields=["table", "variable", "provenance"], name="indicators_source_unique"
            )
        ]

    def __str__(self):
        return f"SSB {self.table} ({self.variable})"


class Observation(models.Model):
    indicator = models.CharField(_("indicator"), max_length=20, choices=Indicator.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), default=0, help_text=_("1 to 4 for a quarter's figure, 0 for the year's.")
    )
    code = models.CharField(
        _("municipality code"),
        max_length=4,
        help_text=_("As valid in that year; for a flow, the municipality of residence."),
    )
    to_code = models.CharField(
        _("to municipality code"),
        max_length=4,
        blank=True,
        help_text=_("For a flow: the municipality of work. Empty otherwise."),
    )
    value = models.BigIntegerField(_("value"))
    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="observations"
    )

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "quarter", "code", "to_code"],
                name="indicators_observation_unique",
            ),
            models.CheckConstraint(condition=Q(quarter__lte=4), name="indicators_quarter_0_to_4"),
        ]
        indexes = [models.Index(fields=["indicator", "year"])]

    def __str__(self):
        flow = f"→{self.to_code}" if self.to_code else ""
        return f"{self.indicator} {self.year} {self.code}{flow}: {self.value}"
