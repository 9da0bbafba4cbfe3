"""Start and stop `streamlit run app.py` headless on a free 127.0.0.1 port, for the browser and load measurements."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOGS = ROOT / "bench" / "results"  # git-ignored


def free_port() -> int:
    """A port nothing listens on right now (on loopback only)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """One app process; `started_at` is taken just before the process is created (cold-start clock)."""

    def __init__(self, data_dir: str | None = None, log_name: str = "server", root: Path = ROOT):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.pop("HUBS_DATA_DIR", None)
        if data_dir:
            env["HUBS_DATA_DIR"] = str(data_dir)
        LOGS.mkdir(parents=True, exist_ok=True)
        self.log_path = LOGS / f"{log_name}-{self.port}.log"
        self._log = open(self.log_path, "w")
        self.started_at = time.perf_counter()
        self.started_epoch = time.time()  # the same moment on the wall clock, to compare with a page's timeOrigin
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dashboard.serve",
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
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def wait_healthy(self, timeout: float = 120, poll: float = 0.05) -> float:
        """Block until /_stcore/health answers 200; returns seconds since the process was started."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as resp:
                    if resp.status == 200:
                        return time.perf_counter() - self.started_at
            except OSError:
                time.sleep(poll)
        raise RuntimeError(f"streamlit did not become healthy within {timeout} s; see {self.log_path}")

    def stop(self) -> None:
        """Terminate this process (and only it), then close its log."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self._log.close()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
