"""README documents every page and every dataset (a page or dataset nobody can find is a defect)."""

from afdash.core.paths import PROJECT_ROOT
from afdash.store import catalogue
from afdash.web import site

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def test_every_page_is_documented():
    for p in site.PAGES:
        assert f"`/{p.url_path}`" in README, f"README does not document /{p.url_path}"


def test_every_dataset_is_documented():
    for d in catalogue.DATASETS:
        assert f"`{d.name}`" in README, f"README does not document dataset {d.name}"


def test_readme_gives_the_two_commands():
    assert "make run" in README and "make test" in README
