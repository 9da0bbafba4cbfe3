"""Bring your own figures: the upload template, decoding, validation against the bundled data, session-only storage."""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from dashboard import data, export, i18n, memo, schema, sources_table, streamlit_shims, validate

# The one upload limit, in MB: the app's own check, the uploader widget (which refuses a bigger file before sending
# it) and server.maxUploadSize in .streamlit/config.toml (tests/test_config.py keeps them equal).
LIMIT_MB = 5
# In bytes, a MB counted as 1,000,000 bytes: so Streamlit's uploader counts it in the browser (1,048,576 only on
# Windows) and so the page states it. The server's cap is LIMIT_MB * 1,048,576 bytes plus 1 MB of multipart
# framing, so this, the smallest of the three, is the limit that applies: every file the page accepts passes all.
MAX_BYTES = LIMIT_MB * 1000 * 1000
# A file under the size limit can still hold millions of near-empty rows, each a problem: the check stops at these.
MAX_ROWS = 10_000  # lines after the header (blank ones count: they cost the reader too)
MAX_COLUMNS = 64  # the template has 18
MAX_PROBLEMS = 1_000  # a refused file's problems kept and offered for download; the check stops once past it
PROBE_ROWS = 500  # a long file's first rows are checked alone first: past MAX_PROBLEMS there, the check stops
MAX_LISTED = 200  # problems shown on the page; the full list is a download
FIGURE_PREFIX = "user-"  # bundled figure ids never start with it, so an upload cannot take a bundled id
SOURCE_PREFIX = sources_table.USER_SOURCE_PREFIX
# A user row cites its own source in these columns, or names a bundled source in source_id.
SOURCE_COLUMNS: tuple[str, ...] = ("source_publisher", "source_title", "source_published", "source_url")
FACT_NAMES: tuple[str, ...] = tuple(c.name for c in schema.FACT_COLUMNS)
TEMPLATE_COLUMNS: tuple[str, ...] = (*FACT_NAMES, *SOURCE_COLUMNS)
FILE_NAME_LIMIT = 80  # an uploaded file's name is the user's text: shown cut to this length

_PUBLISHED = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
_URL = re.compile(r"https?://\S+")
_HANGUL = re.compile("[\uac00-\ud7a3]")
_BREAK = re.compile(r"\r\n|\r|\n")  # line ends as the csv reader counts physical lines


# Starlette would write a file part over 1 MB to a temporary file while parsing it (dashboard/streamlit_shims.py).
streamlit_shims.keep_uploads_in_memory(LIMIT_MB)

# Session keys of the page's own bookkeeping (the figures themselves are kept by dashboard.data).
_LAST_FILE = "_upload_last_file_id"
_REPORT = "_upload_report"
_UPLOADER = "upload_file"


@dataclass
class Outcome:
    """The result of checking one upload: accepted figures and sources, or the problems that stopped it."""

    file: str
    figures: pd.DataFrame | None = None
    sources: pd.DataFrame | None = None
    problems: list[validate.Problem] = field(default_factory=list)
    encoding: str | None = None  # "utf-8", "utf-8-sig" or "cp949"
    too_big: bool = False
    size: int = 0
    lines: int = 0  # physical lines, counted before the file is read
    columns: int = 0  # cells of the header line
    cut: int = 0  # problems found past MAX_PROBLEMS and not kept (the check stopped there)

    @property
    def too_long(self) -> bool:
        return self.lines > MAX_ROWS + 1

    @property
    def too_wide(self) -> bool:
        return self.columns > MAX_COLUMNS

    @property
    def accepted(self) -> bool:
        return self.figures is not None and not self.problems

    @property
    def converted(self) -> bool:
        return self.encoding == "cp949"


def template_bytes() -> bytes:
    """The empty upload template: the fact-table columns plus the source columns, UTF-8 with BOM for Excel.

    Header only: an example row would be a made-up figure, and uploading the template unchanged must add nothing.
    """
    return (",".join(TEMPLATE_COLUMNS) + "\r\n").encode("utf-8-sig")


