"""Run the dashboard as several processes behind HAProxy: `python -m dashboard.cluster [--replicas N] [--port P]`.

One Streamlit process runs every session under one interpreter lock, so it uses about one core. This starts
`--replicas` processes (`dashboard.serve`) on 127.0.0.1, ports P+1, P+2, ..., and HAProxy on port P with
deploy/haproxy.cfg: a cookie keeps each visitor on one process, health checks on /_stcore/health take a dead or
hung process out and put it back when it answers again. It runs in the foreground; Ctrl-C or SIGTERM stops all.
A process that exits is started again after a pause (the proxy sends its visitors elsewhere meanwhile).
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "haproxy.cfg"
HAPROXY = os.environ.get("HAPROXY", shutil.which("haproxy") or "/usr/sbin/haproxy")
RESTART_PAUSE = 1.0  # seconds before a process that exited is started again


def replica_name(index: int) -> str:
    """The process's name in HAProxy and the value of the SERVERID cookie of its visitors: r1, r2, ..."""
    return f"r{index + 1}"


def render_config(ports: list[int], bind: str, secure_cookie: bool = False) -> str:
    """deploy/haproxy.cfg with the listening address and one server line per process on 127.0.0.1."""
    servers = "\n".join(
        f"    server {replica_name(i)} 127.0.0.1:{port} cookie {replica_name(i)}" for i, port in enumerate(ports)
    )
    text = TEMPLATE.read_text(encoding="utf-8")
    for marker, value in (("@BIND@", bind), ("@COOKIE@", " secure" if secure_cookie else ""), ("@SERVERS@", servers)):
        if marker not in text:
            raise ValueError(f"{TEMPLATE}: the marker {marker} is missing")
        text = text.replace(marker, value)
    return text if text.endswith("\n") else text + "\n"


def replica_command(port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "dashboard.serve",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
    ]


