"""Every number afdash shows from the report must be printed in the report, and no run of a dozen
words of its body text may be copied into the project."""

import re

import pytest

from afdash.core.paths import PROJECT_ROOT
from afdash.core.report import REPORT_CITATION

SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
WORDS = {"one": 1, "two": 2, "three": 3, "half": 0.5}
TABLE_1 = {
    "fatalities": "1,052 1,281 1,575 1,159 1,344 1,686 1,615 1,644 1,672 1,729 1,422 1,304 1,426",
    "wounded": "1,440 1,990 2,341 1,979 2,577 3,209 3,367 3,631 3,600 3,476 2,551 2,214 2,199",
    "total": "2,492 3,271 3,916 3,138 3,921 4,895 4,982 5,275 5,272 5,205 3,973 3,518 3,625",
}


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def numbers_in(snippet: str) -> set[float]:
    found = set()
    for m in re.finditer(r"(\d[\d,]*(?:\.\d+)?)(?:\s+(thousand|million|billion|trillion))?", snippet):
        v = float(m.group(1).replace(",", ""))
        found.add(v * SCALES.get(m.group(2) or "", 1))
    for word, v in WORDS.items():
        if re.search(rf"\b{word}\b", snippet, re.IGNORECASE):
            found.add(v)
    return found


def test_number_parser_applies_scales():
    assert numbers_in("USD 1 trillion to 3 trillion") == {1e12, 3e12}
    assert numbers_in("grew from 2,200 people to about 4,000") == {2200, 4000}
    assert numbers_in("about half of them") == {0.5}


def test_all_39_table_cells_and_the_three_period_figures(built, report_text):
    cas = built["civilian_casualties"].table
    t1 = cas[cas["table"] == "Table 1"]
    assert len(t1) == 39
    for measure, printed in TABLE_1.items():
        cells = printed.split()
        got = t1[t1["measure"] == measure].sort_values("period_start")["as_printed"].tolist()
        assert got == cells, measure
        assert "\t".join(cells) in report_text  # the row as printed in the report
    period = cas[cas["period_kind"] == "partial_period"].set_index("measure")["value"].to_dict()
    assert period == {"fatalities": 700, "wounded": 1406, "total": 2106}
    assert "2,106 (700 dead, 1,406 wounded)" in report_text


def test_every_key_figure_is_printed_in_the_report(built, report_text):
    text = _collapse(report_text)
    kf = built["key_figures"].table
    for _, r in kf.iterrows():
        snippet = r["as_printed"]
        assert _collapse(snippet) in text, f"{r['figure_id']}: {snippet!r} is not in the report"
        printed = numbers_in(snippet)
        for col in ("value", "low", "high"):
            if r[col] == r[col]:  # not NaN
                assert any(abs(r[col] - p) < 1e-9 * max(1, p) for p in printed), (
                    f"{r['figure_id']}.{col}={r[col]} not among {printed} in {snippet!r}"
                )


def test_ranges_have_both_bounds_and_no_point_value(built):
    kf = built["key_figures"].table
    has_range = kf["low"].notna() | kf["high"].notna()
    assert (kf.loc[has_range, "low"].notna() & kf.loc[has_range, "high"].notna()).all()
    assert kf.loc[has_range, "value"].isna().all()
    assert (kf.loc[has_range, "low"] < kf.loc[has_range, "high"]).all()
    assert kf.loc[~has_range, "value"].notna().all()


def _is_note(line: str) -> bool:
    s = line.strip()
    return bool(re.match(r"^(<sup>|&lt;sup|\d{1,3}\s|\\\*|\*\*|\d+º)", s)) or "URL:" in s or " // " in s


def test_the_citation_reproduces_none_of_the_report(report_text):
    """No exemption: even the citation names the report without its title (the run check below covers it)."""
    words = re.findall(r"[A-Za-z']+", report_text.lower())
    grams = {" ".join(words[i : i + 12]) for i in range(len(words) - 12)}
    cited = re.findall(r"[A-Za-z']+", REPORT_CITATION.lower())
    assert not [i for i in range(len(cited) - 12) if " ".join(cited[i : i + 12]) in grams]


def test_no_dozen_word_run_of_the_report_is_copied(report_text):
    body = "\n".join(line for line in report_text.splitlines() if not _is_note(line))
    words = re.findall(r"[A-Za-z']+", body.lower())
    grams = {" ".join(words[i : i + 12]) for i in range(len(words) - 12)}
    hits = []
    for p in PROJECT_ROOT.rglob("*"):
        if not p.is_file() or {".git", ".venv", "node_modules"} & set(p.parts):
            continue
        if p.suffix.lower() not in {".py", ".md", ".csv", ".yaml", ".yml", ".json", ".toml", ".txt"}:
            continue
        if p.stat().st_size > 2_000_000:
            continue
        w = re.findall(r"[A-Za-z']+", p.read_text(encoding="utf-8", errors="ignore").lower())
        hits += [f"{p.relative_to(PROJECT_ROOT)}: {' '.join(w[i:i + 12])}"
                 for i in range(len(w) - 12) if " ".join(w[i : i + 12]) in grams]
    assert not hits, "\n".join(hits[:10])


@pytest.mark.parametrize("name", ["key_figures", "events", "civilian_casualties"])
def test_rows_cite_a_chapter(built, name):
    assert built[name].table["section"].notna().all()