def safe_file_name(name: str | None) -> str:
    """The uploaded file's name as used in messages: one line, cut to FILE_NAME_LIMIT characters."""
    text = re.sub(r"[\x00-\x1f\x7f]", "?", str(name or "upload.csv")).strip() or "upload.csv"
    return text if len(text) <= FILE_NAME_LIMIT else text[: FILE_NAME_LIMIT - 1] + "…"


def decode_upload(raw: bytes, file: str) -> tuple[str | None, str | None, validate.Problem | None]:
    """(text, encoding, problem): UTF-8 with or without BOM as is, CP949/EUC-KR converted, anything else refused."""
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig", None
        except UnicodeDecodeError:
            pass
    else:
        try:
            return raw.decode("utf-8"), "utf-8", None
        except UnicodeDecodeError:
            pass
        try:
            text = raw.decode("cp949")
        except UnicodeDecodeError:
            text = None
        # CP949 decodes many byte strings; only Hangul in the result says the file really was Korean text.
        if text is not None and _HANGUL.search(text):
            return text, "cp949", None
    _, problem = validate.decode(raw, file)
    return None, None, problem or validate.keyed(file, None, "upload.check.not_utf8")


def size_params(size: int) -> dict[str, int | float]:
    """A file's size and the limit, for the strings that state them (`5.3 MB (5,300,000 bytes)`; MB as MAX_BYTES
    counts it): exact bytes too, so a file just over the limit still reads as over."""
    return {"size_mb": size / 1_000_000, "size": size, "limit_mb": LIMIT_MB, "limit": MAX_BYTES}


# The bundled data an upload is checked against, asked for with the figure_ids and the (hub_id, metric) pairs
# the upload's rows have as the validator sees them (ids already prefixed). It returns frames typed as
# validate.read_tables types them: hubs, metrics and sources, and each family's fact rows, of which at least those
# with one of these figure_ids or pairs (only such rows can share a figure_id or a figure with the upload).
ReferenceLookup = Callable[[Sequence[str], Sequence[tuple[str, str]]], dict[str, pd.DataFrame]]


