"""The funding report as CSV (Dutch Excel) and XLSX: the same figures as the PDF.

Both are made from reports.funding.funding_figures(), so they hold only what the report may
show: suppressed counts, hours, medians. Text that a spreadsheet would read as a formula (a cell
starting with =, +, -, @, a tab or a carriage return, or with the full-width or small form of one
of these — a school named "=HYPERLINK(…)" or "＝HYPERLINK(…)") is made inert with a leading
apostrophe; numbers stay numbers.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import unicodedata
from decimal import Decimal

from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEAD = ("level", "sector", "name", "brin")
# what openpyxl refuses in a cell: control characters other than tab, newline, return
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def inert(text: str) -> str:
    """`text`, with an apostrophe in front when a spreadsheet would run it as a formula.

    Spreadsheets read the full-width and small forms (＝, ＋, －, ＠, ﹦ …) as the plain
    characters; NFKC folds them into those, so one list covers both.
    """
    first = unicodedata.normalize("NFKC", text[:1])
    return "'" + text if first.startswith(FORMULA_STARTS) else text


def _levels() -> dict[str, str]:
    return {"school": _("School"), "sector": _("Sector"), "total": _("Total")}


def _head_labels() -> list[str]:
    return [_("Level"), _("Sector"), _("Name"), _("BRIN code")]


def _rows(table: dict) -> list[list]:
    """The table as rows of plain values: the head, then one row per school, sector, total."""
    levels = _levels()
    rows = [[*_head_labels(), *(column["label"] for column in table["columns"])]]
    for row in table["rows"]:
        rows.append(
            [levels[row["level"]], row["sector"], row["label"], row["brin"], *row["values"]]
        )
    return rows


def _about(figures: dict) -> list[list]:
    period = figures["period"]
    withheld = _("Not shown, whatever the count (0 included): the counts around it are all small")
    return [
        [_("Funding report"), figures["municipality"]],
        [_("Period"), period["label"]],
        [_("From"), period["start"]],
        [_("Until"), period["end"]],
        [figures["small"], _("1 to 4: small counts are not shown")],
        [figures["hidden"], _("Hidden so that a small count cannot be worked out from the totals")],
        *([[figures["withheld"], withheld]] if figures["uses_withheld"] else []),
        [figures["small_median"], _("A median of fewer than 5 cases is not shown")],
    ]


# --- CSV -------------------------------------------------------------------------------------


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")  # Dutch Excel: a decimal comma
    if isinstance(value, datetime.date):
        return value.isoformat()
    return inert(str(value))


def funding_csv(figures: dict) -> bytes:
    """Every table of the report, one after another with a blank line between: UTF-8 with a
    byte order mark and semicolons, as Excel in Dutch opens it with a double click."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for line in _about(figures):
        writer.writerow([_csv_cell(value) for value in line])
    for table in figures["tables"]:
        writer.writerow([])
        writer.writerow([inert(table["title"])])
        for line in _rows(table):
            writer.writerow([_csv_cell(value) for value in line])
    return buffer.getvalue().encode("utf-8-sig")


# --- XLSX ------------------------------------------------------------------------------------


def _xlsx_cell(value):
    if value is None or isinstance(value, int | Decimal | datetime.date):
        return value
    return inert(_ILLEGAL.sub("", str(value)))


def _sheet_title(title: str, taken: set[str]) -> str:
    base = _SHEET_TITLE_FORBIDDEN.sub(" ", title).strip("' ")[:31] or "Sheet"
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def funding_xlsx(figures: dict) -> bytes:
    """A workbook with a sheet about the report, then one sheet per table; bold head rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    book = Workbook()
    taken: set[str] = set()

    about = book.active
    about.title = _sheet_title(_("About this report"), taken)
    for line in _about(figures):
        about.append([_xlsx_cell(value) for value in line])
    for cell in about[1]:
        cell.font = bold
    for cell in about["B"][2:4]:
        cell.number_format = "d-m-yyyy"
    about.column_dimensions["A"].width = 24
    about.column_dimensions["B"].width = 60

    for table in figures["tables"]:
        sheet = book.create_sheet(_sheet_title(table["title"], taken))
        kinds = [None] * len(HEAD) + [column["kind"] for column in table["columns"]]
        for line in _rows(table):
            sheet.append([_xlsx_cell(value) for value in line])
        for cell in sheet[1]:
            cell.font = bold
        for index, kind in enumerate(kinds, start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = 34 if index == 3 else 16
            if kind in ("hours", "days"):
                for cell in sheet[letter][1:]:
                    if isinstance(cell.value, int | float | Decimal):
                        cell.number_format = "0.0"
        sheet.freeze_panes = "E2"

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
