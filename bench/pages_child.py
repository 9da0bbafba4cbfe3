"""Child process of the benchmark: page run times on one (large) data folder, one JSON line per script.

`python -m bench.pages_child DATA_DIR LABEL N BUDGET TIMEOUT SCRIPT...` builds the database once, then times
each script like the in-process runs. A run that times out cannot be killed inside Python (its thread stops
only at its next Streamlit call and would slow every later measurement), so the child reports it and exits
with status 3; the parent starts a new child for the scripts left. The validated tables are kept in a pickle
next to the data folder, so a new child builds its database without validating 1M rows again (the load
itself is measured in section a, not here).
"""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import sys
from pathlib import Path

TIMED_OUT = 3


def reuse_validated_tables(directory: str) -> None:
    """Serve `validate.read_tables(directory)` from a pickle beside the folder after the first child made it."""
    from dashboard import validate

    folder = Path(directory).resolve()
    cache = folder.with_name(folder.name + ".validated.pickle")
    read_tables = validate.read_tables

    def cached(path):
        if Path(path).resolve() != folder:
            return read_tables(path)
        if cache.exists():
            return pickle.loads(cache.read_bytes())
        result = read_tables(path)
        if not result[1]:
            partial = cache.with_suffix(".partial")
            partial.write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
            partial.replace(cache)
        return result

    validate.read_tables = cached


def main(argv: list[str]) -> int:
    directory, label, n, budget, timeout, *scripts = argv
    os.environ["HUBS_DATA_DIR"] = directory
    from bench import pages_bench as pb
    from dashboard import data

    pb.quiet_streamlit()
    reuse_validated_tables(directory)
    data.database(directory)
    years = pb.year_range()
    for script in scripts:
        path = Path(script)
        result = pb.time_script(path, label, years, int(n), budget=float(budget), timeout=float(timeout),
                                label=path.stem)
        record = dataclasses.asdict(result) | {"figure_ids": sorted(result.figure_ids)}
        print(json.dumps(record), flush=True)
        if result.timed_out:
            sys.stdout.flush()
            os._exit(TIMED_OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
