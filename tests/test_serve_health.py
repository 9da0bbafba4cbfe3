"""The launcher's health check: 503 "loading data" while the data folder loads (even when the load hangs), "ok"
once it is loaded; SIGTERM stops the process either way."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.conftest import QUERY_FIXTURE, ROOT

# The launcher with the data load made to hang (a test stand-in for a load stuck on a slow disk).
HANGING = """
import sys, threading
from dashboard import data, serve
forever = threading.Event()
data.check_data = lambda *args, **kwargs: forever.wait()
sys.exit(serve.main(sys.argv[1:]))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _health(url: str) -> tuple[int, str] | None:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError:
        return None  # not listening yet


def _start(code: list[str], data_dir: str) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "HUBS_DATA_DIR": data_dir, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            *code,
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return proc, f"http://127.0.0.1:{port}"


def _first_answer(proc: subprocess.Popen, url: str, want=lambda answer: True) -> tuple[int, str]:
    for _ in range(600):  # up to about a minute on a busy machine: a guard against hanging, not a measurement
        assert proc.poll() is None, "the server exited"
        answer = _health(url)
        if answer is not None and want(answer):
            return answer
        time.sleep(0.1)
    pytest.fail("no answer from the health check")


def _stop(proc: subprocess.Popen) -> int:
    proc.send_signal(signal.SIGTERM)
    try:
        return proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        pytest.fail("SIGTERM did not stop the process")


def test_health_is_not_ok_while_the_load_hangs_and_sigterm_stops_it():
    proc, url = _start(["-c", HANGING], str(QUERY_FIXTURE))
    try:
        assert _first_answer(proc, url) == (503, "loading data")
        for _ in range(5):
            assert _health(url) == (503, "loading data")
            time.sleep(0.2)
    finally:
        code = _stop(proc)
    assert proc.returncode is not None and code is not None


def test_health_is_ok_once_the_data_is_loaded():
    proc, url = _start(["-m", "dashboard.serve"], str(QUERY_FIXTURE))
    try:
        assert _first_answer(proc, url, lambda answer: answer[0] == 200) == (200, "ok")
    finally:
        _stop(proc)


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
