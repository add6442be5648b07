"""Reading a shop feed (a CSV or JSON file, or a JSON request body) into numbered rows.

Nothing here judges a row's values; shop.rows does that, for every source alike.
Row numbers are what a person looks for: in a CSV file the header is row 1 and the first
product row 2, as a spreadsheet numbers them; in JSON the first entry is row 1.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from .enums import FeedFormat, FeedSubject

# Spreadsheets in many European languages save "CSV" with semicolons.
CSV_DELIMITERS = ",;\t"


class FeedError(Exception):
    """The feed as a whole cannot be read; the message says why, for the person who sent it."""


@dataclass(frozen=True)
class FeedRow:
    number: int
    values: Any  # a dict for a well-formed row; anything else is rejected by the row checks
    problem: str = ""  # why the reader could not make sense of the row at all


def feed_format_for(path: Path, requested: str | None = None) -> FeedFormat:
    """The feed's format: as requested, else from the file name's extension."""
    if requested:
        return FeedFormat(requested)
    suffix = path.suffix.lower().lstrip(".")
    if suffix in list(FeedFormat):
        return FeedFormat(suffix)
    raise FeedError(
        _("Cannot tell the format of %(name)s from its name; say --format csv or --format json.")
        % {"name": path.name}
    )


def feed_rows_from_file(
    path: Path, *, subject: FeedSubject, file_format: str | None = None
) -> list[FeedRow]:
    feed_format = feed_format_for(path, file_format)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise FeedError(
            _("Cannot read %(name)s: %(reason)s") % {"name": path, "reason": error.strerror}
        ) from error
    try:
        text = raw.decode("utf-8-sig")  # Excel writes a byte-order mark before UTF-8
    except UnicodeDecodeError as error:
        raise FeedError(
            _("%(name)s is not UTF-8 text (byte %(position)s). Save it as UTF-8 and try again.")
            % {"name": path.name, "position": error.start}
        ) from error
    if feed_format == FeedFormat.CSV:
        return feed_rows_from_csv(text)
    return feed_rows_from_json(text, subject=subject)


def feed_rows_from_csv(text: str) -> list[FeedRow]:
    first_line = text.split("\n", 1)[0]
    try:
        dialect = csv.Sniffer().sniff(first_line, delimiters=CSV_DELIMITERS)
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise FeedError(_("The file is empty.")) from None
    except csv.Error as error:
        raise FeedError(
            _("The header row is not valid CSV: %(reason)s") % {"reason": error}
        ) from None
    columns = [name.strip().lower() for name in header]
    rows = []
    number = 1
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problem = _("This row is not valid CSV: %(reason)s") % {"reason": error}
            rows.append(FeedRow(number, None, problem))
            continue
        if not any(cell.strip() for cell in cells):
            continue  # blank lines, often at the end of a file
        if len(cells) > len(columns):
            problem = _("This row has %(found)s cells but the header has %(expected)s columns.") % {
                "found": len(cells),
                "expected": len(columns),
            }
            rows.append(FeedRow(number, None, problem))
            continue
        rows.append(FeedRow(number, dict(zip(columns, cells, strict=False))))
    return rows


def feed_rows_from_json(text: str, *, subject: FeedSubject) -> list[FeedRow]:
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as error:
        raise FeedError(
            _("This is not valid JSON: %(reason)s (line %(line)s, column %(column)s).")
            % {"reason": error.msg, "line": error.lineno, "column": error.colno}
        ) from None
    return feed_rows_from_payload(payload, subject=subject)


def feed_rows_from_payload(payload: Any, *, subject: FeedSubject) -> list[FeedRow]:
    """Rows from decoded JSON: a list of rows, or an object holding the list under `subject`."""
    if isinstance(payload, dict) and set(payload) == {subject.value}:
        payload = payload[subject.value]
    if not isinstance(payload, list):
        raise FeedError(
            _('Send a JSON list of %(subject)s, or an object with a "%(subject)s" list.')
            % {"subject": subject.value}
        )
    return [FeedRow(number, values) for number, values in enumerate(payload, start=1)]
