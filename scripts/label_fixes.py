"""Label corrections after reading each row's quote: the words of the quote win over the fact base's labels.

Each entry is (selector, changes, words, reason):
- selector: fact-base fields as written in the fact file (see `sel` in import_facts.py), matched BEFORE any fix;
- changes: the new labels, any of kind, period_start, period_end, start_month, end_month, metric, value, series
  (months and series as text, "" clears them);
- words: the words of the row's own quote that decide the change; import_facts.py stops if they are not in it;
- reason: one line, in English, why the words mean the new label.

scripts/import_facts.py applies these last (after every other curated table) and writes docs/data-audit.md from
them: figure id before -> after, the fields changed, the deciding words and the reason.
"""

from __future__ import annotations

FIXES: list[tuple[dict[str, str], dict[str, str], str, str]] = [
    # --- budgets and outcomes -----------------------------------------------------------------------------------
    # --- firms and personnel ------------------------------------------------------------------------------------
    # --- facts_more.md: rows of the fact base it found mislabelled ------------------------------------------------
    (dict(hub="gwangju_ai_cluster", metric="budget_total", value="62600000000"), {"kind": "plan"},
     "올해 국비예산 626억원을 확보했다",
     "a national budget secured at the start of the year is money to be spent (plan), not spending (facts_more.md 4)"),
]
