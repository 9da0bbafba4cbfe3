"""Per-view results (figures, download bytes, display tables) kept across reruns, keyed on everything they depend on."""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from dashboard import data

T = TypeVar("T")

# Each entry is one view's figures, tables and CSV bytes (tens of kB on the bundled data, bounded at scale):
# a few hundred cover every page in both languages for many filter settings without growing without end.
MAX_ENTRIES = 300

_entries: OrderedDict[tuple, object] = OrderedDict()
_lock = threading.Lock()


def view(func: Callable[..., T]) -> Callable[..., T]:
    """Cache `func`'s result for the whole process, keyed on its arguments, the data folder and the uploads.

    For builders that turn query results into what a page draws. The arguments must be hashable plain
    values (str, int, tuples of them). Results are shared between reruns and between sessions with equal
    inputs, so they must be treated as read-only; a builder must not call Streamlit elements or widgets.
    Queries made inside still see this session's uploads (data.query reads them), and the upload digest
    is in the key, so one session's uploads never reach another session.

    A plain dict rather than st.cache_resource: a hit is a dict lookup, where Streamlit's cache hashes
    every argument through inspect.signature on each call, every rerun.
    """
    name = f"{func.__module__}.{func.__qualname__}"

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        _, _, user_key = data.session_uploads()
        key = (name, data.data_dir(), user_key, args, tuple(sorted(kwargs.items())))
        with _lock:
            if key in _entries:
                _entries.move_to_end(key)
                return _entries[key]
        # Built outside the lock: two sessions asking for the same new view at once may both build it.
        value = func(*args, **kwargs)
        with _lock:
            _entries[key] = value
            while len(_entries) > MAX_ENTRIES:
                _entries.popitem(last=False)
        return value

    wrapper.uncached = func  # type: ignore[attr-defined]
    return wrapper


def forget(user_key: str) -> None:
    """Drop the views built with the upload of this digest (it was removed, replaced or its session ended)."""
    with _lock:
        for key in [k for k in _entries if k[2] == user_key]:
            del _entries[key]


def clear() -> None:
    """Forget every cached view (tests that rewrite a data folder in place)."""
    with _lock:
        _entries.clear()
