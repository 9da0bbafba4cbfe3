"""Time and peak memory of checking a 50-row upload against a data folder, as the running app does it.

`python -m bench.upload_check DIR` checks against upload.reference_tables (the loaded database, only the rows that
could collide); `--full` against every table read and validated again, cached per folder, as the app did before.
`--at-limit` instead checks uploads at the upload limits (see AT_LIMIT) and prints one JSON line per upload with
its time and memory growth, for the benchmark's section u.
The database is built first (the app has it already), then the process's peak RSS is reset, so the peak shown is
the check's. The upload's rows are DIR's first firms rows with new ids and values, so it is accepted.
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import itertools
import json
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


def at_limit_uploads(directory: Path) -> dict[str, bytes]:
    """Uploads at the limits, by what they hold: as many valid rows as fit the line and size limits, and files
    that used to make millions of problems (near-empty rows up to the size limit, blank lines, short rows)."""
    from dashboard import upload

    rows = min(upload.MAX_ROWS, _rows_in(directory / "firms.csv"))
    valid = upload_bytes(directory, rows)
    while len(valid) > upload.MAX_BYTES:  # long quotes: as many rows as fit in the size limit
        rows = rows * 9 // 10
        valid = upload_bytes(directory, rows)
    header = ",".join(upload.TEMPLATE_COLUMNS) + "\n"
    room = upload.MAX_BYTES - len(header)
    empty_row = "," * (len(upload.TEMPLATE_COLUMNS) - 1) + "\n"
    return {
        f"{rows:,} valid rows": valid,
        f"{upload.MAX_ROWS:,} empty rows (every cell a problem)": (header + empty_row * upload.MAX_ROWS).encode(),
        "5 MB of empty rows": (header + empty_row * (room // len(empty_row))).encode(),
        "5 MB of blank lines": (header + "\n" * room).encode(),
        "5 MB of short rows": (header + ",\n" * (room // 2)).encode(),
    }


def _rows_in(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b"")) - 1


def at_limit(directory: str) -> None:
    """One JSON line per at-limit upload: seconds, peak RSS growth and RSS growth after (MB), outcome."""
    from dashboard import data, upload

    data.database(directory)
    for name, raw in at_limit_uploads(Path(directory)).items():
        gc.collect()
        before = _status_mb("VmRSS")
        Path("/proc/self/clear_refs").write_text("5")
        start = time.perf_counter()
        outcome = upload.check_upload(raw, "bench.csv", upload.reference_tables)
        seconds = time.perf_counter() - start
        peak = _status_mb("VmHWM")
        # What the session keeps of a checked upload: the figures if accepted, else the problems as text.
        accepted, n = outcome.accepted, len(outcome.figures) if outcome.accepted else 0
        problems = [str(p) for p in outcome.problems]
        del outcome
        gc.collect()
        print(
            json.dumps(
                {
                    "upload": name,
                    "bytes": len(raw),
                    "seconds": seconds,
                    "peak_growth_mb": peak - before,
                    "kept_growth_mb": _status_mb("VmRSS") - before,
                    "accepted": accepted,
                    "n": n,
                    "problems": len(problems),
                    "first": problems[0] if problems else "",
                },
                ensure_ascii=False,
            ),
            flush=True,
        )


def main(argv: list[str] | None = None) -> int:
    """Command line: build the database, then check the upload twice (first and cached) and print time and memory."""
    parser = argparse.ArgumentParser(prog="python -m bench.upload_check", description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    parser.add_argument("--full", action="store_true", help="check against every table read again (the old way)")
    parser.add_argument("--at-limit", action="store_true", help="uploads at the upload limits, one JSON line each")
    args = parser.parse_args(argv)
    directory = str(Path(args.directory).resolve())
    os.environ["HUBS_DATA_DIR"] = directory
    if args.at_limit:
        at_limit(directory)
        return 0
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
    print(
        f"RSS before {before} MB, peak during the checks {_status_mb('VmHWM')} MB "
        f"(+{_status_mb('VmHWM') - before}), after {_status_mb('VmRSS')} MB (+{_status_mb('VmRSS') - before})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
