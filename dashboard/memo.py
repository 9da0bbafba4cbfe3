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
    """Cache `func`'s result for the whole process, keyed on its name, the data folder and its arguments.

    For pure builders that turn query results into what a page draws. The arguments must be hashable plain
    values (str, int, tuples of them, data.Uploads). A data.Uploads argument counts by its digest only, and the
    entry is dropped with that upload (forget), so one session's uploads never reach another session. Results
    are shared between reruns and between sessions with equal inputs, so they must be treated as read-only.

    A plain dict rather than st.cache_resource: a hit is a dict lookup, where Streamlit's cache hashes
    every argument through inspect.signature on each call, every rerun.
    """
    name = f"{func.__module__}.{func.__qualname__}"

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        key = _key(name, args, kwargs)
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


def _key(name: str, args: tuple, kwargs: dict) -> tuple:
    """(name, data folder, upload digest, args, kwargs) with each data.Uploads replaced by its digest, so the
    key holds no uploaded rows; "" as the digest when no argument carries uploads."""
    user_key = ""

    def plain(value):
        nonlocal user_key
        if isinstance(value, data.Uploads):
            user_key = user_key or value.key
            return ("uploads", value.key)
        return value

    args = tuple(plain(a) for a in args)
    items = tuple(sorted((k, plain(v)) for k, v in kwargs.items()))
    return (name, data.data_dir(), user_key, args, items)


def forget(user_key: str) -> None:
    """Drop the views built with the upload of this digest (it was removed, replaced or its session ended)."""
    with _lock:
        for key in [k for k in _entries if k[2] == user_key]:
            del _entries[key]


def clear() -> None:
    """Forget every cached view (tests that rewrite a data folder in place)."""
    with _lock:
        _entries.clear()
