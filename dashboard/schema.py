"""The data contract: file names, columns, types and allowed values, used by loader, validator and tests."""

from __future__ import annotations

from dataclasses import dataclass

FAMILIES: tuple[str, ...] = ("budgets", "firms", "personnel", "outcomes")
KINDS: tuple[str, ...] = ("actual", "cumulative_actual", "plan", "target")  # also the order kinds are shown in
KIND_RANK: dict[str, int] = {kind: rank for rank, kind in enumerate(KINDS)}  # a sort key: actual first, target last
HUB_TYPES: tuple[str, ...] = ("hub", "programme", "aggregate")
LANGUAGES: tuple[str, ...] = ("ko", "en")

# Units a value may carry. `value` is always in the base unit named here (won, not 억원).
UNITS: dict[str, dict[str, str]] = {
    "KRW": {"ko": "원", "en": "KRW"},
    "count": {"ko": "개", "en": "count"},
    "firms": {"ko": "개사", "en": "firms"},
    "persons": {"ko": "명", "en": "people"},
    "PF": {"ko": "PF", "en": "PF"},
    "m2": {"ko": "㎡", "en": "m²"},
}

# The largest value a figure in each unit can plausibly have: anything above is a typo or a unit mix-up, and is
# refused by the validator (1e26 firms, 1e40 won). 1경 won is far above any national budget; a billion firms or
# people is more than there are; 10 million PF (10 zettaflops) and 1e11 m² (all of Korea) bound the rest.
VALUE_MAX: dict[str, float] = {
    "KRW": 1e16,
    "count": 1e9,
    "firms": 1e9,
    "persons": 1e9,
    "PF": 1e7,
    "m2": 1e11,
}

YEAR_MIN, YEAR_MAX = 1990, 2100
NATIONAL_REGION = "00"

# Province codes of ../shared/geo/korea_provinces_2018.geojson (properties.code), plus national.
REGIONS: dict[str, tuple[str, str]] = {
    "00": ("전국", "National"),
    "11": ("서울", "Seoul"),
    "21": ("부산", "Busan"),
    "22": ("대구", "Daegu"),
    "23": ("인천", "Incheon"),
    "24": ("광주", "Gwangju"),
    "25": ("대전", "Daejeon"),
    "26": ("울산", "Ulsan"),
    "29": ("세종", "Sejong"),
    "31": ("경기", "Gyeonggi"),
    "32": ("강원", "Gangwon"),
    "33": ("충북", "Chungbuk"),
    "34": ("충남", "Chungnam"),
    "35": ("전북", "Jeonbuk"),
    "36": ("전남", "Jeonnam"),
    "37": ("경북", "Gyeongbuk"),
    "38": ("경남", "Gyeongnam"),
    "39": ("제주", "Jeju"),
}


@dataclass(frozen=True)
class Column:
    """One CSV column: its name, DuckDB type and whether a cell may be empty."""

    name: str
    sql_type: str
    required: bool = True
    # A column added after files were written may be left out of a header; its cells then read as empty.
    may_be_absent: bool = False


def _columns(spec: str) -> tuple[Column, ...]:
    """Columns from a table of lines `name TYPE [optional] [may_be_absent]`, in file order."""
    columns = []
    for line in spec.strip().splitlines():
        name, sql_type, *flags = line.split()
        if not set(flags) <= {"optional", "may_be_absent"}:
            raise ValueError(f"unknown column flag in {line.strip()!r}")
        columns.append(Column(name, sql_type, "optional" not in flags, "may_be_absent" in flags))
    return tuple(columns)


# Months make part-year figures explicit: empty means the whole of the start / end year. `series` names the
# component or programme when one hub reports several figures of one metric for the same period (e.g. the four
# areas of a plan): different series are different figures, not conflicting versions.
FACT_COLUMNS = _columns(
    """
    figure_id           VARCHAR
    hub_id              VARCHAR
    metric              VARCHAR
    value               DOUBLE
    unit                VARCHAR
    period_start        INTEGER
    period_end          INTEGER
    period_start_month  INTEGER  optional
    period_end_month    INTEGER  optional
    kind                VARCHAR
    source_id           VARCHAR
    quote               VARCHAR
    scope_note          VARCHAR  optional
    series              VARCHAR  optional  may_be_absent
    """
)

TABLES: dict[str, tuple[Column, ...]] = {
    "hubs": _columns(
        """
        hub_id        VARCHAR
        name_ko       VARCHAR
        name_en       VARCHAR
        region_code   VARCHAR
        region_ko     VARCHAR
        region_en     VARCHAR
        hub_type      VARCHAR
        operator_ko   VARCHAR  optional
        operator_en   VARCHAR  optional
        opened_year   INTEGER  optional
        lat           DOUBLE   optional
        lon           DOUBLE   optional
        member_of     VARCHAR  optional
        aliases_ko    VARCHAR  optional
        aliases_en    VARCHAR  optional
        note_ko       VARCHAR  optional
        note_en       VARCHAR  optional
        """
    ),
    "sources": _columns(
        """
        source_id       VARCHAR
        publisher       VARCHAR
        title           VARCHAR
        published       VARCHAR
        published_note  VARCHAR  optional
        url             VARCHAR  optional
        language        VARCHAR
        """
    ),
    "metrics": _columns(
        """
        metric          VARCHAR
        family          VARCHAR
        label_ko        VARCHAR
        label_en        VARCHAR
        unit            VARCHAR
        description_ko  VARCHAR
        description_en  VARCHAR
        """
    ),
    **{family: FACT_COLUMNS for family in FAMILIES},
    # Further sources of a figure already in a fact table: the same number reported again.
    "figure_sources": _columns(
        """
        figure_id  VARCHAR
        source_id  VARCHAR
        quote      VARCHAR
        """
    ),
}

# Load order: referenced tables before the tables that point at them.
TABLE_ORDER: tuple[str, ...] = ("sources", "metrics", "hubs", *FAMILIES, "figure_sources")

LIST_SEPARATOR = ";"  # inside aliases_ko / aliases_en cells


def file_name(table: str) -> str:
    """The CSV file that holds `table`."""
    return f"{table}.csv"


def column_names(table: str) -> list[str]:
    """Column names of `table`, in file order."""
    return [c.name for c in TABLES[table]]


def in_kind_order(kinds) -> tuple[str, ...]:
    """The known kinds among `kinds`, each once, in the order of KINDS (anything else is dropped)."""
    chosen = list(kinds)  # a list, not a set: a malformed value (a list from a hand-made state) is just not a kind
    return tuple(kind for kind in KINDS if kind in chosen)
