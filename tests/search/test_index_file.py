"""The search index the data build writes (data/index/): it is the committed search_documents' index, finds
what the in-memory index finds, is reproducible, and the app falls back to memory, saying so, when the file is
missing, stale or damaged."""

import json
import shutil
import sqlite3

import pytest

from afdash.core.paths import index_dir
from afdash.search import engine, index, index_file
from afdash.store import loaders

from ..apptest_support import open_page, page
from ..conftest import DATA

pytestmark = pytest.mark.pipeline
QUERIES = ["Khorasan", "frozen assets", "4,000", "Tunxi", "refugees Iran", "Haqqani", "9.5"]


@pytest.fixture(scope="session")
def docs():
    return loaders.load_table("search_documents", DATA)


def _hash():
    return loaders.resource("search_documents", DATA)["hash"]


def _hits(ix):
    return {q: [(m.row, round(m.score, 9), m.title, m.snippet) for m in ix.match(f'"{q}"')] for q in QUERIES}


def test_the_committed_index_is_the_committed_documents_and_finds_what_memory_finds(docs):
    meta = json.loads((DATA / "index" / index_file.MANIFEST).read_text())
    assert meta["source_hash"] == _hash() and meta["rows"] == len(docs), "data/index is stale: afdash build-data"
    con = index_file.open_read_only(DATA / "index", _hash(), len(docs))
    actors = loaders.load_table("actors", DATA)
    from_file, in_memory = index.Index(docs, actors, con=con), index.Index(docs, actors)
    found = _hits(from_file)
    assert all(found[q] for q in ("Khorasan", "frozen assets", "Tunxi")), found
    assert found == _hits(in_memory)
    with pytest.raises(sqlite3.OperationalError):
        con.execute("DELETE FROM fts")  # opened read-only: the app cannot change the committed file


def test_writing_the_index_is_reproducible(docs, tmp_path):
    index_file.write(docs, _hash(), tmp_path / "a")
    index_file.write(docs, _hash(), tmp_path / "b")
    first = (tmp_path / "a" / index_file.FILE).read_bytes()
    assert first == (tmp_path / "b" / index_file.FILE).read_bytes()
    meta = json.loads((DATA / "index" / index_file.MANIFEST).read_text())
    assert (tmp_path / "a" / index_file.MANIFEST).read_text() == (DATA / "index" / index_file.MANIFEST).read_text() \
        or meta["sqlite_version"] != sqlite3.sqlite_version
    if meta["sqlite_version"] == sqlite3.sqlite_version:  # SQLite writes its version into the file header
        assert first == (DATA / "index" / index_file.FILE).read_bytes(), "data/index differs from a fresh build"


@pytest.mark.parametrize("damage", ["missing", "no-manifest", "stale", "corrupt", "truncated"])
def test_a_bad_index_file_is_refused_with_the_reason(docs, tmp_path, damage):
    folder = tmp_path / "index"
    shutil.copytree(DATA / "index", folder)
    path = folder / index_file.FILE
    if damage == "missing":
        path.unlink()
    elif damage == "no-manifest":
        (folder / index_file.MANIFEST).unlink()
    elif damage == "stale":
        meta = json.loads((folder / index_file.MANIFEST).read_text())
        (folder / index_file.MANIFEST).write_text(json.dumps({**meta, "source_hash": "sha256:0"}))
    elif damage == "corrupt":
        data = bytearray(path.read_bytes())
        data[len(data) // 2: len(data) // 2 + 4096] = b"\xff" * 4096
        path.write_bytes(bytes(data))
    else:
        path.write_bytes(path.read_bytes()[:5000])
    with pytest.raises(index_file.IndexFileError) as err:
        index_file.open_read_only(folder, _hash(), len(docs))
    assert "afdash build-data" in str(err.value) and "data/index/" in str(err.value)


def test_without_the_index_file_the_search_page_says_so_and_still_finds(data_copy, monkeypatch):
    shutil.rmtree(index_dir(data_copy))
    monkeypatch.setenv("AFDASH_DATA_DIR", str(data_copy))
    at = open_page(page("pages/search.py"), {"q": "ISKP"})
    assert not at.exception
    assert any("data/index/search.json is missing" in w.value for w in at.warning)
    assert any("row(s) match" in m.value for m in at.markdown)
    assert engine.search(index.Index(loaders.load_table("search_documents", data_copy),
                                     loaders.load_table("actors", data_copy)), "ISKP").total > 0
