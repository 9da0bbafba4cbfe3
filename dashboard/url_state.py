"""Every value read from or written to the URL, the shared filters' and each page's own, checked here and only here.

A value from the URL (or from session state, which the URL seeds) is kept only when valid; anything else falls back
to its default silently. Numbers are read from ASCII digits only (`str.isdigit()` also accepts ², ①, ４ and ٣). The
address bar is kept in step with what the page shows, defaults left out, so a copied link reproduces the view.
Pages bind a widget of their own to the URL with one call: `with url_state.linked(key, rule, default): widget(...)`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import streamlit as st

from dashboard import schema

# URL parameter names, which are also the widgets' session-state keys. The shared filters:
LANG, REGION, HUB, YEARS, KINDS = "lang", "region", "hub", "years", "kinds"
FILTER_KEYS: tuple[str, ...] = (LANG, REGION, HUB, YEARS, KINDS)
# Each page's own (the family pages' metric keys are metric_key(family); SCALE is shared by their trends):
SCALE = "scale"
COMPARE_HUBS = "compare_hubs"
HUB_PROFILE = "hub_profile"
SOURCES_SEARCH = "sources_search"
SOURCES_ALL = "sources_all"
MAP_METRIC = "overview-map-metric"
MAP_PERIOD = "overview-map-period"

MAX_URL_VALUES = 50  # more repeated values than any filter has options is noise, not intent
SEARCH_MAX_CHARS = 100
_FILTERS_SEEDED = "_filters_seeded_from_url"
_PAGE_SEEDED = "_page_state_seeded_from_url"


def metric_key(family: str) -> str:
    """The family page's metric picker key (and URL parameter)."""
    return f"{family}_metric"


# --- the rules, one per kind of value (pure: URL values or session-state values in, the valid part out) -----------


