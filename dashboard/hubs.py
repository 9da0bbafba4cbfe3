"""The data's hubs (with region and figure counts) and the years it covers, uploads included: no Streamlit."""

from __future__ import annotations

import pandas as pd

from dashboard import data, memo


def hubs_frame(uploads: data.Uploads = data.NO_UPLOADS) -> pd.DataFrame:
    """All hubs with region and figure counts, `uploads` counted (a copy: callers may change it)."""
    return _hubs_frame(uploads).copy()


def year_bounds(uploads: data.Uploads = data.NO_UPLOADS) -> tuple[int, int]:
    """The first and last year the data covers, `uploads` included."""
    return _year_bounds(uploads)


# Every rerun needs both (filters, sidebar, pages): kept per data folder and uploads, so a rerun does not pay a
# query-cache lookup (argument hashing, unpickling a frame) for each.
@memo.view
def _hubs_frame(uploads: data.Uploads) -> pd.DataFrame:
    return data.query("hubs", uploads)


@memo.view
def _year_bounds(uploads: data.Uploads) -> tuple[int, int]:
    row = data.query("year_bounds", uploads).iloc[0]
    return int(row["year_min"]), int(row["year_max"])
