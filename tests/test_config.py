"""Safe server options in .streamlit/config.toml, in step with the app's upload limit; uploads stay in memory."""

from __future__ import annotations

import asyncio
import concurrent.futures
import tomllib
from pathlib import Path

from dashboard import upload

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_server_options_are_the_safe_ones():
    """XSRF and CORS protection on, no static file serving, no usage statistics, no tracebacks for visitors."""
    server = CONFIG["server"]
    assert server["enableXsrfProtection"] is True
    assert server["enableCORS"] is True
    assert server["enableStaticServing"] is False
    assert server["headless"] is True and server["runOnSave"] is False
    assert CONFIG["browser"]["gatherUsageStats"] is False
    assert CONFIG["client"]["showErrorDetails"] == "none"
    assert CONFIG["client"]["toolbarMode"] == "viewer"
    assert CONFIG["runner"]["magicEnabled"] is False


def test_one_upload_limit():
    """The server's cap, the uploader widget's limit and the app's own check are one number (5 MB). The app counts
    a MB as the uploader does in the browser (1,000,000 bytes; Windows: 1,048,576) and the server as 1,048,576 bytes,
    so the app's own check is the smallest: a file it accepts passes the other two."""
    assert CONFIG["server"]["maxUploadSize"] == upload.LIMIT_MB == 5
    assert upload.MAX_BYTES == 5_000_000
    assert upload.MAX_BYTES <= CONFIG["server"]["maxUploadSize"] * 1024 * 1024


def test_an_upload_at_the_server_cap_is_parsed_in_memory(monkeypatch):
    """Starlette's multipart parser would spool a part over 1 MB to a temporary file; after importing
    dashboard.upload a file at the server's cap stays in memory."""
    from starlette.datastructures import Headers
    from starlette.formparsers import MultiPartParser

    payload = b"x" * (CONFIG["server"]["maxUploadSize"] * 1024 * 1024)
    boundary = "b0undary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n'
            "Content-Type: text/csv\r\n\r\n"
        ).encode()
        + payload
        + f"\r\n--{boundary}--\r\n".encode()
    )

    async def stream():
        for at in range(0, len(body), 65536):
            yield body[at : at + 65536]

    async def parse():
        parser = MultiPartParser(
            Headers({"content-type": f"multipart/form-data; boundary={boundary}"}), stream(), max_part_size=len(body)
        )
        return await parser.parse()

    spooled = run_isolated(parse)["file"].file
    assert spooled._rolled is False  # still a BytesIO: nothing was written to a temporary file
    spooled.seek(0)
    assert len(spooled.read()) == len(payload)
    # Starlette's own threshold would have written it out: the check above is the patch's doing.
    monkeypatch.setattr(MultiPartParser, "spool_max_size", 1024 * 1024)
    assert run_isolated(parse)["file"].file._rolled is True


def run_isolated(coroutine_function):
    """Run a coroutine on its own thread and event loop (the browser tests keep one running on the main thread)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(coroutine_function())).result(timeout=60)
