"""The KO/EN string table is complete, consistent, and lookups fail loudly."""

from __future__ import annotations

import string
from collections import namedtuple

import pandas as pd
import pytest

from dashboard import i18n, schema


def placeholders(text: str) -> set[str]:
    """The str.format field names used in `text`."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


@pytest.mark.parametrize("key", sorted(i18n.STRINGS))
def test_every_key_has_both_languages(key):
    """Each entry has exactly ko and en, both non-blank."""
    entry = i18n.STRINGS[key]
    assert set(entry) == set(i18n.LANGS)
    for lang in i18n.LANGS:
        assert entry[lang].strip(), f"{key} has an empty {lang} string"


@pytest.mark.parametrize("key", sorted(i18n.STRINGS))
def test_placeholders_match_between_languages(key):
    """A placeholder in one language exists in the other, so formatting never fails in just one."""
    entry = i18n.STRINGS[key]
    assert placeholders(entry["ko"]) == placeholders(entry["en"])


def test_korean_strings_are_translated():
    """A Korean string identical to the English one is a missed translation (unless it has no words)."""
    untranslated = [
        key
        for key, entry in i18n.STRINGS.items()
        if entry["ko"] == entry["en"] and any(ch.isalpha() for ch in entry["ko"].replace("{", "").replace("}", ""))
    ]
    assert untranslated == []


def test_t_formats_and_picks_the_language():
    """t() returns the language's text with the placeholders filled."""
    assert i18n.t("upload.accepted", "ko", n=12) == "12개 행을 불러왔습니다."
    assert i18n.t("upload.accepted", "en", n=12) == "Loaded 12 rows."
    assert i18n.t("download.chart_data", "en") == "Download this chart's data"


def test_t_raises_on_unknown_key():
    """An unknown key raises so a raw key never reaches the screen."""
    with pytest.raises(KeyError):
        i18n.t("page.nonexistent.title", "ko")


def test_t_raises_on_missing_placeholder_and_unknown_language():
    """An unfilled placeholder or an unsupported language is an error, not a half-rendered string."""
    with pytest.raises(KeyError):
        i18n.t("upload.accepted", "en")
    with pytest.raises(ValueError):
        i18n.t("filter.header", "ja")


def test_every_page_has_a_name_and_title():
    """The eight pages are all named in both languages."""
    for page in ("overview", "budgets", "firms", "personnel", "outcomes", "compare", "hub", "sources"):
        assert i18n.t(f"page.{page}.name", "ko")
        assert i18n.t(f"page.{page}.title", "en")


def test_every_kind_family_and_hub_type_is_labelled():
    """Labels exist for every value the data contract allows."""
    for kind in schema.KINDS:
        assert i18n.t(f"kind.{kind}", "en")
    for family in schema.FAMILIES:
        assert i18n.t(f"family.{family}", "ko")
    for hub_type in schema.HUB_TYPES:
        assert i18n.t(f"hub_type.{hub_type}", "ko")


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en", "en"),
        ("en-US", "en"),
        ("en_GB", "en"),
        ("EN-us", "en"),
        ("en-US,en;q=0.9,ko;q=0.8", "en"),
        ("ko", "ko"),
        ("ko-KR", "ko"),
        ("ja-JP", "ko"),
        ("english", "ko"),
        ("", "ko"),
        (None, "ko"),
    ],
)
def test_default_lang(locale, expected):
    """English locales get English, everything else Korean."""
    assert i18n.default_lang(locale) == expected


def test_label_picks_the_language_column():
    """label() reads name_ko / name_en from dicts, Series and namedtuples."""
    row = {"name_ko": "광주 AI 집적단지", "name_en": "Gwangju AI cluster"}
    assert i18n.label(row, "name", "ko") == "광주 AI 집적단지"
    assert i18n.label(pd.Series(row), "name", "en") == "Gwangju AI cluster"
    Hub = namedtuple("Hub", ["name_ko", "name_en"])
    assert i18n.label(Hub(**row), "name", "en") == "Gwangju AI cluster"


def test_label_falls_back_to_the_other_language():
    """A name missing in one language shows in the other rather than as a blank."""
    assert (
        i18n.label({"operator_ko": "정보통신산업진흥원", "operator_en": float("nan")}, "operator", "en")
        == "정보통신산업진흥원"
    )
    assert i18n.label(pd.Series({"note_ko": None, "note_en": pd.NA}), "note", "ko") == ""


def test_region_name_comes_from_the_schema():
    """Region names are read from schema.REGIONS, not a second copy."""
    assert i18n.region_name("24", "ko") == "광주"
    assert i18n.region_name("24", "en") == "Gwangju"


def test_string_tables_merge_and_refuse_a_key_in_two_files(tmp_path):
    """Each page's table is read; a key defined in two files is an error naming the file, not a silent override."""
    (tmp_path / "a.toml").write_text('["x.one"]\nko = "하나"\nen = "one"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('["x.two"]\nko = "둘"\nen = "two"\n', encoding="utf-8")
    assert i18n.load_strings(tmp_path) == {"x.one": {"ko": "하나", "en": "one"}, "x.two": {"ko": "둘", "en": "two"}}
    (tmp_path / "c.toml").write_text('["x.one"]\nko = "셋"\nen = "three"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"c\.toml: the string 'x\.one'"):
        i18n.load_strings(tmp_path)


def test_the_bundled_tables_are_the_pages_files():
    """The strings come from one table per page or part of the app, and a known key from its page's file."""
    names = sorted(p.stem for p in i18n.STRINGS_DIR.glob("*.toml"))
    assert names == ["charts", "common", "compare", "downloads", "family", "hub", "overview", "sources", "upload"]
    assert i18n.t("page.compare.title", "en") == "Compare hubs"
    assert i18n.t("filter.header", "ko") == "필터"


# Keys the code builds from a value (f"kind.{kind}", f"csv.{column}", ...): those families are checked elsewhere
# (every kind, family, hub type and page above); every other key must be written out somewhere in the app.
BUILT_KEYS = (
    "page.",
    "family.",
    "hub_type.",
    "kind.",
    "period.suffix.",
    "legend.style.",
    "legend.bar.",
    "table.col.",
    "compare.reason.",
    "compare.col.",
    "ratio.",
    "upload.guide.",
    "family_page.intro.",
    "family_page.pva.",
    "scale.",
    "overview.map.col.",
    "map.legend.",
    "coverage.mark.",
    "sources.dictionary.",
    "csv.",
)


def test_every_string_is_used_by_the_app():
    """A key no app code names (and no built family covers) is a dead string: remove it from dashboard/strings/."""
    root = i18n.STRINGS_DIR.parent.parent
    code = "\n".join(
        path.read_text(encoding="utf-8")
        for path in [*root.glob("dashboard/**/*.py"), *root.glob("pages/*.py"), root / "app.py"]
    )
    unused = [
        key
        for key in sorted(i18n.STRINGS)
        if not key.startswith(BUILT_KEYS) and f'"{key}"' not in code and f"'{key}'" not in code
    ]
    assert unused == []
