"""Convert a validated data folder to Parquet once: `python -m dashboard.to_parquet DATA_DIR OUT_DIR`.

The app then reads OUT_DIR (point `HUBS_DATA_DIR` at it) through DuckDB views over the Parquet files instead of
loading every figure into each process's memory: a process starts without reading the files, DuckDB reads only the
columns and row groups a query needs, and the operating system's page cache holds them once for every process on
the machine. The conversion runs the same checks as the app (dashboard.validate): an invalid folder prints its
problems as FILE:LINE: message and nothing is written.

OUT_DIR holds one `<table>.parquet` per table and `hubs-parquet.json`, which names the source folder and the row
counts and marks the folder as one this command wrote (the app reads a folder as Parquet only with it).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import duckdb

MANIFEST = "hubs-parquet.json"
BATCH_ROWS = 200_000


def is_parquet_folder(directory: str | Path) -> bool:
    return (Path(directory) / MANIFEST).is_file()


def tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The base tables of a built database (the views and macros are made again from queries/)."""
    return [
        row[0]
        for row in con.sql(
            "select table_name from duckdb_tables() where schema_name = 'main' order by table_name"
        ).fetchall()
    ]


def convert(data_dir: str, out_dir: str) -> dict[str, int]:
    """Validate and load `data_dir` as the app does, then write each table to `out_dir` batch by batch."""
    import pyarrow.parquet as pq

    from dashboard import data

    con = data.build_database(data_dir)  # raises data.DataProblems on an invalid folder
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / MANIFEST).unlink(missing_ok=True)  # a half-written folder is never read as Parquet
    counts: dict[str, int] = {}
    try:
        for table in tables(con):
            reader = con.sql(f'select * from "{table}"').to_arrow_reader(BATCH_ROWS)
            rows = 0
            with pq.ParquetWriter(out / f"{table}.parquet", reader.schema, compression="zstd") as writer:
                for batch in reader:
                    writer.write_batch(batch)
                    rows += batch.num_rows
            counts[table] = rows
    finally:
        con.close()
    manifest = {"source": str(Path(data_dir).resolve()), "tables": counts}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return counts


def parquet_database(directory: str) -> duckdb.DuckDBPyConnection:
    """A database of views over `directory`'s Parquet files (nothing loaded), with the app's views and macros;
    afterwards DuckDB may read only that folder (allowed_directories), and nothing else on disk or the network.
    A missing, unreadable or differently shaped file is reported like invalid CSV data (data.DataProblems)."""
    from dashboard import data, validate

    folder = Path(directory).resolve()
    problems: list[validate.Problem] = []
    try:
        listed = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["tables"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise data.DataProblems(
            directory,
            [validate.Problem(MANIFEST, None, f"unreadable ({type(exc).__name__}); convert the folder again")],
        ) from None
    con = duckdb.connect(":memory:")
    for table in listed:
        name = f"{table}.parquet"
        path = folder / name
        if not path.is_file():
            problems.append(validate.Problem(name, None, f"missing (listed in {MANIFEST}); convert the folder again"))
            continue
        try:
            # Table names come from the manifest this command wrote (quoted); the path is quoted as SQL text.
            con.execute(f"""create view "{table}" as select * from read_parquet('{_sql_text(str(path))}')""")
            columns = [row[0] for row in con.execute(f'describe "{table}"').fetchall()]
        except duckdb.Error as exc:
            problems.append(validate.Problem(name, None, f"not readable as Parquet: {str(exc).splitlines()[0][:200]}"))
            continue
        expected = list(data._columns(table)) if table == "figures" or table in data.schema.TABLES else columns
        if columns != expected:
            problems.append(
                validate.Problem(name, None, f"has columns {columns}, expected {expected}; convert the folder again")
            )
    if problems:
        con.close()
        raise data.DataProblems(directory, problems)
    data.finish_database(con, allowed_directories=[str(folder) + "/"])
    return con


def _sql_text(text: str) -> str:
    return text.replace("'", "''")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.to_parquet", description=__doc__.split("\n")[0])
    parser.add_argument("data_dir")
    parser.add_argument("out_dir")
    args = parser.parse_args(argv)
    from dashboard import data

    try:
        counts = convert(args.data_dir, args.out_dir)
    except data.DataProblems as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{args.data_dir}: not converted ({len(exc.problems)} problem(s))", file=sys.stderr)
        return 1
    total = sum(counts.values())
    print(
        f"wrote {len(counts)} tables ({total:,} rows) to {args.out_dir}; "
        f"start the app with HUBS_DATA_DIR={args.out_dir}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
