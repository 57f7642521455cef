"""Vendored third-party files and their manifest (package, version, file, sha256, licence).

The manifest is read strictly: a missing or malformed manifest, an entry without one of its fields, a path
leaving data/vendor/ or a folder where a file belongs is a VendorError naming the manifest entry and field,
so `afdash build-data` and the Data & sources page report it instead of failing with a traceback.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path, PurePosixPath

MANIFEST = "vendor/manifest.json"
# Every entry carries these as non-empty text; the Data & sources page shows all but `fetch`.
ENTRY_FIELDS = ("path", "package", "version", "file", "sha256", "package_licence", "data_licence", "upstream",
                "fetch")
SHA256 = re.compile(r"[0-9a-f]{64}")


class VendorError(ValueError):
    """A vendored file or the manifest is missing, malformed or differs from what was vendored."""


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def manifest(vendor: Path) -> list[dict]:
    """The manifest's entries, each with every field in ENTRY_FIELDS, or a VendorError saying what is wrong."""
    path = vendor / "manifest.json"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise VendorError(f"{MANIFEST}: missing (restore it from version control)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise VendorError(f"{MANIFEST}: cannot be read ({type(exc).__name__}: {exc})") from None
    except json.JSONDecodeError as exc:
        raise VendorError(f"{MANIFEST}, line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})") from None
    files = doc.get("files") if isinstance(doc, dict) else None
    if not isinstance(files, list):
        raise VendorError(f"{MANIFEST}: expected an object with a list \"files\"")
    for i, e in enumerate(files, start=1):
        _check_entry(i, e)
    return files


def _check_entry(i: int, e: object) -> None:
    where = f"{MANIFEST}, entry {i}"
    if not isinstance(e, dict):
        raise VendorError(f"{where}: expected an object")
    for name in ENTRY_FIELDS:
        if not isinstance(e.get(name), str) or not e[name].strip():
            raise VendorError(f"{where}, field '{name}': missing or not text")
    rel = PurePosixPath(e["path"])
    if rel.is_absolute() or ".." in rel.parts or "\\" in e["path"]:
        raise VendorError(f"{where}, field 'path': {e['path']!r} leaves data/vendor/")
    if not SHA256.fullmatch(e["sha256"]):
        raise VendorError(f"{where}, field 'sha256': not 64 lower-case hex digits")


def verify(vendor: Path) -> list[dict]:
    """Every manifest entry, after checking the file on disk is byte-identical to what was vendored."""
    entries = manifest(vendor)
    for i, e in enumerate(entries, start=1):
        path = vendor / e["path"]
        where = f"vendor/{e['path']} (manifest entry {i})"
        try:
            digest = sha256(path)
        except FileNotFoundError:
            raise VendorError(f"{where}: missing (fetch with `{e['fetch']}`)") from None
        except IsADirectoryError:
            raise VendorError(f"{where}: is a folder, not a file (fetch with `{e['fetch']}`)") from None
        except OSError as exc:
            raise VendorError(f"{where}: cannot be read ({exc.strerror or exc})") from None
        if digest != e["sha256"]:
            raise VendorError(f"{where}: sha256 {digest} differs from manifest {e['sha256']}")
    return entries
