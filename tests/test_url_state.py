"""Every URL parameter of every page, filters and page choices alike, with any Unicode: the valid value or the
default, never an error; numbers only from ASCII digits; defaults left out of the URL (issue 14.6, issue 15.1).

The expected defaults and valid values are written here by hand from data/ (not computed by the code under test).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from dashboard import schema, url_state
from tests.conftest import page_app

pytestmark = pytest.mark.usefixtures("bundled")  # these pages run on the bundled data/ folder

ALL_KINDS = list(schema.KINDS)

# Digits that str.isdigit() accepts and ASCII does not: superscripts, circled, full-width, Arabic-Indic,
# Devanagari, Thai, Bengali, Mathematical bold.
NON_ASCII_DIGITS = ["²⁰¹⁹", "①", "２０１９", "٢٠١٩", "२०१९", "๒๐๑๙", "২০১৯", "𝟐𝟎𝟏𝟗", "2０19", "201⁹", "¹", "٣"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2019", 2019),
        (" 2019 ", 2019),
        ("0", 0),
        ("0042", 42),
        ("9999", 9999),
        ("", None),
        ("   ", None),
        ("20190", None),
        ("-1", None),
        ("+1", None),
        ("1e3", None),
        ("20 19", None),
        ("2019.0", None),
        ("0x10", None),
        ("\t2019", None),
        ("2019\n", None),
        (None, None),
        (2019, None),
        *[(d, None) for d in NON_ASCII_DIGITS],
    ],
)
def test_ascii_int_reads_only_ascii_digits(text, expected):
    assert url_state.ascii_int(text) == expected


@pytest.mark.parametrize("digits", NON_ASCII_DIGITS)
def test_years_with_non_ascii_digits_are_ignored(digits):
    """`years=２０１９&years=2023` (or any other script's digits) is no year range: the default stays."""
    assert url_state.filters_from_url({"years": [digits, "2023"]}, [], (2015, 2030)) == {}
    assert url_state.filters_from_url({"years": ["2019", digits]}, [], (2015, 2030)) == {}


@pytest.mark.parametrize(
    "values, options, expected",
    [
        (["b"], ["a", "b"], "b"),
        (["x", "b", "a"], ["a", "b"], "b"),
        (["x"], ["a", "b"], None),
        ([], ["a"], None),
        (["B"], ["a", "b"], None),
        ([" b"], ["a", "b"], None),
        (["b\x00"], ["a", "b"], None),
    ],
)
def test_choice_from_url(values, options, expected):
    assert url_state.choice(values, options) == expected


@pytest.mark.parametrize(
    "values, expected",
    [
        (["b", "a", "b", "x", "c"], ["b", "a"]),
        (["x"], None),
        ([], None),
        (["c", "b", "a"], ["c", "b"]),
    ],
)
def test_choices_from_url_keeps_valid_distinct_values_up_to_the_limit(values, expected):
    assert url_state.choices(values, ["a", "b", "c"], 2) == expected


@pytest.mark.parametrize(
    "values, expected",
    [
        (["광주"], "광주"),
        (["  "], None),
        ([""], None),
        ([], None),
        (["a\x00b\x1fc"], "abc"),
        (["x" * 500], "x" * 100),
        (["1,076억", "other"], "1,076억"),
    ],
)
def test_text_from_url(values, expected):
    assert url_state.text(values) == expected


@pytest.mark.parametrize(
    "values, expected",
    [
        (["1"], True),
        (["true"], True),
        (["TRUE"], True),
        (["0"], False),
        (["false"], False),
        (["yes"], None),
        (["１"], None),
        (["¹"], None),
        ([], None),
        ([""], None),
    ],
)
def test_flag_from_url(values, expected):
    assert url_state.flag(values) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ("en", "en"),
        (["xx", "ko"], "ko"),
        (["EN"], None),
        (None, None),
        ([["en"]], None),
    ],
)
def test_language(value, expected):
    assert url_state.language(value) == expected


