"""The command line, `python -m dashboard.validate [DATA_DIR]`: every problem as `file:line: message`, then labels."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import pandas as pd

from dashboard import schema
from dashboard.validate.files import refused_file
from dashboard.validate.folder import read_tables
from dashboard.validate.problems import Problem, shown


def summary(data_dir, tables: dict[str, pd.DataFrame]) -> str:
    """The one-line report of a valid folder, e.g. `OK: 1,234 figures, 13 hubs, 98 sources (data/)`."""
    figures = sum(len(tables[f]) for f in schema.FAMILIES)
    where = str(data_dir).rstrip("/") + "/"
    return f"OK: {figures:,} figures, {len(tables['hubs']):,} hubs, {len(tables['sources']):,} sources ({where})"


def main(argv: list[str] | None = None) -> int:
    """Command line: print every problem (exit 1) or one summary line (exit 0)."""
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.validate", description="Check the dashboard's CSV data folder against the contract."
    )
    parser.add_argument(
        "data_dir",
        nargs="?",
        default=None,
        help="folder holding the CSV files (default: $HUBS_DATA_DIR when set, else data/)",
    )
    args = parser.parse_args(argv)
    if not args.data_dir:  # the same folder the app reads (dashboard.data.data_dir)
        args.data_dir = os.environ.get("HUBS_DATA_DIR") or "data/"
    for stream in (sys.stdout, sys.stderr):
        # Messages quote Korean text; a C/ASCII locale must not turn that into a crash.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    tables, problems = read_tables(args.data_dir)
    for problem in problems:
        print(problem)
    # Then the labels: words of a quote that contradict its row's kind, period or value (dashboard/label_lint.py).
    # Not while a file is refused unread (a pipe would hang the linter's reading, a file of GBs fill memory).
    refused = _refused_among(args.data_dir)
    if refused:
        for problem in refused:
            if problem not in problems:
                print(problem)  # the label review file, which read_tables does not read
        return 1
    labels = _lint_labels(args.data_dir)
    if problems or labels.failed:
        for line in labels.lines():
            print(line)
        return 1
    print(summary(args.data_dir, tables))
    if labels.acknowledged:
        print(f"labels: {len(labels.acknowledged):,} findings acknowledged in {labels.review_file}")
    for line in labels.lines():
        print(line)  # stale acknowledgements only: a warning, not a failure
    return 0


def _refused_among(data_dir) -> list[Problem]:
    """The contract files and the label review file that _refused_file refuses (a link out, a folder, a pipe,
    a file too big, a binary file)."""
    directory = Path(data_dir)
    if not directory.is_dir():
        return []
    names = [schema.file_name(t) for t in schema.TABLES] + ["label_review.csv"]
    found = (refused_file(directory, directory / name, name) for name in names)
    return [problem for problem in found if problem is not None]


def _lint_labels(data_dir):
    """The label linter's report on the folder; an internal error becomes a reported problem, never a traceback."""
    from dashboard import label_lint  # only the command line lints labels: the app's load never imports it

    try:
        return label_lint.check(data_dir)
    except Exception as error:  # noqa: BLE001 - the validator must never raise
        return label_lint.Report(
            review_problems=[
                f"{data_dir}: labels could not be checked (internal error: {type(error).__name__}: {shown(error)})"
            ]
        )