class Cluster:
    """The processes and the proxy; `start()` then `supervise()` until `stop()`."""

    def __init__(self, replicas: int, port: int, address: str, restart: bool = True, log_dir: Path | None = None):
        self.port = port
        self.address = address
        self.ports = [port + 1 + i for i in range(replicas)]
        self.restart = restart
        self.log_dir = log_dir
        self.workdir = Path(tempfile.mkdtemp(prefix="hubs-cluster-"))
        self.config = self.workdir / "haproxy.cfg"
        # One cookie secret for all processes, so anything Streamlit signs stays valid when a visitor moves.
        self.env = {
            **os.environ,
            "PYTHONUNBUFFERED": "1",
            "STREAMLIT_SERVER_COOKIE_SECRET": os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET") or secrets.token_hex(32),
        }
        self.replicas: list[subprocess.Popen | None] = [None] * replicas
        self.proxy: subprocess.Popen | None = None
        self.stopping = False

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.address in ("", "0.0.0.0", "*") else self.address
        return f"http://{host}:{self.port}"

    def _output(self, name: str):
        if self.log_dir is None:
            return None  # inherit: the processes' logs go to this terminal
        self.log_dir.mkdir(parents=True, exist_ok=True)
        return open(self.log_dir / f"{name}.log", "a", encoding="utf-8")

    def start_replica(self, index: int) -> None:
        out = self._output(replica_name(index))
        proc = subprocess.Popen(
            replica_command(self.ports[index]),
            cwd=ROOT,
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT if out else None,
        )
        self.replicas[index] = proc
        print(f"replica {replica_name(index)} pid {proc.pid} port {self.ports[index]}", flush=True)

    def start(self) -> None:
        if not Path(HAPROXY).exists():
            raise SystemExit(
                f"HAProxy not found at {HAPROXY}: install the Debian package `haproxy` "
                "(`make cluster` does it when run as root)"
            )
        self.config.write_text(render_config(self.ports, f"{self.address}:{self.port}"), encoding="utf-8")
        check = subprocess.run([HAPROXY, "-c", "-q", "-f", str(self.config)], capture_output=True, text=True)
        if check.returncode != 0:
            raise SystemExit(f"HAProxy refused {self.config}:\n{check.stdout}{check.stderr}")
        for index in range(len(self.ports)):
            self.start_replica(index)
        # The proxy starts once the processes answer (or after 120 s): no visitor meets a process still loading.
        self.wait_healthy(include_proxy=False)
        out = self._output("haproxy")
        # -W: master-worker, -db: stay in the foreground; the master stops the worker on SIGTERM/SIGINT.
        self.proxy = subprocess.Popen(
            [HAPROXY, "-W", "-db", "-f", str(self.config)],
            cwd=self.workdir,
            stdout=out,
            stderr=subprocess.STDOUT if out else None,
        )
        print(f"proxy pid {self.proxy.pid} port {self.port}", flush=True)

    def wait_healthy(self, timeout: float = 120, include_proxy: bool = True) -> bool:
        """True once every process answers /_stcore/health on its own port (and the proxy answers)."""
        deadline = time.monotonic() + timeout
        pending = [f"http://127.0.0.1:{p}/_stcore/health" for p in self.ports]
        if include_proxy:
            pending.append(f"{self.url}/_stcore/health")
        while pending and time.monotonic() < deadline and not self.stopping:
            if self.proxy is not None and self.proxy.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(pending[0], timeout=2) as resp:
                    if resp.status == 200:
                        pending.pop(0)
                        continue
            except OSError:
                pass
            time.sleep(0.3)
        return not pending

    def supervise(self) -> int:
        """Restart processes that exit; return when the proxy exits or `stop()` was called."""
        died_at: dict[int, float] = {}
        while not self.stopping:
            if self.proxy is not None and self.proxy.poll() is not None:
                print(f"haproxy exited with {self.proxy.returncode}", file=sys.stderr, flush=True)
                return 1
            for index, proc in enumerate(self.replicas):
                if proc is not None and proc.poll() is not None and self.restart:
                    died_at.setdefault(index, time.monotonic())
                    if time.monotonic() - died_at[index] >= RESTART_PAUSE:
                        print(
                            f"replica {replica_name(index)} exited with {proc.returncode}; starting it again",
                            flush=True,
                        )
                        del died_at[index]
                        self.start_replica(index)
            time.sleep(0.2)
        return 0

    def stop(self) -> None:
        self.stopping = True
        procs = [p for p in [self.proxy, *self.replicas] if p is not None and p.poll() is None]
        for proc in procs:
            proc.terminate()
        deadline = time.monotonic() + 10
        for proc in procs:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        shutil.rmtree(self.workdir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.cluster", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--replicas", type=int, default=os.cpu_count() or 1, help="Streamlit processes (default: the number of cores)"
    )
    parser.add_argument("--port", type=int, default=8500, help="the proxy's port; processes use the next ones")
    parser.add_argument("--address", default="127.0.0.1", help="the proxy's address (0.0.0.0: every interface)")
    parser.add_argument("--no-restart", action="store_true", help="do not start a process again after it exits")
    parser.add_argument("--log-dir", type=Path, help="write each process's log there instead of this terminal")
    parser.add_argument(
        "--print-config",
        action="store_true",
        help="print the HAProxy config for these settings and exit (for a production machine)",
    )
    parser.add_argument("--bind", help="with --print-config: the bind line, e.g. ':443 ssl crt /etc/haproxy/hubs.pem'")
    parser.add_argument("--secure-cookie", action="store_true", help="with --print-config: cookie only over HTTPS")
    args = parser.parse_args(argv)
    if args.replicas < 1:
        parser.error("--replicas must be at least 1")
    ports = [args.port + 1 + i for i in range(args.replicas)]
    if args.print_config:
        sys.stdout.write(render_config(ports, args.bind or f"{args.address}:{args.port}", args.secure_cookie))
        return 0

    cluster = Cluster(args.replicas, args.port, args.address, restart=not args.no_restart, log_dir=args.log_dir)

    def on_signal(signum, _frame):
        cluster.stopping = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        cluster.start()
        if cluster.wait_healthy():
            print(
                f"Dashboard: {cluster.url}/  ({args.replicas} processes behind HAProxy; the processes' own URLs "
                "above are for the proxy only; Ctrl+C stops them all)",
                flush=True,
            )
        elif not cluster.stopping:
            print(
                "Not every process answered its health check within 120 s; the proxy serves those that do",
                file=sys.stderr,
                flush=True,
            )
        return cluster.supervise()
    finally:
        cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
