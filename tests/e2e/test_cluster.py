"""`make cluster` on loopback: two app processes behind HAProxy (deploy/haproxy.cfg), driven by real browsers.

Every browser context here comes from 127.0.0.1, like visitors behind one NAT. The SERVERID cookie HAProxy
sets names the process (r1, r2) that holds the context's session. Checked: visitors are spread over both
processes; one visitor's upload and later reruns stay on its process; when a process is killed, sessions on the
other carry on without reconnecting, new visitors are served, no 5xx reaches anyone, and the launcher starts
it again; a hung process takes no visitors until it answers its health checks again.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from tests.conftest import upload_file
from tests.e2e.conftest import DESKTOP, ROOT, SHOTS, nav_to, wait_ready, watch_runs

HAPROXY = "/usr/sbin/haproxy"


def _free_block(size: int) -> int:
    """A port p with p .. p+size-1 all free on 127.0.0.1."""
    for _ in range(50):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            base = sock.getsockname()[1]
        if base + size > 65535:
            continue
        try:
            for port in range(base, base + size):
                with socket.socket() as probe:
                    probe.bind(("127.0.0.1", port))
        except OSError:
            continue
        return base
    raise RuntimeError("no block of free ports")


def _status(url: str, cookie: str | None = None) -> int:
    request = urllib.request.Request(url, headers={"Cookie": f"SERVERID={cookie}"} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as resp:
            resp.read()
            return resp.status
    except urllib.error.HTTPError as error:
        return error.code


class Cluster:
    def __init__(self, proc: subprocess.Popen, url: str, ports: dict[str, int]):
        self.proc, self.url, self.ports = proc, url, ports
        self.pids: dict[str, int] = {}
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line.rstrip())
            match = re.match(r"replica (r\d+) pid (\d+) port", line)
            if match:
                self.pids[match[1]] = int(match[2])

    def wait_for(self, text: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not any(text in line for line in self.lines):
            if self.proc.poll() is not None:
                raise RuntimeError(f"the cluster exited with {self.proc.returncode}: {self.lines}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"no '{text}' within {timeout:.0f} s: {self.lines}")
            time.sleep(0.2)


@pytest.fixture(scope="module")
def cluster():
    if not os.path.exists(HAPROXY):
        pytest.fail(f"{HAPROXY} not found: run `make test` (it installs haproxy with apt-get as root)")
    port = _free_block(3)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "dashboard.cluster",
            "--replicas",
            "2",
            "--port",
            str(port),
            "--log-dir",
            str(SHOTS.parent / f"cluster-{port}"),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    cl = Cluster(proc, f"http://127.0.0.1:{port}", {"r1": port + 1, "r2": port + 2})
    try:
        cl.wait_for("Dashboard: ", 120)
        # The proxy marks a process up after two good health checks (a second or two after it answers).
        deadline = time.monotonic() + 20
        while {_status(cl.url + "/_stcore/health", name) for name in ("r1", "r2")} != {200}:
            assert time.monotonic() < deadline, "the proxy did not pass health checks through"
            time.sleep(0.3)
        time.sleep(2.5)
        yield cl
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    # SIGTERM stops the proxy and every process it started.
    for pid in cl.pids.values():
        assert not _alive(pid), f"process {pid} still runs after the cluster stopped"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by its parent) counts as stopped.
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split(")")[-1].split()[0] != "Z"


class Visitor:
    """One browser context (its own cookies) with one tab on the cluster."""

    def __init__(self, browser, url: str, path: str = "/sources"):
        self.context = browser.new_context(viewport=DESKTOP, locale="ko-KR")
        self.page = self.context.new_page()
        self.page.set_default_timeout(45_000)
        self.failures: list[str] = []
        self.sockets: list = []
        self.page.on("response", lambda r: self.failures.append(f"{r.status} {r.url}") if r.status >= 500 else None)
        self.page.on("websocket", lambda ws: self.sockets.append(ws))
        watch_runs(self.page)
        self.page.goto(url + path)
        # Every page starts with its title: it is there once the session's first run reached the browser.
        self.page.wait_for_selector("[data-testid=stMain] h1")
        wait_ready(self.page, 45_000)

    @property
    def server(self) -> str:
        return next(c["value"] for c in self.context.cookies() if c["name"] == "SERVERID")

    def errors(self) -> int:
        return self.page.locator("[data-testid=stException], [data-testid=stAlertContentError]").count()

    def nav(self, slug: str) -> None:
        nav_to(self.page, f"/{slug}", 45_000)

    def close(self) -> None:
        self.context.close()


def upload_bytes() -> bytes:
    """One made-up figure (synthetic test data, generated here)."""
    return upload_file(
        figure_id="cluster1",
        hub_id="gwangju_ai_cluster",
        metric="personnel_trained",
        value="1234",
        unit="persons",
        period_start="2021",
        period_end="2021",
        kind="actual",
        quote="cluster test marker",
        source_publisher="Tester",
        source_title="Cluster check",
        source_published="2024-01-01",
    )


SIDEBAR_NOTICE = "[data-testid=stSidebar] [data-testid=stAlertContentWarning]"


def test_proxy_refuses_internal_endpoints_and_big_bodies(cluster):
    assert _status(cluster.url + "/_stcore/health") == 200
    assert _status(cluster.url + "/_stcore/host-config") == 200
    assert _status(cluster.url + "/_stcore/metrics") == 403
    assert _status(cluster.url + "/_stcore/script-health-check") == 403
    assert _status(cluster.url + "/_stcore/agent/openapi.json") == 403
    big = urllib.request.Request(
        cluster.url + "/_stcore/upload_file/x/y",
        method="PUT",
        data=b"",
        headers={"Content-Length": str(8 * 1024 * 1024)},
    )
    try:
        urllib.request.urlopen(big, timeout=10)
        status = 200
    except urllib.error.HTTPError as error:
        status = error.code
    assert status == 413


def test_visitors_on_one_address_spread_and_stay_on_their_process(browser, cluster):
    visitors = [Visitor(browser, cluster.url) for _ in range(3)]
    try:
        assert {v.server for v in visitors} == {"r1", "r2"}
        mine = visitors[0]
        home = mine.server
        mine.page.locator(".st-key-upload_file [data-testid=stFileUploaderDropzoneInput]").set_input_files(
            files=[{"name": "mine.csv", "mimeType": "text/csv", "buffer": upload_bytes()}]
        )
        # The upload is a request to the process holding the session: any other refuses its session id.
        mine.page.wait_for_selector("[data-testid=stAlertContentSuccess]")
        wait_ready(mine.page, 45_000)
        # Later reruns (another page, back) run in the same session: its uploaded figure is still mixed in.
        mine.nav("personnel")
        assert "1" in mine.page.locator(SIDEBAR_NOTICE).inner_text()
        mine.nav("sources")
        assert "1" in mine.page.locator(SIDEBAR_NOTICE).inner_text()
        assert mine.server == home
        assert len(mine.sockets) == 1  # one websocket all along: no reconnect to another process
        for v in visitors:
            assert v.failures == [] and v.errors() == 0
    finally:
        for v in visitors:
            v.close()


def _served_by(url: str, cookie: str) -> str | None:
    """Which process answered a request carrying `cookie` (None: no answer within 1.5 s). HAProxy sets a new
    SERVERID cookie only when the one sent names a process it does not send the request to (one that is down)."""
    request = urllib.request.Request(url, headers={"Cookie": f"SERVERID={cookie}"})
    try:
        with urllib.request.urlopen(request, timeout=1.5) as resp:
            resp.read()
            match = re.search(r"SERVERID=(r\d+)", " ".join(resp.headers.get_all("Set-Cookie") or []))
            return match[1] if match else cookie
    except OSError:
        return None


def _wait_served_by(url: str, cookie: str, expected: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while (got := _served_by(url, cookie)) != expected:
        assert time.monotonic() < deadline, f"a request for {cookie} was served by {got}, not {expected}"
        time.sleep(0.3)


def test_a_hung_process_takes_no_visitors_until_it_answers_again(cluster):
    health = cluster.url + "/_stcore/health"
    assert _served_by(health, "r1") == "r1"
    os.kill(cluster.pids["r1"], signal.SIGSTOP)
    try:
        # Its health checks time out: it is taken out, and its visitors are served by the other process.
        _wait_served_by(health, "r1", "r2")
        # New visitors (no cookie) all go to the other process now.
        for _ in range(4):
            request = urllib.request.Request(cluster.url + "/")
            with urllib.request.urlopen(request, timeout=10) as resp:
                assert resp.status == 200
                assert "SERVERID=r2" in resp.headers.get_all("Set-Cookie")[-1]
    finally:
        os.kill(cluster.pids["r1"], signal.SIGCONT)
    # It answers again: after two good checks its visitors are sent to it again.
    _wait_served_by(health, "r1", "r1")


def test_a_killed_process_costs_other_visitors_nothing(browser, cluster):
    visitors: list[Visitor] = []
    statuses: list[tuple[str, int]] = []
    stop = threading.Event()

    def poll() -> None:
        # New visitors without a cookie, and visitors whose cookie names either process.
        while not stop.is_set():
            for cookie in (None, "r1", "r2"):
                for path in ("/", "/_stcore/health"):
                    try:
                        statuses.append((f"{cookie} {path}", _status(cluster.url + path, cookie)))
                    except OSError as error:
                        statuses.append((f"{cookie} {path}: {error}", 0))
            time.sleep(0.1)

    poller = threading.Thread(target=poll, daemon=True)
    try:
        while {v.server for v in visitors} != {"r1", "r2"}:
            assert len(visitors) < 6, "six visitors and still not one on each process"
            visitors.append(Visitor(browser, cluster.url))
        survivor = next(v for v in visitors if v.server == "r2")
        victim = next(v for v in visitors if v.server == "r1")
        poller.start()
        os.kill(cluster.pids["r1"], signal.SIGKILL)

        # The session on the other process carries on: a page change over the same websocket.
        survivor.nav("personnel")
        assert survivor.errors() == 0
        assert len(survivor.sockets) == 1
        # New visitors are served.
        newcomers = [Visitor(browser, cluster.url) for _ in range(2)]
        visitors += newcomers
        for v in newcomers:
            assert v.errors() == 0

        # The killed process's visitor reconnects, through the proxy, to the other process: a new session from
        # its link, the cookie now naming the process that serves it.
        deadline = time.monotonic() + 45
        while len(victim.sockets) < 2:
            assert time.monotonic() < deadline, "the browser did not reconnect"
            victim.page.wait_for_timeout(200)
        victim.page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning] [data-testid=stMain] h1")
        wait_ready(victim.page, 45_000)
        assert victim.server == "r2" and victim.errors() == 0

        # The launcher starts it again (that it is then taken back is the hung-process test's part).
        cluster.wait_for("replica r1 exited", 15)
        stop.set()
        poller.join(15)
        assert statuses, "the poller made no request"
        assert [s for s in statuses if s[1] >= 500 or s[1] == 0] == []
        for v in visitors:
            assert v.failures == [], v.failures
    finally:
        stop.set()
        for v in visitors:
            v.close()