def test_regions_and_hubs_keep_known_codes_once_in_the_order_given():
    assert url_state.regions(["24", "99", "11", "24", 24, None]) == ["24", "11"]
    assert url_state.regions("24") == ["24"]
    assert url_state.hubs(["b", "x", "a", "b", ["a"]], ["a", "b"]) == ["b", "a"]
    assert url_state.hubs(None, ["a"]) == []


@pytest.mark.parametrize(
    "value, expected",
    [
        ((2019, 2023), (2019, 2023)),  # session state: ints from the slider
        (["2019", "2023"], (2019, 2023)),  # the URL: ASCII digits
        ([2019, "2023"], (2019, 2023)),
        ((2015, 2030), (2015, 2030)),
        ((2014, 2023), None),  # outside the data's years
        ((2023, 2019), None),  # backwards
        ((True, 2023), None),  # a flag is no year
        ((2019.0, 2023), None),
        (("２０１９", "2023"), None),
        ((2019,), None),
        (None, None),
    ],
)
def test_years(value, expected):
    assert url_state.years(value, (2015, 2030)) == expected


def test_kinds_in_schema_order_once():
    assert url_state.kinds(["target", "x", "actual", "target", None]) == ["actual", "target"]
    assert url_state.kinds("plan") == ["plan"]
    assert url_state.kinds([]) == []


@pytest.mark.parametrize(
    "rule, remembered, default, kept, written",
    [
        (url_state.Choice(("a", "b")), "b", "a", "b", ["b"]),
        (url_state.Choice(("a", "b")), "a", "a", "a", []),  # the default stays out of the URL
        (url_state.Choice(("a", "b")), "z", "a", "a", []),  # no longer an option: the default
        (url_state.Choices(("a", "b", "c"), 2), ["c", "c", "z", "a", "b"], ["a"], ["c", "a"], ["c", "a"]),
        (url_state.Choices(("a", "b", "c"), 2), ["a"], ["a"], ["a"], []),
        (url_state.Choices(("a", "b", "c"), 2), "a", ["b"], ["b"], []),  # not a list: the default
        (url_state.Text(5), "  광주 광역시 ", "", "  광주 ", ["광주"]),  # cut to 5 characters; the URL strips spaces
        (url_state.Text(5), None, "", "", []),
        (url_state.Flag(), True, False, True, ["1"]),
        (url_state.Flag(), False, False, False, []),
        (url_state.Flag(), "1", False, False, []),  # only a bool is a switch's state
    ],
)
def test_page_rules_keep_a_remembered_value_and_write_only_non_defaults(rule, remembered, default, kept, written):
    assert rule.keep(remembered, default) == kept
    assert rule.to_url(kept, default) == written


# --- every page file with URL parameters ---------------------------------------------------------------------------
# Per page: its URL keys, each with (hand-checked valid values, default, widget kind). Defaults with no sidebar
# filter and every kind shown, as data/ gives them (docs/user-journeys.md lists how they were checked).
PAGE_KEYS: dict[str, dict[str, tuple[list, object, str]]] = {
    # The trend's scale defaults to log when the metric's figures are more than 100 times apart (by hand from data/:
    # programme budgets 5억–3.5조원, total budgets 144억–1조원; firms, people and outcomes' openers and their
    # second metrics each more than 100 times apart), so the budgets default depends on the metric shown.
    "budgets": {
        "budgets_metric": (["budget_total", "budget_program"], "budget_program", "selectbox"),
        "scale": (["log", "index", "linear"], {"budget_program": "log", "budget_total": "linear"}, "segmented"),
    },
    "firms": {
        "firms_metric": (["firms_supported", "firms_resident"], "firms_resident", "selectbox"),
        "scale": (["linear", "index"], "log", "segmented"),
    },
    "personnel": {
        "personnel_metric": (["personnel_trained", "jobs_created"], "jobs_created", "selectbox"),
        "scale": (["linear", "index"], "log", "segmented"),
    },
    "outcomes": {
        "outcomes_metric": (["firm_sales", "investment_attracted"], "investment_attracted", "selectbox"),
        "scale": (["linear", "index"], "log", "segmented"),
    },
    "hub": {
        "hub_profile": (
            ["incheon_startup_park", "seoul_ai_yangjae_hub", "gwangju_ai_cluster"],
            "gwangju_ai_cluster",
            "selectbox",
        )
    },
    "compare": {
        "compare_hubs": (
            ["seoul_ai_yangjae_hub", "incheon_startup_park", "gwangju_ai_cluster"],
            ["gwangju_ai_cluster", "incheon_startup_park"],
            "multiselect",
        )
    },
    "sources": {
        "sources_search": (["광주", "Yonhap", "1,076억"], "", "text"),
        "sources_all": (["1", "true", "0"], False, "toggle"),
    },
    "overview": {
        "overview-map-metric": (
            ["firm_sales", "investment_attracted", "firms_supported"],
            "firms_supported",
            "selectbox",
        )
    },
}
FILTER_KEYS = ["lang", "region", "hub", "years", "kinds"]
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
ODD = st.sampled_from(NON_ASCII_DIGITS + ["", " ", "None", "null", "<script>", "%00", "\x00", "a" * 300, "１", "-1"])


