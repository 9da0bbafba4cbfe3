"""The shared filters and all URL state: the one place where a value from the URL is read and validated.

Shared filters (language, regions, hubs, years, kinds) and each page's own choices (metric, compared hubs, scale,
Sources search, map options, hub profile) are read from the URL here, once per session, keeping only valid values:
anything else falls back to its default silently. Values become numbers only from ASCII digits (`str.isdigit()`
also accepts ², ①, ４ and ٣). The address bar is kept in step with what the page shows, defaults left out, so a
copied link reproduces the view.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import data, fmt, i18n, memo, schema, streamlit_shims, upload

# Widget keys double as URL query-parameter names (bind="query-params").
LANG, REGION, HUB, YEARS, KINDS = "lang", "region", "hub", "years", "kinds"
# Every kind by default, each marked on the charts (solid actual, hollow plan, ...): an "actual only" default made
# whole metrics vanish with no hint. Narrowing the kinds is one click in the sidebar, and pages say what it hides.
DEFAULT_KINDS: tuple[str, ...] = tuple(schema.KINDS)


@dataclass(frozen=True)
class Filters:
    """What the user chose; `hubs` is already resolved (all hubs of the chosen regions when none is picked)."""

    lang: str
    regions: tuple[str, ...]
    hubs: tuple[str, ...]
    year_from: int
    year_to: int
    kinds: tuple[str, ...]
    picked_hubs: tuple[str, ...] = ()

    @property
    def hub_list(self) -> list[str]:
        return list(self.hubs)

    @property
    def kind_list(self) -> list[str]:
        return list(self.kinds)


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


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def clean(state) -> Filters:
    """Filters from a session-state-like mapping; anything unknown or malformed falls back to its default."""
    lang = state.get(LANG)
    if lang not in schema.LANGUAGES:
        lang = i18n.default_lang(_browser_locale())
    uploads = upload.session_uploads(state)
    hubs = hubs_frame(uploads)
    regions = tuple(r for r in dict.fromkeys(_as_list(state.get(REGION))) if r in schema.REGIONS)
    in_regions = hubs[hubs.region_code.isin(regions)] if regions else hubs
    picked = tuple(h for h in dict.fromkeys(_as_list(state.get(HUB))) if h in set(in_regions.hub_id))
    chosen = picked or tuple(in_regions.hub_id)
    lo, hi = year_bounds(uploads)
    years = _as_list(state.get(YEARS))
    try:
        y0, y1 = (int(years[0]), int(years[1])) if len(years) == 2 else (lo, hi)
    except (TypeError, ValueError):
        y0, y1 = lo, hi
    if not (lo <= y0 <= y1 <= hi):
        y0, y1 = lo, hi
    raw_kinds = state.get(KINDS, list(DEFAULT_KINDS))
    kinds = schema.in_kind_order(_as_list(raw_kinds))
    if KINDS in state and not _as_list(raw_kinds):
        kinds = ()  # the user switched every kind off: pages explain instead of guessing
    elif not kinds:
        kinds = DEFAULT_KINDS
    return Filters(lang, regions, chosen, y0, y1, kinds, picked)


def current() -> Filters:
    """The filters of this session, as the sidebar left them (or as a test seeded them)."""
    streamlit_shims.route_through_frame()
    return clean(st.session_state)


def lang() -> str:
    """The UI language of this session: chosen, else from the URL, else from the browser's locale."""
    value = st.session_state.get(LANG)
    if value not in schema.LANGUAGES:
        value = st.query_params.get(LANG)
    return value if value in schema.LANGUAGES else i18n.default_lang(_browser_locale())


def _browser_locale() -> str | None:
    try:
        return st.context.locale
    except Exception:  # outside a running app (tests, scripts) there is no browser
        return None


def from_url(params: dict[str, list[str]], hub_ids, bounds: tuple[int, int]) -> dict:
    """The valid filter settings in URL parameters, as session-state values; anything else is ignored.

    Values are codes (`lang=en`, `region=24`, `hub=gwangju_ai_cluster`, `years=2019&years=2023`,
    `kinds=plan`), so a link reads the same in either language.
    """

    def values(key: str) -> list[str]:
        raw = params.get(key)
        # Anything but a string or a list of strings (a caller's mistake, never a browser's) counts as absent.
        items = [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, (list, tuple)) else []
        return [v for v in items[:MAX_URL_VALUES] if isinstance(v, str)]

    out: dict = {}
    langs = [v for v in values(LANG) if v in schema.LANGUAGES]
    if langs:
        out[LANG] = langs[0]
    regions = list(dict.fromkeys(v for v in values(REGION) if v in schema.REGIONS))
    if regions:
        out[REGION] = regions
    known = set(hub_ids)
    hubs = list(dict.fromkeys(v for v in values(HUB) if v in known))
    if hubs:
        out[HUB] = hubs
    years = [ascii_int(y) for y in values(YEARS)]
    if len(years) == 2 and None not in years:
        y0, y1 = years
        if bounds[0] <= y0 <= y1 <= bounds[1]:
            out[YEARS] = (y0, y1)
    kinds = list(schema.in_kind_order(values(KINDS)))
    if kinds:
        out[KINDS] = kinds
    return out


