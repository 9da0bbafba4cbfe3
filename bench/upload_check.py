"""Time and peak memory of checking a 50-row upload against a data folder, as the running app does it.

`python -m bench.upload_check DIR` checks against upload.reference_tables (the loaded database, only the rows that
could collide); `--full` against every table read and validated again, cached per folder, as the app did before.
The database is built first (the app has it already), then the process's peak RSS is reset, so the peak shown is
the check's. The upload's rows are DIR's first firms rows with new ids and values, so it is accepted.
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import os
import re
import time
from pathlib import Path

import streamlit as st

N_ROWS = 50


def _status_mb(key: str) -> int:
    """A /proc/self/status memory figure (VmRSS, VmHWM) in MB."""
    return int(re.search(rf"{key}:\s+(\d+)", Path("/proc/self/status").read_text()).group(1)) // 1024


def upload_bytes(directory: Path, n_rows: int = N_ROWS) -> bytes:
    """The first `n_rows` rows of firms.csv as an upload: ids `bench-N`, values changed (a version, not a repeat)."""
    from dashboard import upload

    with (directory / "firms.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(itertools.islice(csv.DictReader(handle), n_rows))
    for number, row in enumerate(rows):
        row["figure_id"] = f"bench-{number}"
        row["value"] = str(float(row["value"]) + 0.5)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=upload.TEMPLATE_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    """Command line: build the database, then check the upload twice (first and cached) and print time and memory."""
    parser = argparse.ArgumentParser(prog="python -m bench.upload_check", description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    parser.add_argument("--full", action="store_true", help="check against every table read again (the old way)")
    args = parser.parse_args(argv)
    directory = str(Path(args.directory).resolve())
    os.environ["HUBS_DATA_DIR"] = directory
    from dashboard import data, upload, validate

    data.database(directory)
    raw = upload_bytes(Path(directory))

    @st.cache_data(show_spinner=False, max_entries=4)
    def whole_folder(folder: str):
        return validate.read_tables(folder)[0]

    reference = (lambda figure_ids, pairs: whole_folder(directory)) if args.full else upload.reference_tables
    before = _status_mb("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM (peak RSS) to the current RSS
    for attempt in ("first", "second"):
        start = time.perf_counter()
        outcome = upload.check_upload(raw, "bench.csv", reference)
        took = time.perf_counter() - start
        print(f"{attempt} check: {took:.3f} s, accepted={outcome.accepted}, problems={len(outcome.problems)}")
    print(f"RSS before {before} MB, peak during the checks {_status_mb('VmHWM')} MB "
          f"(+{_status_mb('VmHWM') - before}), after {_status_mb('VmRSS')} MB (+{_status_mb('VmRSS') - before})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