def url_values(valid: list) -> st.SearchStrategy:
    return st.lists(st.one_of(st.sampled_from([str(v) for v in valid]), ANY_TEXT, ODD), min_size=1, max_size=4)


def expected_value(kind: str, values: list[str], valid: list, default):
    """What the widget must show for the URL values, by the rules written out (not by the code under test)."""
    if kind == "text":
        first = "".join(ch for ch in values[0] if ch.isprintable() or ch == " ")[:100]
        return first if first.strip() else default
    if kind == "toggle":
        first = values[0].strip().lower()
        return True if first in ("1", "true") else False if first in ("0", "false") else default
    ok = [v for v in values if v in set(valid)]
    if kind == "multiselect":
        kept = list(dict.fromkeys(ok))[:4]
        return kept or default
    return ok[0] if ok else default


def widget_value(at: AppTest, kind: str, key: str):
    if kind == "selectbox":
        return at.selectbox(key=key).value
    if kind == "multiselect":
        return at.multiselect(key=key).value
    if kind == "text":
        return at.text_input(key=key).value
    if kind == "toggle":
        return at.toggle(key=key).value
    return at.session_state[key]


def run_page(page: str, params: dict) -> AppTest:
    at = page_app(page, kinds=ALL_KINDS, query=params).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _check_page(page: str, data) -> None:
    keys = PAGE_KEYS[page]
    params = {}
    for key, (valid, _default, _kind) in keys.items():
        if data.draw(st.booleans(), label=f"{key} present"):
            params[key] = data.draw(url_values(valid), label=key)
    junk = st.lists(st.one_of(ANY_TEXT, ODD), min_size=1, max_size=3)
    params.update(data.draw(st.dictionaries(st.sampled_from(FILTER_KEYS), junk, max_size=3), label="filters"))
    at = run_page(page, params)
    written = {k: ([v] if isinstance(v, str) else list(v)) for k, v in at.query_params.items()}
    for key, (valid, default, kind) in keys.items():
        if isinstance(default, dict):  # a default that depends on the metric shown
            default = default[at.selectbox(key=f"{page}_metric").value]
        want = expected_value(kind, params[key], valid, default) if key in params else default
        assert widget_value(at, kind, key) == want, (key, params.get(key))
        # The URL holds the value only when it is not the default.
        if want == default:
            assert key not in written or written[key] == [], (key, written)
        elif kind == "toggle":
            assert written[key] == ["1"]
        elif kind == "multiselect":
            assert written[key] == want
        elif kind == "text":
            assert written[key] == [want.strip()]
        else:
            assert written[key] == [want]


