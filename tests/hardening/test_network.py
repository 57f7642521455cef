"""The server stays at home: started exactly as `make run` starts it (the Makefile's recipe, the project's
.streamlit/config.toml), it listens on 127.0.0.1 only and looks up or connects to nothing outside the machine
(Streamlit's banner once asked an outside service for the machine's public IP). `make serve-room`, the one
documented way to serve a LAN, listens on every interface and still makes no outside lookup.

Outside traffic is seen by netprobe/sitecustomize.py, which the server's Python loads at start-up and which
records every name lookup and connection to a non-loopback address."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from afdash.core.paths import PROJECT_ROOT

pytestmark = pytest.mark.app

PROBE = Path(__file__).parent / "netprobe"
LISTEN = "0A"  # TCP state in /proc/net/tcp


def recipe(target: str) -> list[str]:
    """The shell lines `make <target>` runs, with $(BIN) as this interpreter's bin folder (the venv's)."""
    lines = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    start = next((i for i, line in enumerate(lines) if re.match(rf"^{re.escape(target)}\s*:", line)), None)
    assert start is not None, f"the Makefile has no target {target!r}"
    body = []
    for line in lines[start + 1:]:
        if not line.startswith("\t"):
            break
        body.append(line[1:].lstrip("@").replace("$(BIN)", os.path.dirname(sys.executable)).replace("$$", "$"))
    return body


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on `port`, from /proc/net/tcp and tcp6."""
    found = set()
    for name, size in (("tcp", 4), ("tcp6", 16)):
        path = Path("/proc/net") / name
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            addr, hexport = local.split(":")
            if int(hexport, 16) != port or state != LISTEN:
                continue
            raw = bytes.fromhex(addr)
            # the kernel prints each 32-bit word in host (little-endian) order
            raw = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))
            found.add(socket.inet_ntop(socket.AF_INET if size == 4 else socket.AF_INET6, raw))
    return found


def serve(target: str, tmp_path: Path) -> tuple[set[str], list[str], str]:
    """Run `make <target>`'s recipe on a free port until the server is up and has printed its banner (or, with
    the banner off, a little longer); return the listening addresses, the outside traffic, and the output."""
    if not Path("/proc/net/tcp").exists():
        pytest.skip("needs Linux's /proc/net/tcp to see which addresses the server listens on")
    port, log, out = free_port(), tmp_path / "net.log", tmp_path / "server.out"
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    env.update(STREAMLIT_SERVER_PORT=str(port), AFDASH_NET_PROBE=str(log),
               PYTHONPATH=os.pathsep.join([str(PROBE), env.get("PYTHONPATH", "")]))
    command = [line for line in recipe(target) if "streamlit run" in line]
    assert len(command) == 1, recipe(target)
    with out.open("wb") as sink:
        proc = subprocess.Popen(["/bin/sh", "-c", command[0]], cwd=PROJECT_ROOT, env=env, stdout=sink,
                                stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                assert proc.poll() is None, out.read_text(errors="replace")
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    time.sleep(0.3)
            else:
                pytest.fail(f"the server did not start: {out.read_text(errors='replace')}")
            # Streamlit looks up the addresses it prints just before printing them; with the banner off, give
            # any lookup a moment to happen anyway
            settle = time.monotonic() + (2 if "hideWelcomeMessage" in command[0] else 10)
            while time.monotonic() < settle and "URL:" not in out.read_text(errors="replace"):
                time.sleep(0.2)
            addresses = listening(port)
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
    traffic = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return addresses, traffic, out.read_text(errors="replace")


def test_make_run_listens_on_loopback_only_and_makes_no_outside_lookup(tmp_path):
    addresses, traffic, output = serve("run", tmp_path)
    assert (addresses, traffic) == ({"127.0.0.1"}, []), \
        f"listening on {addresses}; outside lookups or connections at start-up: {traffic}"
    assert "External URL" not in output and "Network URL" not in output, output


def test_make_serve_room_listens_on_every_interface_and_makes_no_outside_lookup(tmp_path):
    addresses, traffic, output = serve("serve-room", tmp_path)
    assert addresses & {"0.0.0.0", "::"}, f"listening on {addresses}"
    assert traffic == [], f"outside lookups or connections at start-up: {traffic}"
    assert "External URL" not in output, output


def test_the_probe_sees_an_outside_lookup(tmp_path):
    """Guards the tests above: the probe, loaded the same way, records a lookup of an outside name."""
    log = tmp_path / "net.log"
    env = {**os.environ, "AFDASH_NET_PROBE": str(log),
           "PYTHONPATH": os.pathsep.join([str(PROBE), os.environ.get("PYTHONPATH", "")])}
    code = ("import socket\n"
            "for call in (lambda: socket.getaddrinfo('checkip.example', 80),\n"
            "             lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).connect(('192.0.2.1', 80)),\n"
            "             lambda: socket.getaddrinfo('127.0.0.1', 80)):\n"
            "    try:\n        call()\n    except OSError:\n        pass\n")
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    assert log.read_text(encoding="utf-8").splitlines() == ["lookup checkip.example", "connect 192.0.2.1"]
