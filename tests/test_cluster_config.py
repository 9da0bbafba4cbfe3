"""deploy/haproxy.cfg as dashboard.cluster renders it: valid for HAProxy, with the settings the cluster relies on."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from dashboard import cluster


def test_rendered_config_names_each_process_and_its_cookie():
    text = cluster.render_config([8501, 8502], "127.0.0.1:8500")
    assert "    bind 127.0.0.1:8500\n" in text
    assert "    server r1 127.0.0.1:8501 cookie r1\n    server r2 127.0.0.1:8502 cookie r2\n" in text
    assert 'cookie SERVERID insert indirect nocache httponly attr "SameSite=Lax"\n' in text
    assert "option httpchk GET /_stcore/health\n" in text
    assert "http-check expect status 200\n" in text
    assert "timeout tunnel 24h\n" in text
    # server.maxUploadSize (5 MB) plus the 1 MB of multipart framing Streamlit itself allows
    assert "deny deny_status 413 if { req.hdr_val(content-length) gt 6291456 }\n" in text
    assert "ip_hash" not in text and "balance source" not in text
    assert not [m for m in ("@BIND@", "@COOKIE@", "@SERVERS@") if m in text]  # every marker filled in


def test_tls_config_binds_the_certificate_and_marks_the_cookie_secure():
    text = cluster.render_config([8501], ":443 ssl crt /etc/haproxy/hubs.pem", secure_cookie=True)
    assert "    bind :443 ssl crt /etc/haproxy/hubs.pem\n" in text
    assert 'attr "SameSite=Lax" secure\n' in text


def test_print_config_matches_the_launcher(capsys):
    assert cluster.main(["--print-config", "--replicas", "3", "--port", "9000"]) == 0
    assert capsys.readouterr().out == cluster.render_config([9001, 9002, 9003], "127.0.0.1:9000")


@pytest.mark.skipif(
    not shutil.which("haproxy") and not shutil.os.path.exists(cluster.HAPROXY),
    reason="haproxy is not installed (make cluster installs it)",
)
def test_haproxy_accepts_the_rendered_config(tmp_path):
    for bind, secure in (("127.0.0.1:8500", False), ("0.0.0.0:8500", False)):
        path = tmp_path / "haproxy.cfg"
        path.write_text(cluster.render_config([8501, 8502], bind, secure), encoding="utf-8")
        check = subprocess.run([cluster.HAPROXY, "-c", "-q", "-f", str(path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
