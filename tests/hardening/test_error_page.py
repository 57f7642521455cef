"""Every page, opened on a data copy broken in ways that are valid on the surface (JSON of the wrong shape, a
folder where a file belongs and the reverse, a path leaving data/, impossible values under a matching
checksum), shows the clear error page naming the problem and what to do, and raises nothing."""

from __future__ import annotations

import pytest

from afdash.web import site

from ..apptest_support import open_page
from . import breakage

pytestmark = pytest.mark.app

# A few breakages per page keep this fast; tests/hardening/test_loaders_refuse.py covers every one per dataset.
PAGE_BREAKAGES = [breakage.package_a_list, breakage.resource_without_hash, breakage.path_leaves_data,
                  breakage.datapackage_a_folder, breakage.clean_folder_a_file]


@pytest.mark.parametrize("brk", PAGE_BREAKAGES, ids=lambda b: b.__name__)
@pytest.mark.parametrize("page", site.PAGES, ids=lambda p: p.url_path or "home")
def test_every_page_shows_the_error_page_for_a_broken_data_copy(data_copy, monkeypatch, page, brk):
    words = brk(data_copy)
    monkeypatch.setenv("AFDASH_DATA_DIR", str(data_copy))
    at = open_page(page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.error, f"{page.path} shows no error page ({brk.__name__})"
    text = " ".join(e.value for e in at.error)
    assert "cannot be used" in text and words in text and "afdash build-data" in text, text
    assert "Traceback" not in text


@pytest.mark.parametrize("page", [p for p in site.PAGES if p.url_path in ("", "security-trends")],
                         ids=lambda p: p.url_path or "home")
def test_impossible_values_under_a_matching_checksum_show_the_error_page(data_copy, monkeypatch, page):
    """The Overview once read "USD inf" from a non-finite figure; now the loaders refuse it."""
    breakage.numbers_not_finite(data_copy)
    breakage.ends_before_starts(data_copy)
    monkeypatch.setenv("AFDASH_DATA_DIR", str(data_copy))
    at = open_page(page)
    assert not at.exception, [e.value for e in at.exception]
    text = " ".join(e.value for e in at.error)
    assert "cannot be used" in text and ("not finite" in text or "before" in text), text
    assert not [m.value for m in at.metric if "inf" in str(m.value).lower()]
