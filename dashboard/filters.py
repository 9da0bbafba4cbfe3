"""The shared filters: one value every page reads, its defaults, and the sidebar widgets bound to the URL."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import data, i18n, memo, schema

# Widget keys double as URL query-parameter names (bind="query-params").
LANG, REGION, HUB, YEARS, KINDS = "lang", "region", "hub", "years", "kinds"
DEFAULT_KINDS: tuple[str, ...] = ("actual",)


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


def hubs_frame() -> pd.DataFrame:
    """All hubs with region and figure counts (a copy: callers may change it)."""
    return _hubs_frame().copy()


def year_bounds() -> tuple[int, int]:
    """The first and last year the data covers."""
    return _year_bounds()


# Every rerun needs both (filters, sidebar, pages): kept per data folder and uploads, so a rerun does not pay a
# query-cache lookup (argument hashing, unpickling a frame) for each.
@memo.view
def _hubs_frame() -> pd.DataFrame:
    return data.query("hubs")


@memo.view
def _year_bounds() -> tuple[int, int]:
    row = data.query("year_bounds").iloc[0]
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
    hubs = hubs_frame()
    regions = tuple(r for r in dict.fromkeys(_as_list(state.get(REGION))) if r in schema.REGIONS)
    in_regions = hubs[hubs.region_code.isin(regions)] if regions else hubs
    picked = tuple(h for h in dict.fromkeys(_as_list(state.get(HUB))) if h in set(in_regions.hub_id))
    chosen = picked or tuple(in_regions.hub_id)
    lo, hi = year_bounds()
    years = _as_list(state.get(YEARS))
    try:
        y0, y1 = (int(years[0]), int(years[1])) if len(years) == 2 else (lo, hi)
    except (TypeError, ValueError):
        y0, y1 = lo, hi
    if not (lo <= y0 <= y1 <= hi):
        y0, y1 = lo, hi
    raw_kinds = state.get(KINDS, list(DEFAULT_KINDS))
    kinds = tuple(k for k in schema.KINDS if k in _as_list(raw_kinds))
    if KINDS in state and not _as_list(raw_kinds):
        kinds = ()  # the user switched every kind off: pages explain instead of guessing
    elif not kinds:
        kinds = DEFAULT_KINDS
    return Filters(lang, regions, chosen, y0, y1, kinds, picked)


def current() -> Filters:
    """The filters of this session, as the sidebar left them (or as a test seeded them)."""
    _ensure_frame()
    return clean(st.session_state)


def _ensure_frame() -> None:
    """Make a deep link work on a fresh server: run the page through app.py, never on its own.

    Until app.py has called st.navigation once in this process, Streamlit treats `pages/` as a
    legacy pages folder and runs a deep-linked page (e.g. /budgets) without the frame and filters.
    The flag is process-wide; clearing it and rerunning sends this run through app.py's router,
    which picks the page by its URL path.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


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
    years = values(YEARS)
    if len(years) == 2 and all(y.strip().isdigit() and len(y.strip()) <= 4 for y in years):
        y0, y1 = int(years[0]), int(years[1])
        if bounds[0] <= y0 <= y1 <= bounds[1]:
            out[YEARS] = (y0, y1)
    kinds = [k for k in schema.KINDS if k in values(KINDS)]
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
    st.session_state.update(from_url(params, hubs_frame().hub_id, year_bounds()))


def _write_url(f: Filters) -> None:
    """Keep the address bar in step with the filters, so a copied link reproduces the view."""
    wanted = to_url(f, year_bounds())
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
    hubs = hubs_frame()
    lo, hi = year_bounds()
    state = st.session_state
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
    names = {r.hub_id: _hub_option_label(r, lang) for r in in_regions.itertuples()}
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
    state[KINDS] = [k for k in schema.KINDS if k in _as_list(state.get(KINDS, list(DEFAULT_KINDS)))]
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


def _hub_option_label(row, lang: str) -> str:
    name = i18n.label(row, "name", lang)
    if row.hub_type == "aggregate":
        return f"{name} · {i18n.t('hub_type.aggregate', lang)}"
    return name