def check_upload(raw: bytes, file_name: str | None, reference: ReferenceLookup) -> Outcome:
    """Check an uploaded CSV against the bundled data (`reference`: see ReferenceLookup; the app's is
    reference_tables).

    Refuses files over MAX_BYTES before reading them. Accepted figures get ids prefixed `user-`, their family from
    the metric, and (when a row cites its own source in the source_* columns) a source `user-src-N`.
    """
    file = safe_file_name(file_name)
    outcome = Outcome(file=file, size=len(raw))
    if len(raw) > MAX_BYTES:
        outcome.too_big = True
        outcome.problems = [validate.keyed(file, None, "upload.check.too_big", **size_params(len(raw)))]
        return outcome
    # Counted on the bytes before anything is decoded or parsed (a line break is never part of a UTF-8 or CP949
    # character): a file of millions of near-empty rows is refused at once, in constant memory.
    outcome.lines = line_count(raw)
    if outcome.too_long:
        outcome.problems = [
            validate.keyed(file, None, "upload.check.too_long", lines=outcome.lines - 1, limit=MAX_ROWS)
        ]
        return outcome
    binary = validate.binary_problem(raw[: validate.BINARY_START_BYTES], file)
    if binary is not None:  # an archive, image or workbook named .csv: say what it is, not which bytes are not UTF-8
        outcome.problems = [binary]
        return outcome
    text, outcome.encoding, problem = decode_upload(raw, file)
    del raw  # the text is all that is needed from here on
    if problem is not None:
        outcome.problems = [problem]
        return outcome
    outcome.columns = header_width(text)
    if outcome.too_wide:
        outcome.problems = [
            validate.keyed(
                file,
                None,
                "upload.check.too_wide",
                columns=outcome.columns,
                template=len(TEMPLATE_COLUMNS),
                limit=MAX_COLUMNS,
            )
        ]
        return outcome
    try:
        fact_rows, sources, problems, figure_ids, pairs = _split_sources(text, file)
        del text
        if len(problems) > MAX_PROBLEMS:  # enough to refuse the file: the validator need not add more
            outcome.problems, outcome.cut = _capped(validate.sort_problems(problems), file)
            return outcome
        bundled = reference(sorted(figure_ids), sorted(pairs))
        frames = dict(bundled)
        frames["sources"] = (
            pd.concat([bundled["sources"], sources], ignore_index=True) if not sources.empty else bundled["sources"]
        )
        if not isinstance(fact_rows, str) and len(fact_rows) > PROBE_ROWS + 1:
            # The first rows alone first: a file whose every row has many problems is refused after these,
            # without building problems for all of its rows.
            _, found = validate.validate_facts_text(_write_at_lines(fact_rows[: PROBE_ROWS + 1]), file, frames)
            if len(problems) + len(found) > MAX_PROBLEMS:
                outcome.problems, outcome.cut = _capped(validate.sort_problems(problems + found), file)
                return outcome
        fact_text = fact_rows if isinstance(fact_rows, str) else _write_at_lines(fact_rows)
        del fact_rows
        figures, found = validate.validate_facts_text(fact_text, file, frames)
    except Exception as error:  # noqa: BLE001 - an upload must never take the page down
        outcome.problems = [validate.keyed(file, None, "upload.check.internal_error", error=type(error).__name__)]
        return outcome
    outcome.problems, outcome.cut = _capped(validate.sort_problems(problems + found), file)
    if outcome.problems or figures is None:
        return outcome
    if figures.empty:
        # The template as downloaded: nothing to add, and "0 figures loaded" would read like success.
        outcome.problems = [validate.keyed(file, None, "check.no_rows")]
        return outcome
    families = dict(zip(bundled["metrics"]["metric"].tolist(), bundled["metrics"]["family"].tolist()))
    figures = figures.copy()
    figures["family"] = pd.array([families.get(m) for m in figures["metric"]], dtype="string")
    used = set(figures["source_id"].dropna())
    outcome.figures = figures.reset_index(drop=True)
    outcome.sources = sources[sources["source_id"].isin(used)].reset_index(drop=True)
    return outcome


def line_count(raw: bytes) -> int:
    """Physical lines of `raw` as the csv reader counts them (\r\n, \r or \n ends a line; a last line without
    an end counts too)."""
    if not raw:
        return 0
    breaks = raw.count(b"\n") + raw.count(b"\r") - raw.count(b"\r\n")
    return breaks + (0 if raw.endswith((b"\n", b"\r")) else 1)


def header_width(text: str) -> int:
    """Cells of the first non-blank line (the header), read by the csv module from that line alone."""
    text = text.lstrip("\ufeff")
    first = _NOT_LINE_END.search(text)
    if first is None:
        return 0
    start = max(text.rfind("\n", 0, first.start()), text.rfind("\r", 0, first.start())) + 1
    end = _LINE_END.search(text, first.start())
    line = text[start : end.start() if end else len(text)]
    if not line.strip():
        return 0
    try:
        return len(next(csv.reader([line])))
    except (csv.Error, StopIteration):
        return line.count(",") + 1


_NOT_LINE_END = re.compile(r"[^\r\n]")
_LINE_END = re.compile(r"[\r\n]")


def _capped(problems: list[validate.Problem], file: str) -> tuple[list[validate.Problem], int]:
    """The first MAX_PROBLEMS problems and a last line saying the check stopped there; (problems, how many cut)."""
    if len(problems) <= MAX_PROBLEMS:
        return problems, 0
    cut = len(problems) - MAX_PROBLEMS
    return problems[:MAX_PROBLEMS] + [validate.keyed(file, None, "upload.check.stopped", limit=MAX_PROBLEMS)], cut


