"""The recommendations tracker: filter the report's recommendations by actor, channel, threat and
voice, present them with readable names and citations, and count them by threat. Plain functions over
the `recommendations`, `channels` and `actors` tables."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from afdash.cooperation.channels import THREAT_LABELS, split
from afdash.cooperation.datasets import CHANNEL_CLASSES, SIDES, THREATS
from afdash.cooperation.positions import SIDE_LABELS
from afdash.core.report import SECTIONS, cite

CLASS_LABELS = {"bilateral": "bilateral", "national": "national (one state alone)",
                "multilateral": "multilateral (no organisation named)"}
assert set(CLASS_LABELS) == set(CHANNEL_CLASSES)


def channel_options(recs: pd.DataFrame, channels: pd.DataFrame) -> list[str]:
    """Channels used by at least one recommendation, in catalogue order, then the channel classes."""
    used = {c for v in recs["channels"] for c in split(v)}
    return [c for c in channels["channel_id"] if c in used] + [c for c in CHANNEL_CLASSES if c in used]


def actor_options(recs: pd.DataFrame) -> list[str]:
    counts = pd.Series([a for v in recs["actors"] for a in split(v)]).value_counts()
    return sorted(counts.index, key=lambda a: (-counts[a], a))


def filter_recs(recs: pd.DataFrame, actor: str | None = None, channel: str | None = None,
                threats: Sequence[str] = (), voices: Sequence[str] = ()) -> pd.DataFrame:
    """Recommendations where `actor` is among those who should act, `channel` among the channels, any of
    `threats` is addressed and the voice is one of `voices`. None / empty means no restriction."""
    keep = pd.Series(True, index=recs.index)
    if actor:
        keep &= recs["actors"].map(lambda v: actor in split(v))
    if channel:
        keep &= recs["channels"].map(lambda v: channel in split(v))
    if threats:
        keep &= recs["threats"].map(lambda v: bool(set(split(v)) & set(threats)))
    if voices:
        keep &= recs["voice"].isin(voices)
    return recs[keep]


def _names(value: object, names: dict[str, str]) -> str:
    return ", ".join(names.get(x, x) for x in split(value))


def tracker(recs: pd.DataFrame, channel_labels: dict[str, str], actor_names: dict[str, str]) -> pd.DataFrame:
    """The rows as the page shows and downloads them."""
    ch_names = {**channel_labels, **CLASS_LABELS}
    also = recs["also_in"].map(lambda v: "; ".join(SECTIONS[s].title for s in split(v)))
    return pd.DataFrame({
        "recommendation": recs["recommendation"],
        "who_acts": recs["actors"].map(lambda v: _names(v, actor_names)),
        "channel": recs["channels"].map(lambda v: _names(v, ch_names)),
        "channel_named_in_report": recs["channel_stated"].map({True: "yes", False: "no (afdash's class)"}),
        "threat": recs["threats"].map(lambda v: ", ".join(THREAT_LABELS[t] for t in split(v))),
        "addressed_to": recs["addressed_to"].map(lambda v: _names(v, actor_names)),
        "voice": recs["voice"].map(SIDE_LABELS),
        "source": [cite(s, f) for s, f in zip(recs["section"], recs["footnote"], strict=True)],
        "also_in": also,
        "note": recs["note"],
    }).reset_index(drop=True)


def threat_counts(recs: pd.DataFrame) -> pd.DataFrame:
    """Recommendations per threat and voice (a recommendation against two threats counts under both)."""
    rows = [(t, v) for ts, v in zip(recs["threats"], recs["voice"], strict=True) for t in split(ts)]
    frame = pd.DataFrame(rows, columns=["threat", "voice"])
    counts = frame.groupby(["threat", "voice"]).size().rename("n").reset_index()
    counts["threat"] = counts["threat"].map(THREAT_LABELS)
    counts["voice"] = counts["voice"].map(SIDE_LABELS)
    return counts


def threat_table(recs: pd.DataFrame) -> pd.DataFrame:
    """threat_counts as a table a reader scans: one row per threat addressed (in the vocabulary's order), a
    column per voice and the total. Text, not a chart: the tracker below it is the view's one heavy element."""
    counts = threat_counts(recs)
    wide = counts.pivot_table(index="threat", columns="voice", values="n", aggfunc="sum", fill_value=0)
    order = [THREAT_LABELS[t] for t in THREATS if THREAT_LABELS[t] in wide.index]
    voices = [SIDE_LABELS[v] for v in SIDES if SIDE_LABELS[v] in wide.columns]
    out = wide.reindex(index=order, columns=voices).astype(int)
    out["total"] = out.sum(axis=1)
    return out.reset_index().rename(columns={"threat": "threat addressed"})