def as_list(value) -> list:
    """A value as a list: None is [], a string or number is one value, a list or tuple its items."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


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


def language(values) -> str | None:
    """The first value that is a UI language code ("ko", "en"), else None."""
    return next((v for v in as_list(values) if isinstance(v, str) and v in schema.LANGUAGES), None)


def regions(values) -> list[str]:
    """The region codes among `values`, each once, in the order given."""
    return list(dict.fromkeys(v for v in as_list(values) if isinstance(v, str) and v in schema.REGIONS))


def hubs(values, known) -> list[str]:
    """The hub ids among `values` that are in `known`, each once, in the order given."""
    allowed = set(known)
    return list(dict.fromkeys(v for v in as_list(values) if isinstance(v, str) and v in allowed))


def years(values, bounds: tuple[int, int]) -> tuple[int, int] | None:
    """A (first, last) year range inside `bounds`, from two ints or two ASCII-digit texts; else None."""
    items = as_list(values)
    if len(items) != 2:
        return None
    pair = [v if isinstance(v, int) and not isinstance(v, bool) else ascii_int(v) for v in items]
    if None in pair or not (bounds[0] <= pair[0] <= pair[1] <= bounds[1]):
        return None
    return pair[0], pair[1]


def kinds(values) -> list[str]:
    """The kinds among `values`, each once, in the order of schema.KINDS."""
    return list(schema.in_kind_order(v for v in as_list(values) if isinstance(v, str)))


def choice(values, options) -> str | None:
    """The first value that is one of `options` exactly, else None."""
    allowed = set(options)
    return next((v for v in as_list(values) if isinstance(v, str) and v in allowed), None)


def choices(values, options, limit: int) -> list[str] | None:
    """The values that are among `options`, each once, at most `limit`; None when none is valid."""
    allowed = set(options)
    kept = list(dict.fromkeys(v for v in as_list(values) if isinstance(v, str) and v in allowed))[:limit]
    return kept or None


def text(values, max_chars: int = SEARCH_MAX_CHARS) -> str | None:
    """The first value as search text: control characters dropped, cut to `max_chars`; None when blank."""
    items = as_list(values)
    if not items or not isinstance(items[0], str):
        return None
    kept = "".join(ch for ch in items[0] if ch.isprintable() or ch == " ")[:max_chars]
    return kept if kept.strip() else None


def flag(values) -> bool | None:
    """`1` or `true` turns a switch on, `0` or `false` off (any case); anything else is ignored (None)."""
    items = as_list(values)
    first = items[0].strip().lower() if items and isinstance(items[0], str) else ""
    return True if first in ("1", "true") else False if first in ("0", "false") else None


# --- the shared filters -------------------------------------------------------------------------------------------


def filters_from_url(params: dict, hub_ids, bounds: tuple[int, int]) -> dict:
    """The valid filter settings in URL parameters, as session-state values; anything else is left out.

    Values are codes (`lang=en`, `region=24`, `hub=gwangju_ai_cluster`, `years=2019&years=2023`, `kinds=plan`), so a
    link reads the same in either language. Each parameter is read up to MAX_URL_VALUES values; anything but a
    string or a list of strings (a caller's mistake, never a browser's) counts as absent.
    """

    def values(key: str) -> list[str]:
        raw = params.get(key)
        items = [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, (list, tuple)) else []
        return [v for v in items[:MAX_URL_VALUES] if isinstance(v, str)]

    found = {
        LANG: language(values(LANG)),
        REGION: regions(values(REGION)),
        HUB: hubs(values(HUB), hub_ids),
        YEARS: years(values(YEARS), bounds),
        KINDS: kinds(values(KINDS)),
    }
    return {key: value for key, value in found.items() if value}


def filters_to_url(f, bounds: tuple[int, int]) -> dict[str, list[str]]:
    """URL parameters for filters `f`: the language always, the rest only where they differ from the defaults."""
    out = {LANG: [f.lang]}
    if f.regions:
        out[REGION] = list(f.regions)
    if f.picked_hubs:
        out[HUB] = list(f.picked_hubs)
    if (f.year_from, f.year_to) != bounds:
        out[YEARS] = [str(f.year_from), str(f.year_to)]
    if f.kinds != tuple(schema.KINDS):
        out[KINDS] = list(f.kinds)
    return out


def seed_filters(hub_ids, bounds: tuple[int, int]) -> None:
    """Once per session: take the valid filter values of the opening URL into session state."""
    if st.session_state.get(_FILTERS_SEEDED):
        return
    st.session_state[_FILTERS_SEEDED] = True
    st.session_state.update(filters_from_url({key: values(key) for key in FILTER_KEYS}, hub_ids, bounds))


def write_filters(f, bounds: tuple[int, int]) -> None:
    """Keep the address bar in step with the filters, so a copied link reproduces the view."""
    wanted = filters_to_url(f, bounds)
    for key in FILTER_KEYS:
        _write(key, wanted.get(key, []))


# --- each page's own state ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """One of `options` (a selectbox or segmented control)."""

    options: tuple

    def from_url(self, values) -> str | None:
        return choice(values, self.options)

    def keep(self, value, default):
        return value if value in self.options else default

    def to_url(self, value, default) -> list[str]:
        return [] if value == default or value in (None, "") else [str(value)]


@dataclass(frozen=True)
class Choices:
    """Up to `limit` distinct `options` (a multiselect)."""

    options: tuple
    limit: int

    def from_url(self, values) -> list[str] | None:
        return choices(values, self.options, self.limit)

    def keep(self, value, default):
        if not isinstance(value, (list, tuple)):
            return list(default)
        allowed = set(self.options)
        return [v for v in dict.fromkeys(v for v in value if isinstance(v, str)) if v in allowed][: self.limit]

    def to_url(self, value, default) -> list[str]:
        return [] if list(value) == list(default) else [str(v) for v in value]


@dataclass(frozen=True)
class Text:
    """Free text up to `max_chars` (a search box); the URL holds it without surrounding spaces."""

    max_chars: int = SEARCH_MAX_CHARS

    def from_url(self, values) -> str | None:
        return text(values, self.max_chars)

    def keep(self, value, default):
        return value[: self.max_chars] if isinstance(value, str) else default

    def to_url(self, value, default) -> list[str]:
        stripped = value.strip() if isinstance(value, str) else ""
        return [] if stripped == default else [stripped]


@dataclass(frozen=True)
class Flag:
    """On or off (a toggle); the URL holds `1` when on and off is the default."""

    def from_url(self, values) -> bool | None:
        return flag(values)

    def keep(self, value, default):
        return value if isinstance(value, bool) else default

    def to_url(self, value, default) -> list[str]:
        return ["1"] if value is True and value != default else []


@contextmanager
def linked(key: str, rule: Choice | Choices | Text | Flag, default) -> Iterator[None]:
    """Bind the page widget drawn inside the block (its key is `key`) to the URL parameter `key`.

    Before the widget: on the session's first visit its value comes from the URL when `rule` finds it valid; a
    remembered value is kept when still valid; otherwise `default`. After it: the URL holds the widget's value, or
    nothing when that is the default.
    """
    state = st.session_state
    if _first_visit(key):
        got = rule.from_url(values(key))
        if got is not None:
            state[key] = got
    state[key] = rule.keep(state.get(key, default), default)
    yield
    _write(key, rule.to_url(rule.keep(state.get(key, default), default), default))


# --- the address bar ----------------------------------------------------------------------------------------------


def values(key: str) -> list[str]:
    """The URL's values of `key` (at most MAX_URL_VALUES; [] when absent or unreadable)."""
    try:
        raw = st.query_params.get_all(key)
    except Exception:  # a malformed query string must not stop the app
        return []
    return [v for v in list(raw)[:MAX_URL_VALUES] if isinstance(v, str)]


def _first_visit(key: str) -> bool:
    """True once per session and key: the time to take the key's value from the URL."""
    seen = st.session_state.get(_PAGE_SEEDED)
    if not isinstance(seen, set):
        seen = set()
    first = key not in seen
    seen.add(key)
    st.session_state[_PAGE_SEEDED] = seen
    return first


def _write(key: str, want: list[str]) -> None:
    """The URL holds exactly `want` under `key` (nothing when empty); a failure never stops the page."""
    try:
        if st.query_params.get_all(key) == want:
            return
        if want:
            st.query_params[key] = want
        else:
            del st.query_params[key]
    except Exception:  # the address bar is a convenience
        pass