@dataclass(frozen=True)
class _Columns:
    """Where an upload's header puts the columns `_split_sources` needs: the fact columns kept for the validator,
    the user's own source_* columns taken out, and the places of figure_id, source_id, hub_id and metric among the
    kept ones (a column repeated in the header is read from its first place, as the validator reads it)."""

    header: list[str]
    kept: list[int]
    fact_header: list[str]
    source_at: dict[str, list[int]]
    add_source_id: bool

    @classmethod
    def of(cls, header: list[str]) -> _Columns:
        source_at = {name: [i for i, h in enumerate(header) if h == name] for name in SOURCE_COLUMNS}
        drop = {i for places in source_at.values() for i in places}
        kept = [i for i in range(len(header)) if i not in drop]
        fact_header = [header[i] for i in kept]
        add_source_id = any(source_at.values()) and "source_id" not in fact_header
        if add_source_id:
            fact_header.append("source_id")
        return cls(header, kept, fact_header, source_at, add_source_id)

    @property
    def has_sources(self) -> bool:
        return any(self.source_at.values())

    def at(self, name: str) -> int | None:
        return self.fact_header.index(name) if name in self.fact_header else None


def _split_sources(
    text: str, file: str
) -> tuple[list[tuple[int, list[str]]] | str, pd.DataFrame, list[validate.Problem], set[str], set[tuple[str, str]]]:
    """The fact-table rows the validator checks, each with its physical line (the header first; source_* columns
    taken out, ids prefixed, source ids filled in; `_write_at_lines` makes them the validator's text),
    the user's sources, problems with the source columns, and the figure_id cells and (hub_id, metric) cell pairs
    of the rows the validator is given. Physical line numbers are kept, so every validator message points at the
    uploaded file's own line."""
    problems: list[validate.Problem] = []
    if text.startswith("\ufeff"):
        text = text[1:]
    # The validator's own reader, so unreadable rows are reported exactly as for a data file.
    records, starts = validate.read_records(text, file, problems)
    header_at = next((i for i, r in enumerate(records) if r != []), None)
    if header_at is None or records[header_at] is None:
        return text, _sources_frame({}), problems, set(), set()  # the validator reports the missing header itself
    columns = _Columns.of(records[header_at])
    for name, places in columns.source_at.items():
        if len(places) > 1:
            problems.append(validate.keyed(file, starts[header_at], "check.column_twice", column=validate.shown(name)))
    id_at, hub_at, metric_at = columns.at("figure_id"), columns.at("hub_id"), columns.at("metric")
    figure_ids: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    out: list[tuple[int, list[str]]] = [(starts[header_at], columns.fact_header)]
    user_sources: dict[tuple[str, ...], str] = {}
    for i in range(header_at + 1, len(records)):
        if len(problems) > MAX_PROBLEMS:  # the file is refused anyway: stop (check_upload says it stopped)
            break
        cells = _fact_cells(records[i], columns, user_sources, file, starts[i], problems)
        if cells is None:
            continue
        out.append((starts[i], cells))
        if cells is columns.fact_header:
            continue  # a repeated header: the validator reports it
        # Every cell as written, blank ones too: a row the bundled data is searched for in vain costs nothing,
        # while a row left out could hide a collision.
        if id_at is not None:
            figure_ids.add(cells[id_at])
        if hub_at is not None and metric_at is not None:
            pairs.add((cells[hub_at], cells[metric_at]))
    return out, _sources_frame(user_sources), problems, figure_ids, pairs


def _fact_cells(
    row: list[str] | None,
    columns: _Columns,
    user_sources: dict[tuple[str, ...], str],
    file: str,
    line: int,
    problems: list[validate.Problem],
) -> list[str] | None:
    """One uploaded row as the validator's fact row (None: nothing to hand on; the header itself when the row
    repeats it). Problems with the row's shape or its own source go to `problems`, at `file` and `line`;
    a new source gets the next user source id in `user_sources`."""
    if not row:  # unreadable (already reported) or a blank line
        return None
    if row == columns.header:
        return columns.fact_header
    if len(row) != len(columns.header):
        key = "check.row_cell" if len(row) == 1 else "check.row_cells"
        problems.append(validate.keyed(file, line, key, cells=f"{len(row):,}", width=f"{len(columns.header):,}"))
        return None
    cells = [row[j] for j in columns.kept] + ([""] if columns.add_source_id else [])
    id_at, sid_at = columns.at("figure_id"), columns.at("source_id")
    if id_at is not None and cells[id_at].strip():
        cells[id_at] = FIGURE_PREFIX + cells[id_at].strip()
    if not columns.has_sources:
        return cells
    cited = {name: row[places[0]].strip() if places else "" for name, places in columns.source_at.items()}
    if not any(cited.values()):
        return cells
    if sid_at is not None and cells[sid_at].strip():
        problems.append(validate.keyed(file, line, "upload.check.both_sources"))
        return cells
    problems += [validate.keyed(file, line, key, **params) for key, params in _source_problems(cited)]
    # An id even for a faulty source: the row is refused anyway, and "source_id is empty" would only repeat the
    # problem just reported.
    key = tuple(cited[name] for name in SOURCE_COLUMNS)
    cells[sid_at] = user_sources.setdefault(key, f"{SOURCE_PREFIX}{len(user_sources) + 1}")
    return cells


