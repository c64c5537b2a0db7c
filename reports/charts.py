"""Server-side SVG charts for reports: no JavaScript, no chart library.

A chart is a string of SVG with a fixed viewBox, so it looks the same on a web page and in a
WeasyPrint PDF. It carries role="img", a <title> and an aria-label that reads out every bar;
templates also show the same figures as a table. It carries no style attribute, which the site's
Content-Security-Policy would refuse: a stylesheet narrows it (`.chart { max-width: 100%;
height: auto; }`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from django.utils import formats
from django.utils.translation import gettext as _

WIDTH = 640
LABEL_WIDTH = 230
VALUE_WIDTH = 80
ROW_HEIGHT = 24
BAR_HEIGHT = 16
PADDING = 6
MAX_LABEL_CHARS = 34
COLOUR = "#0b4f6c"
# Distinct colours for the series of one chart, told apart also by people with a colour vision
# deficiency (after Okabe and Ito, darkened to a contrast of at least 3:1 on white).
SERIES_COLOURS = ["#0b4f6c", "#a6540b", "#1b7837", "#762a83", "#8c6d00"]
LEGEND_HEIGHT = 22
FONT = "DejaVu Sans, Arial, sans-serif"


def _number(value: int | float | Decimal, unit: str) -> str:
    text = formats.number_format(value)
    return f"{text} {unit}" if unit else text


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def bar_chart(
    labels: Sequence[str],
    values: Sequence[int | float | Decimal],
    *,
    title: str,
    unit: str = "",
    series: Sequence[int] | None = None,
    legend: Sequence[str] = (),
) -> str:
    """A horizontal bar chart: one row per label, the bar's length to scale, the value after it.

    Horizontal bars leave room for long labels (organisation kinds, problem categories); labels
    longer than the room are shortened in the picture but read in full in the aria-label.
    `series`: per bar, the index of its series in `legend`; each series has its own colour and
    the legend above the bars names them.
    """
    if len(labels) != len(values):
        raise ValueError("a bar chart needs one value per label")
    if series is not None and len(series) != len(labels):
        raise ValueError("a bar chart needs one series per label")
    labels = [str(label) for label in labels]
    top_room = LEGEND_HEIGHT if legend else 0
    height = top_room + PADDING * 2 + ROW_HEIGHT * max(len(labels), 1)
    largest = max((value for value in values), default=0) or 1
    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    spoken = "; ".join(
        f"{label}: {_number(value, unit)}" for label, value in zip(labels, values, strict=True)
    )
    aria = f"{title}. {spoken}" if spoken else f"{title}. {_('No data')}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-label="{escape(aria)}" '
        f'font-family="{FONT}" font-size="12">',
        f"<title>{escape(title)}</title>",
    ]
    x = PADDING
    for index, name in enumerate(legend):
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        parts += [
            f'<rect x="{x}" y="{PADDING}" width="12" height="12" fill="{colour}"/>',
            f'<text x="{x + 16}" y="{PADDING + 11}" fill="#111">{escape(str(name))}</text>',
        ]
        x += 16 + 8 * len(str(name)) + 24
    if not labels:
        parts.append(
            f'<text x="{PADDING}" y="{PADDING + 16}" fill="#555">{escape(_("No data"))}</text>'
        )
    for row, (label, value) in enumerate(zip(labels, values, strict=True)):
        top = top_room + PADDING + row * ROW_HEIGHT
        colour = SERIES_COLOURS[series[row] % len(SERIES_COLOURS)] if series else COLOUR
        middle = top + ROW_HEIGHT / 2 + 4
        length = round(room * float(value) / float(largest), 1) if value else 0
        bar_top = top + (ROW_HEIGHT - BAR_HEIGHT) / 2
        parts += [
            f'<text x="{LABEL_WIDTH - 8}" y="{middle}" text-anchor="end" fill="#111">'
            f"{escape(_short(label))}</text>",
            f'<rect x="{LABEL_WIDTH}" y="{bar_top}" width="{length}" height="{BAR_HEIGHT}" '
            f'fill="{colour}"/>',
            f'<text x="{LABEL_WIDTH + length + 6}" y="{middle}" fill="#111">'
            f"{escape(_number(value, unit))}</text>",
        ]
    parts.append("</svg>")
    return "".join(parts)


def rapportage_charts(figures: dict) -> dict[str, str]:
    """The charts of the rapportage templates, from reports.figures.rapportage()."""
    months = figures["months"]
    hours = figures["hours"]
    hour_unit = _("hours")
    return {
        "signals": bar_chart(
            [m["label"] for m in months],
            [m["signals"] for m in months],
            title=_("New signals per month"),
        ),
        "direct_hours": bar_chart(
            [m["label"] for m in months],
            [m["direct_hours"] for m in months],
            title=_("Direct hours per month"),
            unit=hour_unit,
        ),
        "categories": bar_chart(
            [row["label"] for row in figures["categories"]],
            [row["count"] for row in figures["categories"]],
            title=_("Problem categories"),
        ),
        "hours": bar_chart(
            [_("Contracted"), _("Direct"), _("Indirect"), _("Spent")],
            [hours["contracted"], hours["direct"], hours["indirect"], hours["spent"]],
            title=_("Hours contracted and spent"),
            unit=hour_unit,
            series=[0, 1, 1, 2],
            legend=[_("Contracted"), _("Delivered: direct and indirect"), _("Spent in all")],
        ),
    }


def funding_charts(figures: dict) -> dict[str, str]:
    """The charts of the funding report, from reports.funding.funding_figures().

    Only what the tables show is drawn: hours per sector and in total, and the municipality's
    totals by category, outcome and destination; a count shown as "<5" or "×" gets no bar, and
    a chart without bars is an empty string.
    """

    def total_row(key: str) -> tuple[list[dict], dict]:
        table = figures[key]
        return table["columns"], table["rows"][-1]["cells"]

    def counts(key: str, leave_out: tuple[str, ...]) -> tuple[list[str], list[int]]:
        columns, cells = total_row(key)
        shown = [
            (column["label"], cells[column["key"]])
            for column in columns
            if column["key"] not in leave_out and isinstance(cells[column["key"]], int)
        ]
        return [label for label, _value in shown], [value for _label, value in shown]

    hour_labels, hour_values, hour_series = [], [], []
    # (outside the f-string, where makemessages finds them)
    contracted, delivered = _("contracted"), _("delivered")
    for row in figures["hours"]["rows"]:
        if row["level"] == "school":
            continue
        name = row["sector"] or row["label"]
        hour_labels += [f"{name}: {contracted}", f"{name}: {delivered}"]
        hour_values += [row["cells"]["contracted"], row["cells"]["delivered"]]
        hour_series += [0, 1]

    def chart(labels_and_values: tuple[list[str], list], title: str) -> str:
        # a chart with no bar says nothing the table does not: leave it out
        return bar_chart(*labels_and_values, title=title) if labels_and_values[0] else ""

    return {
        "hours": bar_chart(
            hour_labels,
            hour_values,
            title=_("Hours contracted and delivered"),
            unit=_("hours"),
            series=hour_series,
            legend=[_("Contracted"), _("Delivered")],
        ),
        "categories": chart(counts("categories", ("active",)), _("Problem categories")),
        "outcome": chart(
            counts("outcome", ("closed", "resolved_share", "referred_share")),
            _("Resolved within school and family, or referred"),
        ),
        "referrals": chart(counts("referrals", ("referrals",)), _("Referrals by destination")),
    }