def to_url(f: Filters, bounds: tuple[int, int]) -> dict[str, list[str]]:
    """URL parameters for the filters: the language always, the rest only where they differ from defaults."""
    out = {LANG: [f.lang]}
    if f.regions:
        out[REGION] = list(f.regions)
    if f.picked_hubs:
        out[HUB] = list(f.picked_hubs)
    if (f.year_from, f.year_to) != bounds:
        out[YEARS] = [str(f.year_from), str(f.year_to)]
    if f.kinds != DEFAULT_KINDS:
        out[KINDS] = list(f.kinds)
    return out


def ascii_int(text, max_digits: int = 4) -> int | None:
    """The whole number written in `text` with ASCII digits only (surrounding spaces allowed), else None.

    `str.isdigit()` is true for "²", "①", "４" and "٣"; int() rejects some of them and reads others, so neither
    decides what a URL number is.
    """
    if not isinstance(text, str):
        return None
    digits = text.strip(" ")
    if not digits or len(digits) > max_digits or not all("0" <= ch <= "9" for ch in digits):
        return None
    return int(digits)


MAX_URL_VALUES = 50  # more repeated values than any filter has options is noise, not intent
_SEEDED = "_filters_seeded_from_url"


def _seed_from_url() -> None:
    """Once per session: take the valid filter values of the opening URL into session state."""
    if st.session_state.get(_SEEDED):
        return
    st.session_state[_SEEDED] = True
    try:
        params = {key: st.query_params.get_all(key) for key in (LANG, REGION, HUB, YEARS, KINDS)}
    except Exception:  # a malformed query string must not stop the app
        return
    uploads = upload.session_uploads(st.session_state)
    st.session_state.update(from_url(params, hubs_frame(uploads).hub_id, year_bounds(uploads)))


def _write_url(f: Filters) -> None:
    """Keep the address bar in step with the filters, so a copied link reproduces the view."""
    wanted = to_url(f, year_bounds(upload.session_uploads(st.session_state)))
    for key in (LANG, REGION, HUB, YEARS, KINDS):
        have = st.query_params.get_all(key)
        want = wanted.get(key, [])
        if have == want:
            continue
        if want:
            st.query_params[key] = want
        else:
            del st.query_params[key]


def render_language() -> str:
    """The 한국어 / English switch (URL `?lang=`, default from the browser's locale); returns the language."""
    _seed_from_url()
    default = i18n.default_lang(_browser_locale())
    if st.session_state.get(LANG) not in schema.LANGUAGES:
        st.session_state[LANG] = default
    choice = st.sidebar.segmented_control(
        "언어 · Language",
        list(schema.LANGUAGES),
        required=True,
        format_func={"ko": "한국어", "en": "English"}.get,
        key=LANG,
    )
    return choice if choice in schema.LANGUAGES else default


def render_sidebar(lang: str) -> Filters:
    """Draw the shared filters in the sidebar, keep the URL in step, and return their cleaned value."""
    _seed_from_url()
    state = st.session_state
    uploads = upload.session_uploads(state)
    hubs = hubs_frame(uploads)
    lo, hi = year_bounds(uploads)
    # Session state is the single source of the widgets' values (seeded from the URL once).
    state[REGION] = [r for r in _as_list(state.get(REGION)) if r in schema.REGIONS]
    side = st.sidebar
    side.subheader(i18n.t("filter.header", lang))
    counts = hubs.groupby("region_code").size().to_dict()
    side.multiselect(
        i18n.t("filter.regions", lang),
        list(schema.REGIONS),
        format_func=lambda code: f"{i18n.region_name(code, lang)} ({counts.get(code, 0)})",
        key=REGION,
        placeholder=i18n.t("filter.all", lang),
    )
    regions = state[REGION]
    in_regions = hubs[hubs.region_code.isin(regions)] if regions else hubs
    names = {r.hub_id: fmt.hub_label(r, lang) for r in in_regions.itertuples()}
    state[HUB] = [h for h in _as_list(state.get(HUB)) if h in names]
    side.multiselect(
        i18n.t("filter.hubs", lang),
        list(names),
        format_func=names.get,
        key=HUB,
        placeholder=i18n.t("filter.all", lang),
    )
    years = _as_list(state.get(YEARS))
    if not (len(years) == 2 and all(isinstance(y, int) for y in years) and lo <= years[0] <= years[1] <= hi):
        state[YEARS] = (lo, hi)
    side.slider(i18n.t("filter.years", lang), min_value=lo, max_value=hi, step=1, key=YEARS)
    state[KINDS] = list(schema.in_kind_order(_as_list(state.get(KINDS, list(DEFAULT_KINDS)))))
    side.pills(
        i18n.t("filter.kinds", lang),
        list(schema.KINDS),
        selection_mode="multi",
        format_func=lambda k: i18n.t(f"kind.{k}", lang),
        key=KINDS,
    )
    f = current()
    _write_url(f)
    return f


