"""Row rules of hubs.csv across its rows: member_of names an aggregate hub and never leads round in a circle."""

from __future__ import annotations

import pandas as pd

from dashboard import schema
from dashboard.validate.cells import isin
from dashboard.validate.problems import Problem, keyed, shown
from dashboard.validate.table import Table


def check_hubs(hubs: Table, problems: list[Problem]) -> None:
    """member_of must name an aggregate in hubs.csv, and must not lead round in a circle."""
    typed = hubs.typed
    if "member_of" not in hubs.present or "hub_id" not in hubs.present:
        return
    hub_type: dict[str, str | None] = {}
    for hub, kind in zip(typed["hub_id"].tolist(), typed["hub_type"].tolist()):
        if not pd.isna(hub):
            hub_type.setdefault(hub, None if pd.isna(kind) else kind)
    known = set(hub_type) | hubs.loose_keys
    member_of = typed["member_of"]
    unknown = member_of.notna().to_numpy(dtype=bool) & ~isin(member_of, known)
    hubs.report(problems, unknown, lambda v: ("check.member_unknown", {"value": shown(v)}), "member_of")
    parent_type = member_of.map(hub_type)
    not_aggregate = (parent_type.notna() & (parent_type != "aggregate") & isin(parent_type, schema.HUB_TYPES)).to_numpy(
        dtype=bool, na_value=False
    )
    hubs.report(
        problems,
        not_aggregate,
        lambda v: ("check.member_not_aggregate", {"value": shown(v), "hub_type": hub_type[v]}),
        "member_of",
    )
    _check_cycles(hubs, problems)


def _check_cycles(hubs: Table, problems: list[Problem]) -> None:
    parent: dict[str, str] = {}
    line_of: dict[str, int] = {}
    for hub, up, line in zip(hubs.typed["hub_id"].tolist(), hubs.typed["member_of"].tolist(), hubs.lines.tolist()):
        if pd.isna(hub) or hub in line_of:
            continue
        line_of[hub] = line
        if not pd.isna(up):
            parent[hub] = up
    done: set[str] = set()
    for start in line_of:
        path: list[str] = []
        on_path: set[str] = set()
        node = start
        while node in parent and node not in done and node not in on_path:
            path.append(node)
            on_path.add(node)
            node = parent[node]
        if node in on_path:
            cycle = path[path.index(node) :]
            first = min(cycle, key=lambda h: line_of[h])
            at = cycle.index(first)
            ordered = cycle[at:] + cycle[:at] + [first]
            shown_cycle = " -> ".join(shown(h) for h in ordered)
            problems.append(keyed(hubs.file, line_of[first], "check.member_cycle", cycle=shown_cycle))
        done.update(path)
