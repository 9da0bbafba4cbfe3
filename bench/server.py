"""Start and stop the app (`python -m dashboard.serve`, as `make run` does) on a free 127.0.0.1 port: the one server
helper of the benchmark and of the tests (tests/e2e/conftest.py, tests/test_serve_health.py)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOGS = ROOT / "bench" / "results"  # git-ignored
LAUNCHER = ("-m", "dashboard.serve")


def free_port() -> int:
    """A port nothing listens on right now (on loopback only)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def health(url: str, timeout: float = 5) -> tuple[int, str] | None:
    """The answer of `url`/_stcore/health as (status, body), an error status included; None if nothing answers."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError:
        return None  # not listening yet


class Server:
    """One app process, headless, with no file watcher (others may edit the tree while it runs).

    `data_dir` is the data folder (None: the bundled data/, whatever HUBS_DATA_DIR says); `launcher` the Python
    arguments before the Streamlit flags (default `-m dashboard.serve`); its output goes to
    `log_dir`/`log_name`-PORT.log (`log_dir` None: discarded). `started_at` is taken just before the process is
    created (the cold-start clock).
    """

    def __init__(
        self,
        data_dir: str | Path | None = None,
        log_name: str = "server",
        *,
        log_dir: Path | None = LOGS,
        launcher: Sequence[str] = LAUNCHER,
        root: Path = ROOT,
    ):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.pop("HUBS_DATA_DIR", None)
        if data_dir:
            env["HUBS_DATA_DIR"] = str(data_dir)
        if log_dir is None:
            self.log_path, self._log = None, None
        else:
            log_dir.mkdir(parents=True, exist_ok=True)
            self.log_path = log_dir / f"{log_name}-{self.port}.log"
            self._log = open(self.log_path, "w")  # closed by stop()
        self.started_at = time.perf_counter()
        self.started_epoch = time.time()  # the same moment on the wall clock, to compare with a page's timeOrigin
        self.proc = subprocess.Popen(
            [
                sys.executable,
                *launcher,
                "--server.headless",
                "true",
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=root,
            env=env,
            stdout=self._log or subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )

    def wait_healthy(self, timeout: float = 120, poll: float = 0.05) -> float:
        """Block until /_stcore/health answers 200; returns seconds since the process was started."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}; see {self.log_path}")
            answer = health(self.url, timeout=2)
            if answer is not None and answer[0] == 200:
                return time.perf_counter() - self.started_at
            time.sleep(poll)
        raise RuntimeError(f"streamlit did not become healthy within {timeout:.0f} s; see {self.log_path}")

    def stop(self, timeout: float = 10) -> bool:
        """Terminate this process (and only it; killed if SIGTERM has not stopped it within `timeout` seconds),
        then close its log. True when SIGTERM alone stopped it."""
        by_sigterm = True
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                by_sigterm = False
                self.proc.kill()
                self.proc.wait(timeout=10)
        if self._log is not None:
            self._log.close()
        return by_sigterm

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
