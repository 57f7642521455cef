"""The report afdash is built on, and its chapters, so every row can cite where it comes from."""

from __future__ import annotations

from dataclasses import dataclass

# The report is identified by its number, authors, publisher and ISBN; its subject is described in afdash's own
# words, so that no run of the report's text (its title included) is reproduced in the project.
REPORT_CITATION = (
    "Kortunov A.V., Kazantsev A.A., Guan Guihai, Qian Xiaoyun et al. Report No. 80/2022, written jointly by the "
    "Russian International Affairs Council (RIAC) and the Institute for International and Strategic Studies (IISS) "
    "of Peking University: Russian–Chinese cooperation for Afghanistan's security after the U.S. pull-out. "
    "Moscow: NPMP RIAC, 2022. ISBN 978-5-6048394-8-5."
)
# Per-resource and per-row sources name the report briefly; REPORT_CITATION is given once, in the package's own
# sources, the Overview and the exports.
REPORT_REFERENCE = (
    "RIAC and Peking University IISS, Report No. 80/2022 (Kortunov A.V., Kazantsev A.A., Guan Guihai, Qian Xiaoyun "
    "et al.; Moscow: NPMP RIAC, 2022; ISBN 978-5-6048394-8-5); full reference in the data package's sources"
)
REPORT_SHORT = "RIAC–PKU IISS Report 80/2022"
REPORT_URL = "https://russiancouncil.ru/en/report80"
REPORT_LICENCE = "© RIAC 2022. Facts and figures cited with attribution; no text of the report is reproduced."


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    page: int  # the chapter's first page: figures inside it are cited as "chapter from p. N"

    @property
    def pages(self) -> str:
        return f"chapter from p. {self.page}"


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
    """A compact citation such as 'RIAC–PKU IISS Report 80/2022, “Security situation…” (chapter from p. 7), fn. 17':
    the page is where the chapter starts, not where the figure is printed, and says so. Rows pass their
    footnote cell as it is: a missing one may be None, NaN (float columns) or pandas NA (nullable integers)."""
    parts = [REPORT_SHORT]
    if section:
        sec = SECTIONS.get(section)
        parts.append(f"“{sec.title}” ({sec.pages})" if sec else section)
    try:
        present = footnote is not None and bool(footnote == footnote)  # NaN != NaN
    except TypeError:  # pandas.NA (nullable integer columns) has no truth value
        present = False
    if present:
        parts.append(f"fn. {int(footnote)}")
    return ", ".join(parts)
