"""Read the numbers written in Korean or English news text, in base units: `1천76억` -> 107600000000.

The reader is the label linter's (dashboard.label_lint.parse_numbers); the data tests need only the values.
"""

from __future__ import annotations

from decimal import Decimal

from dashboard import label_lint


def parse_numbers(text: str) -> list[Decimal]:
    """Every number written in `text`, in order, as its value in base units."""
    return [number.value for number in label_lint.parse_numbers(text)]
