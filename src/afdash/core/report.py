"""The report afdash is built on, and its chapters, so every row can cite where it comes from."""

from __future__ import annotations

from dataclasses import dataclass

REPORT_CITATION = (
    "Kortunov A., Guan Guihai et al. Russian–Chinese strategic cooperation on security in Afghanistan "
    "after the U.S. withdrawal. Report No. 80/2022. Russian International Affairs Council (RIAC) and "
    "Institute for International and Strategic Studies, Peking University. Moscow: NPMP RIAC, 2022. "
    "ISBN 978-5-6048394-8-5."
)
REPORT_SHORT = "RIAC–PKU IISS Report 80/2022"
REPORT_URL = "https://russiancouncil.ru/en/report80"
REPORT_LICENCE = "© RIAC 2022. Facts and figures cited with attribution; no text of the report is reproduced."


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    page: int


SECTIONS: dict[str, Section] = {
    s.id: s
    for s in (
        Section("summary", "Summary", 4),
        Section("introduction", "Introduction", 5),
        Section("security_situation", "Security situation after the U.S. withdrawal", 7),
        Section("regional_role", "The region's role", 14),
        Section("russia_interests", "Russia's security interests", 17),
        Section("china_interests", "China's security interests", 21),
        Section("cooperation", "Russian–Chinese cooperation: challenges and opportunities", 27),
        Section("external_factors", "The U.S. and other external factors", 34),
        Section("conclusion", "Conclusion", 38),
    )
}


def cite(section: str | None, footnote: object = None) -> str:
    """A compact citation such as 'Report 80/2022, §Security situation… (p. 7), fn. 17'. Rows pass their
    footnote cell as it is: a missing one may be None, NaN (float columns) or pandas NA (nullable integers)."""
    parts = [REPORT_SHORT]
    if section:
        sec = SECTIONS.get(section)
        parts.append(f"“{sec.title}” (p. {sec.page})" if sec else section)
    try:
        present = footnote is not None and bool(footnote == footnote)  # NaN != NaN
    except TypeError:  # pandas.NA (nullable integer columns) has no truth value
        present = False
    if present:
        parts.append(f"fn. {int(footnote)}")
    return ", ".join(parts)
