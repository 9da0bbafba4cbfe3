"""Shared test helpers: paths to the bundled data and the fixture folders, download capture, and `page_app`, the one
way page tests seed the sidebar filters (and uploads, page keys, URL parameters) before running a page."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
QUERY_FIXTURE = FIXTURES / "queries"
ALL_YEARS = "all"  # page_app(years=ALL_YEARS): the data folder's whole year range


def page_app(
    page: str,
    *,
    lang: str = "ko",
    region=(),
    hubs=(),
    years=None,
    kinds=None,
    uploads=None,
    query: dict | None = None,
    timeout: float = 60,
    **state,
):
    """An AppTest of `pages/<page>.py` (`"app"`: the frame, app.py) with the sidebar filters seeded in session state
    as the sidebar sets them, not yet run (call `.run()`).

    `years`: a (first, last) pair, `ALL_YEARS` for the data's whole range, or None to leave the slider's default;
    `kinds`: None for every kind (the filter's default); `uploads`: (figures, sources) kept as the upload section
    keeps them; `query`: URL parameters; `state`: any other session keys (page widgets)."""
    from streamlit.testing.v1 import AppTest

    from dashboard import data, filters, schema, upload

    script = ROOT / "app.py" if page == "app" else ROOT / "pages" / f"{page}.py"
    at = AppTest.from_file(str(script), default_timeout=timeout)
    if years == ALL_YEARS:
        bounds = data.query("year_bounds").iloc[0]
        years = (int(bounds["year_min"]), int(bounds["year_max"]))
    seeded = {
        filters.LANG: lang,
        filters.REGION: list(region),
        filters.HUB: list(hubs),
        filters.KINDS: list(schema.KINDS if kinds is None else kinds),
    }
    if years is not None:
        seeded[filters.YEARS] = years
    for key, value in {**seeded, **state}.items():
        at.session_state[key] = value
    for key, value in (query or {}).items():
        at.query_params[key] = value
    if uploads is not None:
        upload.keep(at.session_state, *uploads)
    return at


def upload_row(**cells: str) -> str:
    """One upload line in the template's column order; unnamed cells stay empty (CSV-quoted where needed)."""
    from dashboard import upload

    unknown = set(cells) - set(upload.TEMPLATE_COLUMNS)
    assert not unknown, unknown
    out = io.StringIO()
    # "\r\n" as terminator makes the writer quote cells holding a line end; the terminator itself is cut off.
    csv.writer(out, lineterminator="\r\n").writerow([cells.get(c, "") for c in upload.TEMPLATE_COLUMNS])
    return out.getvalue()[:-2]


def upload_file(**cells: str) -> bytes:
    """A whole upload: the template's header and one line of `cells` (upload_row), UTF-8 with CRLF line ends."""
    from dashboard import upload

    return "\r\n".join([",".join(upload.TEMPLATE_COLUMNS), upload_row(**cells), ""]).encode("utf-8")


# A 2021 actual resident-firms figure of the query fixture's hub h_a citing its own source (made here, not in data/),
# written as the upload's own CSV.
UPLOAD_FIGURE: dict[str, str] = next(
    csv.DictReader(
        io.StringIO(
            "figure_id,hub_id,metric,value,unit,period_start,period_end,kind,quote,source_publisher,source_title,"
            "source_published\nx1,h_a,firms_resident,77,firms,2021,2021,actual,q,P,T,2024-02-03\n"
        )
    )
)


def upload_line(**cells: str) -> str:
    """The upload line of UPLOAD_FIGURE with `cells` changed."""
    return upload_row(**{**UPLOAD_FIGURE, **cells})


@pytest.fixture
def downloads(monkeypatch):
    """(file name, bytes) of every file handed to a download button during the runs, in call order
    (`dict(downloads)` keeps the latest file per name)."""
    from streamlit.runtime.media_file_storage import MediaFileKind
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    captured: list[tuple[str, bytes]] = []
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        if kind is MediaFileKind.DOWNLOADABLE:
            captured.append((filename, path_or_data))
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    return captured


@pytest.fixture
def bundled(monkeypatch):
    """The bundled data/ folder, whatever HUBS_DATA_DIR says (the app's default folder)."""
    monkeypatch.delenv("HUBS_DATA_DIR", raising=False)
    return ROOT / "data"


@pytest.fixture
def query_data(monkeypatch):
    """Point the query layer at the tiny query fixture folder."""
    monkeypatch.setenv("HUBS_DATA_DIR", str(QUERY_FIXTURE))
    return QUERY_FIXTURE