@pytest.mark.parametrize("page", sorted(PAGE_KEYS))
def test_each_page_reads_its_url_state_or_falls_back(page):
    """Hypothesis per page: any Unicode in any of its URL parameters (and the filters') gives the linked valid
    choice or the default, never an error."""

    # No shrinking: each example is a whole page run; the failing example is printed as drawn.
    @settings(
        max_examples=6,
        deadline=None,
        phases=[Phase.explicit, Phase.reuse, Phase.generate],
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(data=st.data())
    def check(data):
        _check_page(page, data)

    check()


@pytest.mark.parametrize(
    "page, params, key, kind, want",
    [
        (
            "budgets",
            {"budgets_metric": ["budget_total"], "scale": ["log"]},
            "budgets_metric",
            "selectbox",
            "budget_total",
        ),
        ("budgets", {"budgets_metric": ["budget_total"], "scale": ["log"]}, "scale", "segmented", "log"),
        ("budgets", {"scale": ["LOG"]}, "scale", "segmented", "log"),  # programme budgets open on log
        ("budgets", {"budgets_metric": ["budget_total"], "scale": ["LOG"]}, "scale", "segmented", "linear"),
        (
            "firms",
            {"firms_metric": ["budget_total"]},
            "firms_metric",
            "selectbox",
            "firms_resident",
        ),  # another family's
        ("hub", {"hub_profile": ["incheon_startup_park"]}, "hub_profile", "selectbox", "incheon_startup_park"),
        ("hub", {"hub_profile": ["²"]}, "hub_profile", "selectbox", "gwangju_ai_cluster"),
        (
            "compare",
            {"compare_hubs": ["seoul_ai_yangjae_hub", "incheon_startup_park", "nope"]},
            "compare_hubs",
            "multiselect",
            ["seoul_ai_yangjae_hub", "incheon_startup_park"],
        ),
        (
            "compare",
            {"compare_hubs": ["①"]},
            "compare_hubs",
            "multiselect",
            ["gwangju_ai_cluster", "incheon_startup_park"],
        ),
        ("sources", {"sources_search": ["1,076억"], "sources_all": ["1"]}, "sources_search", "text", "1,076억"),
        ("sources", {"sources_all": ["１"]}, "sources_all", "toggle", False),
        ("overview", {"overview-map-metric": ["firm_sales"]}, "overview-map-metric", "selectbox", "firm_sales"),
    ],
)
def test_linked_page_state_by_hand(page, params, key, kind, want):
    """A few links written out: the linked view, or the default for a value that is not one of the options."""
    at = run_page(page, params)
    assert widget_value(at, kind, key) == want


def test_hub_page_leaves_the_default_hub_out_of_the_url():
    at = run_page("hub", {"hub_profile": ["gwangju_ai_cluster"]})
    assert "hub_profile" not in dict(at.query_params)


@pytest.mark.parametrize(
    "page, kind, key, value",
    [
        ("budgets", "selectbox", "budgets_metric", "budget_total"),
        ("budgets", "segmented", "scale", "index"),
        ("hub", "selectbox", "hub_profile", "incheon_startup_park"),
        (
            "compare",
            "multiselect",
            "compare_hubs",
            ["seoul_ai_yangjae_hub", "gwangju_ai_cluster", "incheon_startup_park"],
        ),
        ("sources", "text", "sources_search", "1천76억"),
        ("sources", "toggle", "sources_all", True),
        ("overview", "selectbox", "overview-map-metric", "firm_sales"),
    ],
)
def test_page_state_round_trips_through_the_url(page, kind, key, value):
    """A choice made in the page goes into the URL; that URL opened in a new session shows the same choice."""
    at = run_page(page, {})
    if kind == "selectbox":
        at.selectbox(key=key).set_value(value).run()
    elif kind == "multiselect":
        at.multiselect(key=key).set_value(value).run()
    elif kind == "text":
        at.text_input(key=key).input(value).run()
    elif kind == "toggle":
        at.toggle(key=key).set_value(value).run()
    else:
        at.session_state[key] = value
        at.run()
    assert not at.exception
    link = {k: ([v] if isinstance(v, str) else list(v)) for k, v in at.query_params.items()}
    assert key in link
    again = run_page(page, link)
    assert widget_value(again, kind, key) == value
