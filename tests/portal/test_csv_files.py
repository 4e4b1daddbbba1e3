"""The one CSV writer: no cell is a formula, and the portal's own files read back exactly."""

import csv
import io
from decimal import Decimal

import pytest

from portal.csv_files import csv_response, safe_cell, unescape_cell, write_dict_csv

FORMULAS = ["=1+1", "@SUM(1)", "-2+3", "+1", "\t=1", "\r=1", "＝1+1", "＋1", "－2", "＠SUM(1)"]


@pytest.mark.parametrize("value", FORMULAS)
def test_a_cell_that_starts_a_formula_is_written_as_text(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["中町 一郎", "0263-00-1234", "1+1", "a=b", ""])
def test_an_ordinary_cell_is_written_as_typed(value):
    assert safe_cell(value) == value


@pytest.mark.parametrize("value", [-2, -2.5, Decimal("-3.0"), 0])
def test_numbers_are_data_not_text(value):
    assert safe_cell(value) == value


def test_none_is_an_empty_cell():
    assert safe_cell(None) == ""


@pytest.mark.parametrize("value", [*FORMULAS, "'quoted", "''twice", "'=x", "plain", "'"])
def test_unescaping_restores_exactly_what_was_written(value):
    assert unescape_cell(safe_cell(value)) == value


def test_a_file_written_with_dict_rows_parses_back_with_its_formulas_neutralised():
    stream = io.StringIO()
    write_dict_csv(stream, ["名前", "メモ"], [{"名前": '=HYPERLINK("x")', "メモ": "お茶"}])
    text = stream.getvalue()
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[1] == ['\'=HYPERLINK("x")', "お茶"]


def test_a_file_starts_with_the_bom_excel_needs():
    stream = io.StringIO()
    write_dict_csv(stream, ["名前"], [])
    assert stream.getvalue().startswith("\ufeff名前")


def test_a_row_with_an_unknown_column_is_refused():
    with pytest.raises(ValueError, match="その他"):
        write_dict_csv(io.StringIO(), ["名前"], [{"その他": "x"}])


def test_a_download_is_not_stored_by_caches():
    response, _writer = csv_response("cases.csv")
    assert response["Cache-Control"] == "no-store, private"
