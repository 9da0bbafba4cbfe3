"""Label corrections after reading each row's quote: the words of the quote win over the fact base's labels.

The entries are in scripts/label_fixes.toml, one `[[fixes]]` table each with these keys (FIXES holds them as
(select, changes, words, reason) tuples):
- select: fact-base fields as written in the fact file (see `sel` in scripts/facts/rows.py), matched BEFORE any fix;
- changes: the new labels, any of kind, period_start, period_end, start_month, end_month, metric, value, series
  (months and series as text, "" clears them);
- words: the words of the row's own quote that decide the change; import_facts.py stops if they are not in it;
- reason: one line, in English, why the words mean the new label.

scripts/import_facts.py applies these last (after every other curated table) and writes docs/data-audit.md from
them: figure id before -> after, the fields changed, the deciding words and the reason.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

FIXES: list[tuple[dict[str, str], dict[str, str], str, str]] = [
    (entry["select"], entry["changes"], entry["words"], entry["reason"])
    for entry in tomllib.loads(Path(__file__).with_name("label_fixes.toml").read_text(encoding="utf-8"))["fixes"]
]
