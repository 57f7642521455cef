"""Search hits as the page writes them: Markdown with the matched words in bold, every piece of data
text escaped (afdash.core.safe.md), so nothing in a row or a query can add links, images or markup."""

from __future__ import annotations

from collections.abc import Mapping

from afdash.core.report import cite
from afdash.core.safe import md
from afdash.search.index import CLOSE, OPEN
from afdash.store import catalogue


def marked(text: object) -> str:
    """FTS5 highlight output (OPEN…CLOSE around matches) as safe Markdown with the matches in bold."""
    if not isinstance(text, str) or not text:
        return ""
    out, bold = [], False
    for part in text.replace(CLOSE, OPEN).split(OPEN):
        if part:
            out.append(f"**{md(part)}**" if bold and part.strip() else md(part))
        bold = not bold
    return "".join(out)


def plain(text: object) -> str:
    return text.replace(OPEN, "").replace(CLOSE, "") if isinstance(text, str) else ""


def _present(v: object) -> bool:
    try:
        return v is not None and v == v and str(v) != "<NA>"
    except (TypeError, ValueError):  # pandas.NA has no truth value
        return False


def source_line(hit: Mapping) -> str:
    """'Key figures quoted in the report · RIAC–PKU IISS Report 80/2022, “Security situation…” (p. 7), fn. 17'."""
    ds = hit.get("dataset")
    title = catalogue.BY_NAME[ds].title if ds in catalogue.BY_NAME else str(ds)
    section = hit.get("section") if _present(hit.get("section")) else None
    footnote = hit.get("footnote") if _present(hit.get("footnote")) else None
    where = cite(section, footnote) if section else "public record (not from the report)"
    return f"{title} · {where}"


def figure_line(hit: Mapping) -> str:
    """'**about 4,000 persons** — printed: “grew from 2,200 people to about 4,000”' (Markdown, escaped)."""
    fig = hit.get("hl_figure") if _present(hit.get("hl_figure")) else hit.get("figure")
    if not _present(fig) or not str(fig):
        return ""
    line = f"**{md(plain(fig))}**"
    printed = hit.get("printed")
    if _present(printed) and str(printed):
        line += f" — as printed: “{md(printed)}”"
    return line


def from_report(hit: Mapping) -> bool:
    """A hit from the report (it has a chapter) can become a briefing slide; the public record cannot."""
    return isinstance(hit.get("section"), str) and bool(hit["section"])


def hit_markdown(hit: Mapping, first: bool = False) -> str:
    """A hit as one Markdown block: a rule between hits, the title as a heading (matches in bold), the figure
    with its printed form, the snippet, and the source line in small type."""
    title = f"#### {marked(hit.get('hl_title')) or md(hit.get('title', ''))}"
    source = md(source_line(hit))
    if not from_report(hit):
        source += " — not offered for the briefing"
    parts = ["" if first else "---", title, figure_line(hit), marked(hit.get("snippet")), f":small[{source}]"]
    return "\n\n".join(p for p in parts if p)


def facet_summary(facets: Mapping[str, list[tuple[str, str, int]]], titles: Mapping[str, str], top: int = 3) -> str:
    """The matches counted by facet, most frequent values first, as one line of escaped Markdown:
    '**Area**: Security (15), Regional actors (7), +1 more · **Year**: 2022 (14)' (the filter box lists them all)."""
    parts = []
    for facet, title in titles.items():
        counted = [(label, n) for _, label, n in facets.get(facet, []) if n]
        if counted:
            more = f", +{len(counted) - top} more" if len(counted) > top else ""
            parts.append(f"**{md(title)}**: " + ", ".join(f"{md(label)} ({n:,})" for label, n in counted[:top]) + more)
    return " · ".join(parts)
