"""The launcher's health check: 503 "loading data" while the data folder loads (even when the load hangs), "ok"
once it is loaded; SIGTERM stops the process either way."""

from __future__ import annotations

import time

import pytest

from bench.server import Server, health
from tests.conftest import QUERY_FIXTURE

# The launcher with the data load made to hang (a test stand-in for a load stuck on a slow disk).
HANGING = """
import sys, threading
from dashboard import data, serve
forever = threading.Event()
data.check_data = lambda *args, **kwargs: forever.wait()
sys.exit(serve.main(sys.argv[1:]))
"""


def _first_answer(server: Server, want=lambda answer: True) -> tuple[int, str]:
    for _ in range(600):  # up to about a minute on a busy machine: a guard against hanging, not a measurement
        assert server.proc.poll() is None, "the server exited"
        answer = health(server.url)
        if answer is not None and want(answer):
            return answer
        time.sleep(0.1)
    pytest.fail("no answer from the health check")


def test_health_is_not_ok_while_the_load_hangs_and_sigterm_stops_it():
    server = Server(QUERY_FIXTURE, log_dir=None, launcher=["-c", HANGING])
    try:
        assert _first_answer(server) == (503, "loading data")
        for _ in range(5):
            assert health(server.url) == (503, "loading data")
            time.sleep(0.2)
    finally:
        stopped_by_sigterm = server.stop(timeout=60)
    assert stopped_by_sigterm, "SIGTERM did not stop the process"


def test_health_is_ok_once_the_data_is_loaded():
    server = Server(QUERY_FIXTURE, log_dir=None)
    try:
        assert _first_answer(server, lambda answer: answer[0] == 200) == (200, "ok")
    finally:
        server.stop(timeout=60)


def test_loading_flag_drives_the_answer():
    """In process: the patched readiness says 'loading data' exactly while LOADING is set."""
    import asyncio

    from streamlit.runtime.runtime import Runtime, RuntimeState

    from dashboard import serve

    serve.hold_health_while_loading()
    serve.hold_health_while_loading()  # twice is harmless

    class Fake:
        _state = RuntimeState.ONE_OR_MORE_SESSIONS_CONNECTED

    def ask():
        return asyncio.run(Runtime.is_ready_for_browser_connection.fget(Fake()))

    serve.LOADING.set()
    try:
        assert ask() == (False, "loading data")
    finally:
        serve.LOADING.clear()
    assert ask() == (True, "ok")
