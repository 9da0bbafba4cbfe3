"""Child process of the benchmark: page run times on one (large) data folder, one JSON line per script.

`python -m bench.pages_child DATA_DIR LABEL N BUDGET TIMEOUT SCRIPT...` builds the database once, then times
each script like the in-process runs. A run that times out cannot be killed inside Python (its thread stops
only at its next Streamlit call and would slow every later measurement), so the child reports it and exits
with status 3; the parent starts a new child for the scripts left, which loads the folder again (the load
itself is measured in section a, not here).
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from pathlib import Path

TIMED_OUT = 3


def main(argv: list[str]) -> int:
    directory, label, n, budget, timeout, *scripts = argv
    os.environ["HUBS_DATA_DIR"] = directory
    from bench import pages_bench as pb
    from dashboard import data

    pb.quiet_streamlit()
    data.database(directory)
    years = pb.year_range()
    for script in scripts:
        path = Path(script)
        result = pb.time_script(
            path, label, years, int(n), budget=float(budget), timeout=float(timeout), label=path.stem
        )
        record = dataclasses.asdict(result) | {"figure_ids": sorted(result.figure_ids)}
        print(json.dumps(record), flush=True)
        if result.timed_out:
            sys.stdout.flush()
            os._exit(TIMED_OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
