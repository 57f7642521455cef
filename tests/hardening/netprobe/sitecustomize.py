"""Loaded at start-up by every Python process whose PYTHONPATH holds this folder (tests/hardening/test_network.py
puts it there for the Streamlit server): records each name lookup and each connection to an address outside
this machine in the file named by AFDASH_NET_PROBE. It records only; nothing is blocked or changed."""

import os
import socket

_LOG = os.environ.get("AFDASH_NET_PROBE")
_HOME = {None, "", "localhost", "0.0.0.0", "::", "::1", b"localhost"}


def _outside(host) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if host in _HOME:
        return False
    return not (str(host).startswith("127.") or str(host).startswith("::ffff:127."))


def _record(what: str, host) -> None:
    if _LOG and _outside(host):
        with open(_LOG, "a", encoding="utf-8") as f:
            f.write(f"{what} {host}\n")


if _LOG:
    _getaddrinfo = socket.getaddrinfo
    _connect = socket.socket.connect
    _connect_ex = socket.socket.connect_ex

    def getaddrinfo(host, *args, **kwargs):
        _record("lookup", host)
        return _getaddrinfo(host, *args, **kwargs)

    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _record("connect", address[0])
        return _connect(self, address)

    def connect_ex(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _record("connect", address[0])
        return _connect_ex(self, address)

    socket.getaddrinfo = getaddrinfo
    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
