"""{% rapportage_charts figures as charts %} and {% funding_charts figures as charts %}: the
report charts, made where they show."""

from __future__ import annotations

from django import template

from reports import charts

register = template.Library()


@register.simple_tag
def rapportage_charts(figures: dict) -> dict[str, str]:
    return charts.rapportage_charts(figures)


@register.simple_tag
def funding_charts(figures: dict) -> dict[str, str]:
    return charts.funding_charts(figures)