# --- each page's own choices in the URL --------------------------------------------------------------------------
# The page-local keys (widget keys, also the URL parameter names). The family pages' metric keys are
# f"{family}_metric"; SCALE is shared by the family pages' trends.
SCALE = "scale"
COMPARE_HUBS = "compare_hubs"
HUB_PROFILE = "hub_profile"
SOURCES_SEARCH = "sources_search"
SOURCES_ALL = "sources_all"
MAP_METRIC = "overview-map-metric"
MAP_PERIOD = "overview-map-period"
SEARCH_MAX_CHARS = 100
_PAGE_SEEDED = "_page_state_seeded_from_url"


def metric_key(family: str) -> str:
    """The family page's metric picker key (and URL parameter)."""
    return f"{family}_metric"


def url_values(key: str) -> list[str]:
    """The URL's values of `key` (at most MAX_URL_VALUES; [] when absent or unreadable)."""
    try:
        raw = st.query_params.get_all(key)
    except Exception:  # a malformed query string must not stop the app
        return []
    return [v for v in list(raw)[:MAX_URL_VALUES] if isinstance(v, str)]


def choice_from_url(values: list[str], options) -> str | None:
    """The first URL value that is one of `options` exactly, else None."""
    allowed = set(options)
    return next((v for v in values if v in allowed), None)


def choices_from_url(values: list[str], options, limit: int) -> list[str] | None:
    """The URL values that are among `options`, de-duplicated, at most `limit`; None when none is valid."""
    allowed = set(options)
    kept = list(dict.fromkeys(v for v in values if v in allowed))[:limit]
    return kept or None


def text_from_url(values: list[str], max_chars: int = SEARCH_MAX_CHARS) -> str | None:
    """The first URL value as search text: control characters dropped, cut to `max_chars`; None when empty."""
    if not values:
        return None
    text = "".join(ch for ch in values[0] if ch.isprintable() or ch == " ")[:max_chars]
    return text if text.strip() else None


def flag_from_url(values: list[str]) -> bool | None:
    """`1` or `true` turns a switch on, `0` or `false` off; anything else is ignored (None)."""
    first = values[0].strip().lower() if values else ""
    return True if first in ("1", "true") else False if first in ("0", "false") else None


def _first_visit(key: str) -> bool:
    """True once per session and key: the time to take the key's value from the URL."""
    seen = st.session_state.get(_PAGE_SEEDED)
    if not isinstance(seen, set):
        seen = set()
    first = key not in seen
    seen.add(key)
    st.session_state[_PAGE_SEEDED] = seen
    return first


def page_choice(key: str, options, default) -> None:
    """Before a single-choice widget: its state from the URL (first visit, valid only), a remembered valid choice,
    else `default`."""
    options = list(options)
    if _first_visit(key):
        got = choice_from_url(url_values(key), options)
        if got is not None:
            st.session_state[key] = got
    if st.session_state.get(key) not in options:
        st.session_state[key] = default


def page_choices(key: str, options, default, limit: int) -> None:
    """Before a multi-choice widget: as page_choice, for a list of at most `limit` options."""
    options = list(options)
    if _first_visit(key):
        got = choices_from_url(url_values(key), options, limit)
        if got is not None:
            st.session_state[key] = got
    remembered = st.session_state.get(key)
    if isinstance(remembered, (list, tuple)):
        kept = [v for v in dict.fromkeys(remembered) if v in set(options)][:limit]
        if kept != list(remembered):
            st.session_state[key] = kept
    else:
        st.session_state[key] = list(default)


def page_text(key: str, max_chars: int = SEARCH_MAX_CHARS) -> None:
    """Before a text input: its text from the URL on the first visit (see text_from_url)."""
    if _first_visit(key):
        got = text_from_url(url_values(key), max_chars)
        if got is not None:
            st.session_state[key] = got
    value = st.session_state.get(key)
    if not isinstance(value, str) or len(value) > max_chars:
        st.session_state[key] = value[:max_chars] if isinstance(value, str) else ""


def page_flag(key: str) -> None:
    """Before a toggle: on or off from the URL on the first visit; off by default."""
    if _first_visit(key):
        got = flag_from_url(url_values(key))
        if got is not None:
            st.session_state[key] = got
    if not isinstance(st.session_state.get(key), bool):
        st.session_state[key] = False


def write_page_param(key: str, value, default) -> None:
    """After the widget: the URL holds `value` under `key`, or nothing when it is the default."""
    if isinstance(value, bool):
        want = ["1"] if value and value != default else []
    elif isinstance(value, (list, tuple)):
        want = [] if list(value) == list(default) else [str(v) for v in value]
    else:
        want = [] if value == default or value in (None, "") else [str(value)]
    try:
        if st.query_params.get_all(key) == want:
            return
        if want:
            st.query_params[key] = want
        else:
            del st.query_params[key]
    except Exception:  # the address bar is a convenience: never stop the page for it
        pass
