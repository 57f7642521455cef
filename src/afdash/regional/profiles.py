"""One state's sourced profile: statements by aspect, memberships, projects and dated events."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from afdash.core.report import cite
from afdash.core.safe import md, md_link
from afdash.regional.states import ALWAYS_SHOWN, ASPECTS, ISSUES, MEMBERSHIP, ORGS, short_source


# ----------------------------------------------------------------------------------------------- profile
def profile(statements: pd.DataFrame, iso3: str) -> dict[str, pd.DataFrame]:
    """aspect → the state's statements on it (with a `source` citation), in ASPECTS order; aspects in
    ALWAYS_SHOWN appear even when empty, so the page can say the report is silent."""
    mine = statements[statements["state_iso3"] == iso3]
    out = {}
    for aspect in ASPECTS:
        g = mine[mine["aspect"] == aspect]
        if g.empty and aspect not in ALWAYS_SHOWN:
            continue
        g = g.assign(source=[short_source(r) for r in g.to_dict("records")]) if not g.empty else g.assign(source=[])
        out[aspect] = g.reset_index(drop=True)
    return out


def memberships_of(memberships: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """A state's memberships ready to list: organisation names, readable status, an empty note where none."""
    m = memberships[memberships["state_iso3"] == iso3].copy()
    m["note"] = m["note"].fillna("")
    m["organisation"] = m["org_id"].map(ORGS)
    m["status_label"] = m["status"].map(lambda s: MEMBERSHIP[s][0])
    m["report_mention"] = [
        "" if r["report_section"] is None or pd.isna(r["report_section"])
        else cite(r["report_section"], r["report_footnote"])
        for r in m.to_dict("records")
    ]
    m["order"] = m["org_id"].map({k: i for i, k in enumerate(ORGS)})
    return m.sort_values("order").reset_index(drop=True)


def format_date(ts: pd.Timestamp, precision: str) -> str:
    if precision == "day":
        return f"{ts.day} {ts:%b %Y}"
    if precision == "month":
        return f"{ts:%b %Y}"
    if precision == "season":
        season = {12: "winter", 1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring", 6: "summer",
                  7: "summer", 8: "summer"}.get(ts.month, "autumn")
        return f"{season} {ts.year}"
    return str(ts.year)


def state_events(events: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """Dated events in which the state is an actor, oldest first, with their citation."""
    actor = iso3.lower()
    hit = events["actor_ids"].fillna("").map(lambda v: actor in str(v).split("|"))
    ev = events[hit].sort_values(["date_start", "event_id"]).copy()
    ev["when"] = [format_date(r["date_start"], r["date_precision"]) for r in ev.to_dict("records")]
    ev["source"] = [short_source(r) for r in ev.to_dict("records")]
    return ev.reset_index(drop=True)


def state_projects(projects: pd.DataFrame, iso3: str) -> pd.DataFrame:
    hit = projects["states"].map(lambda v: iso3 in str(v).split("|"))
    p = projects[hit].copy()
    p["source"] = [short_source(r) for r in p.to_dict("records")]
    return p.reset_index(drop=True)




def profile_parts(base: Mapping, iso3: str) -> dict:
    """One state's profile as display-ready parts: name, three headline metrics, the sourced statements per
    aspect, projects and memberships as one Markdown body, and the dated events. Every data string is escaped
    (safe.md), so the page renders it as Markdown without running any of it."""
    names, km, cells = base["names"], base["km"], base["cells"]
    name = names[iso3]
    kms = km.get(iso3)
    discussed = int((cells[cells["state_iso3"] == iso3]["rank"] > 0).sum())
    metrics = [("Stance toward the Taliban", md(base["stances"].loc[iso3, "stance_label"])),
               ("Shared border with Afghanistan", f"{kms:,.0f} km" if kms else "none"),
               ("Matrix issues the report discusses", f"{discussed} of {len(ISSUES)}")]
    parts = []
    for aspect, rows in profile(base["statements"], iso3).items():
        if rows.empty:
            silent = "Not discussed in the report."
            if aspect == "border" and not kms:
                silent += " No land border with Afghanistan on Natural Earth 1:10m."
            lines = f"- {silent}"
        else:
            lines = "\n".join(f"- *{md(r['label'])}.* {md(r['statement'])} — {md(r['source'])}"
                              for r in rows.to_dict("records"))
        parts.append(f"**{ASPECTS[aspect]}**\n\n{lines}")
    mine = state_projects(base["projects"], iso3)
    parts.append("**Transit, energy and mining projects**\n\n" + (
        "\n".join(f"- {md(r['name'])}: {md(r['status'])} — {md(r['source'])}" for r in mine.to_dict("records"))
        if not mine.empty else "- None named in the report."))
    mem = memberships_of(base["memberships"], iso3)
    parts.append("**Memberships (public record, 2022)**\n\n" + "\n".join(
        f"- {md(r['organisation'])}: {md(r['status_label'].lower())}"
        + (f" ({md(r['note'])})" if r["note"] else "")
        + f" — source: {md_link(r['source_title'], r['source_url'])}"
        + (f"; mentioned in {md(r['report_mention'])}" if r["report_mention"] else "")
        for r in mem.to_dict("records")))
    ev = state_events(base["events"], iso3)
    return {"name": md(name), "metrics": metrics, "body": "\n\n".join(parts),
            "events_label": f"Dated events involving {md(name)} ({len(ev)})",
            "events": "\n".join(f"- {md(r['when'])}: {md(r['title'])} — {md(r['source'])}"
                                 for r in ev.to_dict("records")) if not ev.empty
            else "No dated events in the events dataset."}
