"""Vendored third-party files and their manifest (package, version, file, sha256, licence)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path


class VendorError(ValueError):
    """A vendored file is missing or differs from the manifest."""


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def manifest(vendor: Path) -> list[dict]:
    return json.loads((vendor / "manifest.json").read_text(encoding="utf-8"))["files"]


def verify(vendor: Path) -> list[dict]:
    """Every manifest entry, after checking the file on disk is byte-identical to what was vendored."""
    entries = manifest(vendor)
    for e in entries:
        path = vendor / e["path"]
        if not path.exists():
            raise VendorError(f"vendor/{e['path']}: missing (fetch with `{e['fetch']}`)")
        digest = sha256(path)
        if digest != e["sha256"]:
            raise VendorError(f"vendor/{e['path']}: sha256 {digest} differs from manifest {e['sha256']}")
    return entries
