"""Open data: the data sets the portal publishes, in the national layouts, under an open licence.

Feature apps publish their data sets through a Wagtail hook registered in their
`wagtail_hooks.py` (portal imports no app of ours); `/opendata/` lists them with
the licence and the publisher, and `/opendata/<file name>` serves each registered
file (Django routes with a dot, before Wagtail's page route):

`portal_open_data_sets`
    `fn() -> DataSet`: a data set, its files and its layout, listed in `order`
    (places 10, events 30). Called at each request of `/opendata/` and of its
    files; a later registration of the same key replaces the earlier.

The national layouts are the "recommended data set" (推奨データセット) sheets,
the column lists below in their order; each list lives here and only here,
so that a second layout (the newer 自治体標準オープンデータセット) can be added
beside it. CSV files are UTF-8 with a BOM (Japanese Excel opens them), CRLF
line ends, dates YYYY-MM-DD, times HH:MM, decimal degrees (WGS84).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .csv_files import write_dict_csv
from .extension_points import contributions
from .languages import is_english
from .municipality import city

#: 公共施設一覧 (public facilities): 24 columns, in this order.
FACILITY_COLUMNS = [
    "都道府県コード又は市区町村コード",
    "NO",
    "都道府県名",
    "市区町村名",
    "名称",
    "名称_カナ",
    "名称_通称",
    "POIコード",
    "住所",
    "方書",
    "緯度",
    "経度",
    "電話番号",
    "内線番号",
    "法人番号",
    "団体名",
    "利用可能曜日",
    "開始時間",
    "終了時間",
    "利用可能日時特記事項",
    "説明",
    "バリアフリー情報",
    "URL",
    "備考",
]

#: イベント一覧 (events): 32 columns, in this order.
EVENT_COLUMNS = [
    "都道府県コード又は市区町村コード",
    "NO",
    "都道府県名",
    "市区町村名",
    "イベント名",
    "イベント名_カナ",
    "イベント名_英語",
    "開始日",
    "終了日",
    "開始時間",
    "終了時間",
    "開始日時特記事項",
    "説明",
    "料金(基本)",
    "料金(詳細)",
    "連絡先名称",
    "連絡先電話番号",
    "連絡先内線番号",
    "主催者",
    "場所名称",
    "住所",
    "方書",
    "緯度",
    "経度",
    "アクセス方法",
    "駐車場情報",
    "定員",
    "参加申込終了日",
    "参加申込終了時間",
    "参加申込方法",
    "URL",
    "備考",
]

#: The columns every national layout starts with, filled from the city's settings.
MUNICIPALITY_COLUMNS = ("都道府県コード又は市区町村コード", "都道府県名", "市区町村名")


@dataclass(frozen=True)
class DataFile:
    """One downloadable file of a data set.

    `build(request)` returns the response for `/opendata/<filename>`; a file
    served elsewhere (an app's own iCalendar feed) gives `url` instead.
    """

    filename: str
    format: str
    build: Callable[[HttpRequest], HttpResponse] | None = None
    url: str | Callable[[], str] | None = None

    def get_url(self) -> str:
        if self.build is not None:
            return reverse("opendata_file", kwargs={"filename": self.filename})
        return self.url() if callable(self.url) else (self.url or "")


@dataclass(frozen=True)
class DataSet:
    key: str
    title: Any
    description: Any
    files: tuple[DataFile, ...]
    layout: Any = ""
    columns: tuple[str, ...] = ()
    order: int = 100


def data_sets() -> list[DataSet]:
    """The data sets registered for `portal_open_data_sets`, in order."""
    return contributions("portal_open_data_sets", key="key")


def data_file(filename: str) -> DataFile | None:
    """The file of that name among the registered data sets' files."""
    for dataset in data_sets():
        for candidate in dataset.files:
            if candidate.filename == filename:
                return candidate
    return None


def licence() -> dict[str, str]:
    """The licence of every data set (the city's settings: CC BY 4.0 by default)."""
    facts = city()
    return {"name": facts.licence_name, "url": facts.licence_url}


def publisher() -> str:
    facts = city()
    if is_english():
        return facts.name_en
    return facts.prefecture_ja + facts.name_ja


def index_title():
    return _("Open data")


# --- Writing the national layouts ----------------------------------------------------------


def format_value(value) -> str:
    """Dates YYYY-MM-DD, times HH:MM, numbers as written, nothing as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


def national_rows(columns: list[str], rows: Iterable[dict]) -> Iterator[dict[str, str]]:
    """Rows in a national layout: the municipality's columns filled from settings, NO
    numbered from 1 where the row has none, every value formatted; a key that is not
    a column of the layout is an error (a programming mistake, not data)."""
    facts = city()
    known = set(columns)
    for number, row in enumerate(rows, start=1):
        unknown = set(row) - known
        if unknown:
            raise ValueError(f"Not columns of this layout: {', '.join(sorted(unknown))}")
        values = {column: format_value(row.get(column)) for column in columns}
        values["都道府県コード又は市区町村コード"] = (
            values["都道府県コード又は市区町村コード"] or facts.code
        )
        values["都道府県名"] = values["都道府県名"] or facts.prefecture_ja
        values["市区町村名"] = values["市区町村名"] or facts.name_ja
        values["NO"] = values["NO"] or str(number)
        yield values


def write_csv(stream, columns: list[str], rows: Iterable[dict[str, str]]) -> None:
    """UTF-8 with a BOM (the stream encodes), CRLF, every column, in order, no formula cell."""
    write_dict_csv(stream, columns, rows)


def csv_response(filename: str, columns: list[str], rows: Iterable[dict]) -> HttpResponse:
    stream = io.StringIO()
    write_csv(stream, columns, national_rows(columns, rows))
    response = HttpResponse(
        stream.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
