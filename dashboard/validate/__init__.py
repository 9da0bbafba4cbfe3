"""Data validator: checks the CSV data folder and uploaded fact files against the contract (dashboard/schema.py).

`python -m dashboard.validate [DATA_DIR]` prints every problem as `file:line: message`. The modules: `csv_reader`
(the one CSV reader), `files` (which files may be read, encodings), `table` (a file read against its columns),
`cells` (column rules per file type), `facts` and `hubs` (row rules needing other rows or files), `cross_file`
(figures repeated across files, figure_sources.csv), `folder` (a whole folder or an upload), `cli`.
"""

from dashboard import schema
from dashboard.validate.cli import main, summary
from dashboard.validate.cross_file import FIGURE_KEY
from dashboard.validate.csv_reader import FIELD_SIZE_LIMIT, MAX_PARSE_ERRORS
from dashboard.validate.files import BINARY_START_BYTES, MAX_FILE_BYTES, binary_problem, decode
from dashboard.validate.folder import Sink, read_tables, validate_dir, validate_facts_text
from dashboard.validate.problems import MAX_SHOWN, Problem, keyed, shown, sort_problems
from dashboard.validate.table import read_records

_FIGURE_KEY = FIGURE_KEY  # the name tests/test_upload_reference.py reads

__all__ = [
    "BINARY_START_BYTES",
    "FIELD_SIZE_LIMIT",
    "FIGURE_KEY",
    "MAX_FILE_BYTES",
    "MAX_PARSE_ERRORS",
    "MAX_SHOWN",
    "Problem",
    "Sink",
    "binary_problem",
    "decode",
    "keyed",
    "main",
    "read_records",
    "read_tables",
    "schema",
    "shown",
    "sort_problems",
    "summary",
    "validate_dir",
    "validate_facts_text",
]
