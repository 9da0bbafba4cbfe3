"""The shared filters: the sidebar's widgets and their cleaned value (Filters), over the data's hubs and years.

The hubs and years come from dashboard/hubs.py, which the views use too (they never import Streamlit).

Every value they take from the URL or from session state is checked by dashboard/url_state.py; the sidebar keeps
the address bar in step with the filters through it.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from dashboard import fmt, i18n, schema, streamlit_shims, upload, url_state
from dashboard.hubs import hubs_frame, year_bounds

# The widgets' keys, which are also their URL parameter names.
LANG, REGION, HUB, YEARS, KINDS = url_state.LANG, url_state.REGION, url_state.HUB, url_state.YEARS, url_state.KINDS
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


def from_state(state) -> Filters:
    """Filters from a session-state-like mapping; anything unknown or malformed falls back to its default."""
    lang = url_state.language(state.get(LANG)) or i18n.default_lang(_browser_locale())
    uploads = upload.session_uploads(state)
    hubs = hubs_frame(uploads)
    regions = tuple(url_state.regions(state.get(REGION)))
    in_regions = hubs[hubs.region_code.isin(regions)] if regions else hubs
    picked = tuple(url_state.hubs(state.get(HUB), in_regions.hub_id))
    chosen = picked or tuple(in_regions.hub_id)
    bounds = year_bounds(uploads)
    y0, y1 = url_state.years(state.get(YEARS), bounds) or bounds
    raw_kinds = state.get(KINDS, list(DEFAULT_KINDS))
    kinds = tuple(url_state.kinds(raw_kinds))
    if KINDS in state and not url_state.as_list(raw_kinds):
        kinds = ()  # the user switched every kind off: pages explain instead of guessing
    elif not kinds:
        kinds = DEFAULT_KINDS
    return Filters(lang, regions, chosen, y0, y1, kinds, picked)


def current() -> Filters:
    """The filters of this session, as the sidebar left them (or as a test seeded them)."""
    streamlit_shims.route_through_frame()
    return from_state(st.session_state)


def lang() -> str:
    """The UI language of this session: chosen, else from the URL, else from the browser's locale."""
    return (
        url_state.language(st.session_state.get(LANG))
        or url_state.language(url_state.values(LANG))
        or i18n.default_lang(_browser_locale())
    )


def _browser_locale() -> str | None:
    try:
        return st.context.locale
    except Exception:  # outside a running app (tests, scripts) there is no browser
        return None


def _seed_from_url() -> None:
    """Once per session: the valid filter values of the opening URL into session state (url_state checks them)."""
    uploads = upload.session_uploads(st.session_state)
    url_state.seed_filters(hubs_frame(uploads).hub_id, year_bounds(uploads))


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
    state[REGION] = url_state.regions(state.get(REGION))
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
    state[HUB] = url_state.hubs(state.get(HUB), names)
    side.multiselect(
        i18n.t("filter.hubs", lang),
        list(names),
        format_func=names.get,
        key=HUB,
        placeholder=i18n.t("filter.all", lang),
    )
    state[YEARS] = url_state.years(state.get(YEARS), (lo, hi)) or (lo, hi)
    side.slider(i18n.t("filter.years", lang), min_value=lo, max_value=hi, step=1, key=YEARS)
    state[KINDS] = url_state.kinds(state.get(KINDS, list(DEFAULT_KINDS)))
    side.pills(
        i18n.t("filter.kinds", lang),
        list(schema.KINDS),
        selection_mode="multi",
        format_func=lambda k: i18n.t(f"kind.{k}", lang),
        key=KINDS,
    )
    f = current()
    url_state.write_filters(f, (lo, hi))
    return f
