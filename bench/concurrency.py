"""Reruns per second of one app process under N concurrent sessions, driven over Streamlit's own websocket protocol.

Each session is a thread holding one websocket to /_stcore/stream (127.0.0.1 only). It sends a BackMsg
`rerun_script`, reads ForwardMsgs until `script_finished`, and immediately asks again (a closed loop, like a
user who clicks as soon as the page is drawn). Like a browser, it reports the hashes of cacheable messages it
has already received, so the server may send references instead of repeating large payloads.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field

import websocket
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState, ContextInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

RUN_TIMEOUT = 60  # seconds one rerun may take before it counts as failed


@dataclass
class Level:
    """The outcome of one concurrency level."""

    sessions: int
    seconds: float
    runs: int = 0
    errors: int = 0
    latencies: list[float] = field(default_factory=list)
    error_samples: list[str] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.runs / self.seconds if self.seconds else 0.0


class Session:
    """One websocket session of the app's default page (the Overview)."""

    def __init__(self, base_url: str, query_string: str = ""):
        self.url = base_url.replace("http://", "ws://") + "/_stcore/stream"
        self.base_url = base_url
        self.query_string = query_string
        self.cached: set[str] = set()
        self.ws = websocket.create_connection(self.url, subprotocols=["streamlit"], timeout=RUN_TIMEOUT)

    def rerun(self) -> str | None:
        """One full script run; returns None on success, else what went wrong."""
        state = ClientState(
            query_string=self.query_string,
            page_script_hash="",
            context_info=ContextInfo(timezone="Asia/Seoul", locale="ko-KR", url=self.base_url),
        )
        state.cached_message_hashes.extend(sorted(self.cached))
        self.ws.send_binary(BackMsg(rerun_script=state).SerializeToString())
        problem = None
        while True:
            opcode, payload = self.ws.recv_data()
            if opcode != websocket.ABNF.OPCODE_BINARY:
                continue
            msg = ForwardMsg()
            msg.ParseFromString(payload)
            if msg.metadata.cacheable and msg.hash:
                self.cached.add(msg.hash)
            kind = msg.WhichOneof("type")
            if (
                kind == "delta"
                and msg.delta.WhichOneof("type") == "new_element"
                and msg.delta.new_element.WhichOneof("type") == "exception"
            ):
                problem = problem or f"exception: {msg.delta.new_element.exception.message[:120]}"
            elif kind == "script_finished":
                if msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    # A run the server started itself (e.g. on connect) gave way to ours; ours follows.
                    continue
                if msg.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                    name = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                    problem = problem or f"script finished with {name}"
                return problem

    def close(self) -> None:
        try:
            self.ws.close()
        except Exception:  # noqa: BLE001 - closing a broken socket must not hide the measurement
            pass


def _warm_session(base_url: str, level: Level) -> Session:
    client = Session(base_url)
    problem = client.rerun()  # the first run of a session sets up its state; it is not counted
    if problem:
        level.errors += 1
        level.error_samples.append(f"first run: {problem}")
    return client


def run_level(base_url: str, pool: list[Session], sessions: int, seconds: float, max_runs: int) -> Level:
    """`sessions` concurrent closed-loop sessions for `seconds` (or until `max_runs` runs in all).

    Sessions are taken from `pool` (grown as needed, each warmed by one uncounted run), so later levels
    reuse the earlier levels' sessions.
    """
    level = Level(sessions, seconds)
    while len(pool) < sessions:
        pool.append(_warm_session(base_url, level))
    clients = pool[:sessions]
    lock = threading.Lock()
    barrier = threading.Barrier(sessions + 1)
    stop_at: list[float] = []

    def loop(client: Session) -> None:
        barrier.wait()
        while time.perf_counter() < stop_at[0]:
            with lock:
                if level.runs + level.errors >= max_runs:
                    return
            start = time.perf_counter()
            try:
                problem = client.rerun()
            except Exception as exc:  # noqa: BLE001 - a dropped socket is an error to count, then reconnect
                problem = f"{type(exc).__name__}: {exc}"
                client.close()
                try:
                    replacement = Session(base_url)
                    client.ws, client.cached = replacement.ws, set()
                except Exception:  # noqa: BLE001
                    return
            elapsed = time.perf_counter() - start
            with lock:
                if problem:
                    level.errors += 1
                    if len(level.error_samples) < 5:
                        level.error_samples.append(problem)
                else:
                    level.runs += 1
                    level.latencies.append(elapsed)

    threads = [threading.Thread(target=loop, args=(c,), daemon=True) for c in clients]
    for thread in threads:
        thread.start()
    begin = time.perf_counter()
    stop_at.append(begin + seconds)
    barrier.wait()
    for thread in threads:
        thread.join(timeout=seconds + RUN_TIMEOUT + 5)
    level.seconds = time.perf_counter() - begin
    return level


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process `pid` so far, from /proc (what a server spent on the load)."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    # Fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the command name.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
