"""The KO/EN words of the app: `t(key, lang)` looks up the string tables in dashboard/strings/ (one per page)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard import schema

LANGS: tuple[str, ...] = schema.LANGUAGES
DEFAULT_LANG = "ko"

STRINGS_DIR = Path(__file__).resolve().parent / "strings"


def load_strings(folder: Path) -> dict[str, dict[str, str]]:
    """Every `*.toml` string table in `folder` (one a page or part of the app), merged into one key -> {lang: text}
    dict; a key in two files is an error, so the files never disagree."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as handle:
            table = tomllib.load(handle)
        for key, entry in table.items():
            if key in merged:
                raise ValueError(f"{path.name}: the string {key!r} is defined in another file of {folder} too")
            merged[key] = entry
    return merged


# Data only: the words live in dashboard/strings/*.toml, so adding a string is a three-line edit there.
STRINGS: dict[str, dict[str, str]] = load_strings(STRINGS_DIR)

_LOCALE_RE = re.compile(r"^\s*(en|ko)(?:[-_]|$)", re.IGNORECASE)


def t(key: str, lang: str, **fmt_kwargs: Any) -> str:
    """The string for `key` in `lang`, formatted with `fmt_kwargs`; KeyError on an unknown key."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGS}")
    # Always format, so a placeholder left unfilled raises instead of reaching the screen.
    return STRINGS[key][lang].format(**fmt_kwargs)


def default_lang(locale: str | None) -> str:
    """The UI language for a browser locale: `en*` gives en, `ko*` and anything else gives ko."""
    if locale:
        match = _LOCALE_RE.match(locale)
        if match:
            return match.group(1).lower()
    return DEFAULT_LANG


def label(row: Any, base: str, lang: str) -> str:
    """The `{base}_{lang}` field of a row (dict, Series or namedtuple), else the other language's, else ""."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGS}")
    # A name missing in one language is better shown in the other than left blank.
    for candidate in (lang, *(other for other in LANGS if other != lang)):
        text = _field(row, f"{base}_{candidate}")
        if text:
            return text
    return ""


def region_name(code: str, lang: str) -> str:
    """The name of a region code from schema.REGIONS in `lang`."""
    ko, en = schema.REGIONS[code]
    return {"ko": ko, "en": en}[lang]


def _field(row: Any, name: str) -> str:
    """`row[name]` (or `row.name` for namedtuples) as stripped text; "" when absent, None or NaN."""
    try:
        value = row[name]
    except (KeyError, IndexError, TypeError):
        value = getattr(row, name, None)
    # Empty cells arrive from pandas as NaN or NA, never as "".
    if value is None or (not isinstance(value, str) and bool(pd.isna(value))):
        return ""
    return str(value).strip()
