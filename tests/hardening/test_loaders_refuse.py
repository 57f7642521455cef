"""The loaders refuse a data package of the wrong shape, a folder where a file belongs (and the reverse), a path
leaving data/ and clean files with impossible values, always with DataUnavailable (which the pages turn into
the clear error page), never with another exception."""

from __future__ import annotations

import pytest

from afdash.store import catalogue, loaders

from . import breakage

pytestmark = pytest.mark.pipeline


def _load(name: str, data) -> object:
    ds = catalogue.get(name)
    return (loaders.load_table if ds.kind == "table" else loaders.load_geo)(name, data)


@pytest.mark.parametrize("brk", breakage.WHOLE_PACKAGE, ids=lambda b: b.__name__)
def test_a_broken_package_makes_every_dataset_unavailable(data_copy, brk):
    words = brk(data_copy)
    for ds in catalogue.DATASETS:
        with pytest.raises(loaders.DataUnavailable) as exc:
            _load(ds.name, data_copy)
        assert words in str(exc.value) and "afdash build-data" in str(exc.value), (ds.name, str(exc.value))


@pytest.mark.parametrize("brk,broken", [pytest.param(*c, id=c[0].__name__) for c in breakage.SOME_DATASETS])
def test_impossible_values_in_a_clean_file_make_that_dataset_unavailable(data_copy, brk, broken):
    words = brk(data_copy)
    for ds in catalogue.DATASETS:
        if ds.name in broken:
            with pytest.raises(loaders.DataUnavailable) as exc:
                _load(ds.name, data_copy)
            assert words in str(exc.value) and ds.path in str(exc.value), str(exc.value)
        else:
            _load(ds.name, data_copy)


def test_the_intact_copy_loads(data_copy):
    """Guards the two tests above: what they break is what makes the loaders refuse."""
    for ds in catalogue.DATASETS:
        _load(ds.name, data_copy)
    assert len(loaders.descriptor(data_copy)["resources"]) == len(catalogue.DATASETS)
