"""A figure's exact period in Python: which columns say "the same period", its key, and how it reads with its kind.

The same rule in SQL is queries/macros/exact_period.sql. Rows come from the queries in either shape: with
`start_month` / `end_month` (months filled in: 1 and 12 for a whole year) or with the data's own nullable
`period_start_month` / `period_end_month`; both read the same here.
"""

from __future__ import annotations

from dashboard import fmt

# Two figures are of the same exact period when these are equal (months filled in, as figure_details gives them).
COLUMNS: tuple[str, ...] = ("period_start", "period_end", "start_month", "end_month")


def months(row) -> tuple[int, int]:
    """The first and last month of a row's period: 1 and 12 when the data names none."""
    first = row.get("start_month")
    last = row.get("end_month")
    if fmt.is_missing(first):
        first = row.get("period_start_month")
    if fmt.is_missing(last):
        last = row.get("period_end_month")
    return (1 if fmt.is_missing(first) else int(first)), (12 if fmt.is_missing(last) else int(last))


def is_part_year(row) -> bool:
    """True when a row's period starts after January or ends before December (2020 (1–9월))."""
    return months(row) != (1, 12)


def exact(row) -> tuple[int, int, int, int]:
    """(first year, last year, first month, last month): equal for two figures of the same exact period."""
    first, last = months(row)
    return int(row["period_start"]), int(row["period_end"]), first, last


def key(row) -> str:
    """One (kind, exact period) as text, e.g. 'actual|2023|2023|1|12' (a widget value and URL value)."""
    return "|".join(str(part) for part in (row["kind"], *exact(row)))


def label(row, lang: str, *, name_actual: bool = True) -> str:
    """The period with its kind said once: '2023 실적', '2020 (1–9월) 실적', '2018–2021 누적', '2023–2025 계획'.

    fmt.period names every kind but actual; `name_actual=False` leaves actual unnamed too (for tables that show the
    kind in a column of its own).
    """
    first, last = months(row)
    text = fmt.period(row["period_start"], row["period_end"], first, last, row["kind"], lang)
    if name_actual and row["kind"] == "actual":
        text += f" {fmt.kind_label('actual', lang)}"
    return text
