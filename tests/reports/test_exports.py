"""A name a spreadsheet would run as a formula is made inert in the CSV and the XLSX, in the
full-width form of a formula's first character as well as the plain one."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from reports.exports import funding_csv, funding_xlsx, inert
from reports.funding import funding_figures
from reports.periods import Period

FULL_WIDTH = ["＝", "＋", "－", "＠"]
SMALL = ["﹦", "﹢", "﹣", "﹫"]


@pytest.mark.parametrize("start", FULL_WIDTH + SMALL)
def test_full_width_and_small_formula_starts_are_made_inert(start):
    text = f'{start}HYPERLINK("https://example.com";"klik")'
    assert inert(text) == "'" + text


def test_other_wide_characters_stay_as_they_are():
    for text in ["Ｇｅｍｅｅｎｔｅ", "１２", "（Noord）", "×"]:
        assert inert(text) == text


def _figures(cast, name: str) -> dict:
    cast.north.name = name
    cast.north.save()
    return funding_figures(cast.north, Period.month(2026, 6))


@pytest.mark.parametrize("start", FULL_WIDTH)
def test_csv_makes_a_full_width_formula_inert(cast, start):
    name = f"{start}1+1 Noord"
    data = funding_csv(_figures(cast, name))
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert lines[0][1] == "'" + name


@pytest.mark.parametrize("start", FULL_WIDTH)
def test_xlsx_makes_a_full_width_formula_inert(cast, start):
    name = f"{start}1+1 Noord"
    book = load_workbook(io.BytesIO(funding_xlsx(_figures(cast, name))))
    cell = book.worksheets[0]["B1"]
    assert cell.value == "'" + name
    assert cell.data_type == "s"
