"""CSV as finance's spreadsheets open it, the same for the export and the report (pure): UTF-8 with a
BOM, ';' between fields, CRLF rows, fields with line breaks or ';' quoted, formula-like text
neutralised (:mod:`seuranta_xl.present.formulas`)."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from seuranta_xl.present.formulas import neutralise


def csv_text(rows: Iterable[Sequence[str | None]]) -> str:
    """The rows (header first) as one CSV document, BOM included."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralise(c) for c in row])
    return "\ufeff" + buf.getvalue()