def _sources_frame(user_sources: dict[tuple[str, ...], str]) -> pd.DataFrame:
    """The user's own sources as rows of the sources table, from (publisher, title, published, url) -> source id."""
    if not user_sources:
        return pd.DataFrame({c: pd.array([], dtype="string") for c in schema.column_names("sources")})
    rows = [
        {
            "source_id": source_id,
            "publisher": key[0],
            "title": key[1],
            "published": key[2],
            "published_note": None,
            "url": key[3] or None,
            "language": "ko" if _HANGUL.search(key[0] + key[1]) else "en",
        }
        for key, source_id in user_sources.items()
    ]
    return pd.DataFrame(rows, columns=schema.column_names("sources")).astype("string")


def _source_problems(cited: dict[str, str]) -> list[tuple[str, dict[str, object]]]:
    """What is wrong with one row's own source (publisher, title, date, link): (string key, its parameters)."""
    out: list[tuple[str, dict[str, object]]] = []
    for name in ("source_publisher", "source_title", "source_published"):
        if not cited[name]:
            out.append(("upload.check.source_missing", {"column": name}))
    published = cited["source_published"]
    if published:
        if not _PUBLISHED.fullmatch(published):
            out.append(("upload.check.source_published_shape", {"value": validate.shown(published)}))
        else:
            parts = [int(p) for p in published.split("-")]
            try:
                datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
                real = schema.YEAR_MIN <= parts[0] <= schema.YEAR_MAX
            except ValueError:
                real = False
            if not real:
                value = validate.shown(published)
                out.append(
                    ("upload.check.source_date", {"value": value, "low": schema.YEAR_MIN, "high": schema.YEAR_MAX})
                )
    url = cited["source_url"]
    if url and not _URL.fullmatch(url):
        out.append(("upload.check.source_url", {"value": validate.shown(url)}))
    return out


def _write_at_lines(rows: list[tuple[int, list[str]]]) -> str:
    """CSV text with each row starting on its given physical line (blank lines pad; the validator skips them)."""
    parts: list[str] = []
    line = 1
    for start, cells in rows:
        if start > line:
            parts.append("\n" * (start - line))
            line = start
        buffer = io.StringIO()
        # "\r\n" as terminator makes the writer quote any cell holding \r or \n, so cells survive the round trip.
        csv.writer(buffer, lineterminator="\r\n").writerow(cells)
        written = buffer.getvalue()
        parts.append(written)
        line += len(_BREAK.findall(written))
    return "".join(parts)


# validate.read_tables' dtype per schema type: text as Arrow-backed strings with <NA>, whole numbers as Int64.
_TYPED = {"VARCHAR": pd.StringDtype("pyarrow"), "INTEGER": "Int64", "DOUBLE": "float64"}


