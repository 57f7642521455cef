"""The data package as other tools read it: the reference validator (frictionless-py) must find it valid."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import DATA


def _frictionless() -> str:
    exe = Path(sys.executable).with_name("frictionless")
    found = str(exe) if exe.exists() else shutil.which("frictionless")
    if not found:
        pytest.fail("the frictionless CLI is missing: install the test extra (pip install -e '.[test]')")
    return found


def test_frictionless_validates_the_data_package():
    out = subprocess.run([_frictionless(), "validate", str(DATA / "datapackage.json"), "--json"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0 and '"valid": true' in out.stdout, out.stdout[-3000:] + out.stderr[-2000:]


def test_frictionless_would_catch_a_bad_descriptor(data_copy):
    """Guards the test above: the validator really reads afdash's descriptor and fails on a broken field."""
    dp = data_copy / "datapackage.json"
    dp.write_text(dp.read_text().replace('"listDelimiter": "|"', '"format": "list separated by \'|\'"', 1))
    out = subprocess.run([_frictionless(), "validate", str(dp), "--json"], capture_output=True, text=True,
                         timeout=300)
    assert out.returncode != 0 and "format" in out.stdout