def reference_tables(figure_ids: Sequence[str], pairs: Sequence[tuple[str, str]]) -> dict[str, pd.DataFrame]:
    """The app's ReferenceLookup: the bundled data from the loaded database, never this session's uploads.

    Hubs, metrics and sources whole; of the fact tables only the rows whose figure_id is in `figure_ids` or whose
    (hub_id, metric) is in `pairs`, and of those only figure_id and the figure key, so a check never holds the
    whole data folder. Typed as validate.read_tables types them, so every problem reads the same.
    """
    tables = {name: _typed(data.query(f"upload_reference_{name}"), name) for name in ("hubs", "metrics", "sources")}
    # Not cached: each upload asks for its own rows (tens of MB for a large file), and nothing asks for them again.
    figures = data.query(
        "upload_reference_figures",
        cached=False,
        figure_ids=list(figure_ids),
        pair_hubs=[hub for hub, _ in pairs],
        pair_metrics=[metric for _, metric in pairs],
    )
    for family in schema.FAMILIES:
        rows = figures[figures["family"] == family].reset_index(drop=True)
        tables[family] = _typed(rows, family)
    return tables


def _typed(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """`frame`'s columns of `table`, in schema order, with validate.read_tables' dtypes and missing values."""
    columns = [c for c in schema.TABLES[table] if c.name in frame.columns]
    return frame[[c.name for c in columns]].astype({c.name: _TYPED[c.sql_type] for c in columns})


# ---------------------------------------------------------------------------------------------- Streamlit


# Session-state keys of this session's uploads. They live only in the session (in memory, never on disk); caches
# are keyed on their digest (data.Uploads.key), so identical uploads share results but no session sees another's.
_SESSION_UPLOADS, _SESSION_TOKEN = "_uploads", "_upload_token"


def session_uploads(state) -> data.Uploads:
    """The uploads kept in this session's `state` (st.session_state, or an AppTest's); NO_UPLOADS if none."""
    uploads = state.get(_SESSION_UPLOADS)
    return uploads if isinstance(uploads, data.Uploads) else data.NO_UPLOADS


def keep(state, figures: pd.DataFrame, sources: pd.DataFrame | None) -> data.Uploads:
    """Keep uploaded figures (FIGURE_COLUMNS + family) and their sources in this session's `state` only.

    A token goes with them: when it is replaced or removed (forget) or the session's state is freed, the query
    results and views kept for these uploads are dropped (data.forget_uploads)."""
    uploads = data.Uploads.of(figures, sources)
    state[_SESSION_UPLOADS] = uploads
    state[_SESSION_TOKEN] = data.UploadToken(uploads.key)  # replaces (and so releases) a previous upload's token
    return uploads


def forget(state) -> None:
    """Remove this session's uploads from `state` (their kept results go with the token)."""
    for key in (_SESSION_UPLOADS, _SESSION_TOKEN):
        state.pop(key, None)


def active_count(state) -> int:
    """How many uploaded figures the session with this `state` shows."""
    figures = session_uploads(state).figures
    return 0 if figures is None else len(figures)


def sidebar_notice(lang: str) -> None:
    """A reminder on every page that this session's own figures are mixed in (and how they are marked)."""
    n = active_count(st.session_state)
    if n:
        st.sidebar.warning(i18n.t("upload.sidebar", lang, n=n), icon=":material/upload_file:")


def _remove() -> None:
    forget(st.session_state)
    st.session_state[_REPORT] = {"removed": True}


def render(lang: str) -> None:
    """The page section: template, column guide, uploader, the check's report, and the remove button."""
    st.header(i18n.t("upload.header", lang), divider="gray", anchor=False)
    st.caption(i18n.t("upload.intro", lang, limit=limit_text(lang), rows=f"{MAX_ROWS:,}"))
    st.caption(i18n.t("upload.not_saved", lang))
    st.download_button(
        i18n.t("upload.template", lang),
        data=template_bytes(),
        file_name=export.file_name("upload-template"),
        mime="text/csv",
        key="upload-template",
        on_click="ignore",
        icon=":material/description:",
        help=i18n.t("upload.template_help", lang),
    )
    with st.expander(i18n.t("upload.guide.header", lang)):
        st.dataframe(column_guide(lang), hide_index=True, key="upload-guide")
        st.dataframe(hub_id_guide(lang), hide_index=True, key="upload-hub-ids")
    # The widget refuses a bigger file before sending it, and the server's cap (server.maxUploadSize) is that
    # number too; its own English words are replaced by the user's language (uploader_style).
    st.html(uploader_style(lang))
    uploaded = st.file_uploader(
        i18n.t("upload.label", lang),
        type=["csv"],
        key=_UPLOADER,
        help=i18n.t("upload.help", lang),
        max_upload_size=LIMIT_MB,
    )
    if uploaded is not None and uploaded.file_id != st.session_state.get(_LAST_FILE):
        st.session_state[_LAST_FILE] = uploaded.file_id
        outcome = check_upload(uploaded.getvalue(), uploaded.name, reference_tables)
        st.session_state[_REPORT] = _report(outcome)
        if outcome.accepted:
            keep(st.session_state, outcome.figures, outcome.sources)
            # Everything above (the table, the sidebar's years and hubs) was drawn without them: draw again.
            st.rerun()
    _show_report(st.session_state.get(_REPORT), lang)
    n = active_count(st.session_state)
    if n:
        st.success(i18n.t("upload.active", lang, n=n), icon=":material/check_circle:")
        st.button(i18n.t("upload.remove", lang), key="upload-remove", on_click=_remove, icon=":material/delete:")


def limit_text(lang: str) -> str:
    """The upload limit as the page states it: `5 MB`, the same number the uploader widget and the server use."""
    return f"{LIMIT_MB} MB"


# Streamlit's own words in its uploader, as 1.67 draws them, by data-testid (st.file_uploader has no parameter for
# any of them, and no locale): the button ("Upload"), the drop zone's line ("5MB per file • CSV", with the MB
# counted as Streamlit counts it), the banner while a file is dragged over it ("Drag and drop a file here"), a
# refused file's error tooltip ("File must be … or smaller.", "text/plain files are not allowed.") and the
# file's size beside its name (in MB of 1,000,000 bytes, or 1,048,576 on Windows: it could disagree with the
# page's own numbers). Each text is hidden (font-size 0 or display: none) and the page's own words, from
# dashboard/strings/upload.toml with LIMIT_MB, are drawn in its place with ::after. Checked in a browser by
# tests/e2e/test_upload_chrome.py, which fails when Streamlit's English shows or the numbers disagree.
_CHROME = {
    "button": '[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] '
    '[data-testid="stMarkdownContainer"]',
    "line": '[data-testid="stFileUploaderDropzoneInstructions"] span',
    "drop": '[data-testid="stFileUploaderDropzone"] > div > span:only-child',
    "refused": '[data-testid="stTooltipErrorContent"]',
    "size": '[data-testid="stFileChip"] [data-testid="stFileChipName"] + div',
}


def uploader_style(lang: str) -> str:
    """The page's <style> putting the user's language in place of Streamlit's English in the uploader (_CHROME)."""
    limit = limit_text(lang)
    words = {
        "button": i18n.t("upload.dropzone.button", lang),
        "line": i18n.t("upload.limit", lang, limit=limit),
        "drop": i18n.t("upload.dropzone.drop", lang),
        "refused": i18n.t("upload.dropzone.refused", lang, limit=limit),
    }
    rules = [
        f"{_CHROME['button']} p {{ display: none; }}",
        f"{_CHROME['button']}::after {{ content: {_css_text(words['button'])}; }}",
        f"{_CHROME['size']} {{ display: none; }}",
    ]
    for part in ("line", "drop", "refused"):
        rules.append(f"{_CHROME[part]} {{ font-size: 0 !important; }}")
        rules.append(f"{_CHROME[part]}::after {{ content: {_css_text(words[part])}; font-size: 0.875rem; }}")
    return "<style>\n" + "\n".join(rules) + "\n</style>"


def _css_text(text: str) -> str:
    """`text` as a CSS string literal (quotes, backslashes and angle brackets escaped)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace(">", "\\3e ")
    return f'"{escaped}"'


def _report(outcome: Outcome) -> dict:
    """What the page says about the last upload, kept in session state across the rerun that follows it (at most
    MAX_PROBLEMS + 1 lines of problems, whatever the file held)."""
    return {
        "file": outcome.file,
        "accepted": outcome.accepted,
        "converted": outcome.converted,
        "too_big": outcome.too_big,
        "size": outcome.size,
        "too_long": outcome.too_long,
        "lines": outcome.lines,
        "too_wide": outcome.too_wide,
        "columns": outcome.columns,
        "cut": outcome.cut,
        "n": len(outcome.figures) if outcome.accepted else 0,
        "problems": [str(p) for p in outcome.problems],
        "problems_ko": [p.text("ko") for p in outcome.problems],  # the Korean view's words, same files and lines
    }


def _show_report(report: dict | None, lang: str) -> None:
    if not report:
        return
    if report.get("removed"):
        st.info(i18n.t("upload.removed", lang), icon=":material/delete:")
        return
    if report["converted"]:
        st.info(i18n.t("upload.converted", lang), icon=":material/translate:")
    file = report["file"]
    if report["too_big"]:
        st.error(i18n.t("upload.too_big", lang, file=file, **size_params(report["size"])), icon=":material/block:")
        return
    if report.get("too_long"):
        said = i18n.t("upload.too_long", lang, file=file, lines=report["lines"] - 1, limit=MAX_ROWS)
        st.error(said, icon=":material/block:")
        return
    if report.get("too_wide"):
        said = i18n.t(
            "upload.too_wide",
            lang,
            file=file,
            columns=report["columns"],
            limit=MAX_COLUMNS,
            template=len(TEMPLATE_COLUMNS),
        )
        st.error(said, icon=":material/block:")
        return
    if report.get("cut"):
        st.warning(i18n.t("upload.cut", lang, limit=f"{MAX_PROBLEMS:,}"), icon=":material/block:")
    problems = report.get(f"problems_{lang}") or report["problems"]
    if problems:
        found = f"{MAX_PROBLEMS:,}+" if report.get("cut") else f"{len(problems):,}"
        st.error(i18n.t("upload.rejected", lang, n=found), icon=":material/error:")
        listed = "\n".join(problems[:MAX_LISTED])
        if len(problems) > MAX_LISTED:
            listed += "\n" + i18n.t("upload.more_problems", lang, n=len(problems) - MAX_LISTED)
        st.code(listed, language=None)
        st.download_button(
            i18n.t("upload.problems_download", lang),
            data=problems_file(problems),
            file_name=export.file_name("upload-problems", ext="txt"),
            mime="text/plain",
            key="upload-problems",
            on_click="ignore",
            icon=":material/download:",
        )
    elif report["accepted"]:
        st.caption(i18n.t("upload.accepted", lang, n=report["n"]))


def problems_file(problems: list[str]) -> bytes:
    """The problems download: one per line, each line neutralised like a CSV cell (it starts with the uploaded
    file's name, which the uploader chose, and a spreadsheet may open the file)."""
    return "".join(export.neutralise(line) + "\n" for line in problems).encode("utf-8")


@memo.view
def hub_id_guide(lang: str) -> pd.DataFrame:
    """The bundled hubs' ids beside their names, for filling in the template's hub_id column."""
    hubs = data.query("hubs")
    names = [i18n.label(r, "name", lang) for r in hubs.to_dict("records")]
    return pd.DataFrame({"hub_id": hubs["hub_id"].tolist(), i18n.t("table.col.hub", lang): names})


def column_guide(lang: str) -> pd.DataFrame:
    """One row per template column: its name, whether it must be filled, and what goes in it."""
    required = {c.name: c.required for c in schema.FACT_COLUMNS}
    rows = []
    for name in TEMPLATE_COLUMNS:
        key = f"upload.guide.{name}"
        if name == "source_id" or name in SOURCE_COLUMNS:
            need = i18n.t("upload.guide.either", lang)
        else:
            need = i18n.t("csv.yes" if required.get(name) else "csv.no", lang)
        rows.append(
            {
                i18n.t("upload.guide.col.column", lang): name,
                i18n.t("upload.guide.col.required", lang): need,
                i18n.t("upload.guide.col.what", lang): i18n.t(key, lang) if key in i18n.STRINGS else "",
            }
        )
    return pd.DataFrame(rows)
