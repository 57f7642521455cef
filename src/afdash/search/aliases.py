"""Actor spellings that expand a query: the report's own (actors.aliases) and the common outside ones a
reader may type (ISKP, IS-K, TIP…), so that any spelling finds the same actor's rows."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from afdash.schema.fields import LIST_SEP

# Spellings the report does not print but readers use. "Turkistan Islamic Party" (TIP) is the name ETIM has
# used since the 2000s; "Islamic Party of Turkestan" (IPT) is the report's name for the IMU's branch.
EXTRA: dict[str, tuple[str, ...]] = {
    "isis_k": ("ISIS-K", "ISKP", "IS-K", "IS-KP", "ISIL-K", "ISIS-KP", "Islamic State–Khorasan",
               "Islamic State Khorasan", "ISIS Khorasan", "Islamic State of Khorasan", "Daesh-Khorasan",
               "Wilayat Khurasan", "Khorasan Province"),
    "etim": ("TIP", "Turkistan Islamic Party", "Turkestan Islamic Party", "East Turkistan Islamic Movement",
             "ETIP"),
    "ipt_imu": ("IPT", "IMU", "Islamic Movement of Uzbekistan", "Islamic Party of Turkestan"),
    "isis": ("IS", "Daesh", "Da'ish", "ISIL", "Islamic State of Iraq and the Levant"),
    "ttp": ("TTP", "Tehrik-i-Taliban Pakistan", "Pakistani Taliban"),
    "al_qaeda": ("al-Qaida", "al-Qaeda", "AQ", "Al Qaida"),
    "haqqani_network": ("Haqqanis", "Haqqani"),
    "anrf": ("NRF", "National Resistance Front"),
    "bla": ("Balochistan Liberation Army",),
    "csto": ("ODKB",),
    "usa": ("USA", "United States of America", "America"),
    "rus": ("Russian",),
    "chn": ("Chinese",),
    "eaeu": ("EAEU", "Eurasian Economic Union"),
    "obor": ("BRI", "Belt and Road", "Belt and Road Initiative"),
    "unama": ("UNAMA",),
    "taliban": ("Talibs", "Islamic Emirate", "Islamic Emirate of Afghanistan"),
}
# Cities that stand for a government in the report's prose (Kabul, Moscow…) but are searched as places:
# expanding "Kabul" to all of Afghanistan's rows would bury the rows about the city.
NOT_EXPANDED = {"kabul", "moscow", "beijing", "islamabad", "dushanbe", "tashkent", "bishkek", "new delhi",
                "washington", "ankara", "brussels", "security council", "working groups"}
TOKEN = re.compile(r"\w+")


def tokens(text: str) -> tuple[str, ...]:
    """Lower-case word tokens, the way the index's unicode61 tokenizer splits text (diacritics folded)."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return tuple(t for t in TOKEN.findall(folded.replace("_", " ")))


@dataclass(frozen=True)
class Spelling:
    actor_id: str
    tokens: tuple[str, ...]
    upper_only: bool  # short all-capital forms (US, IS, UN) match only when typed in capitals


@dataclass(frozen=True)
class Aliases:
    spellings: tuple[Spelling, ...]
    names: dict[str, str]  # actor_id → display name

    def of(self, actor_id: str) -> list[tuple[str, ...]]:
        return [s.tokens for s in self.spellings if s.actor_id == actor_id]

    def find(self, words: Sequence[str], raw: Sequence[str], start: int) -> Spelling | None:
        """The longest spelling starting at words[start] (`raw` holds the words as typed), or None."""
        best = None
        for s in self.spellings:
            n = len(s.tokens)
            if tuple(words[start:start + n]) != s.tokens:
                continue
            if s.upper_only and not all(w.isupper() for w in raw[start:start + n]):
                continue
            if best is None or n > len(best.tokens):
                best = s
        return best


def build(actors: pd.DataFrame) -> Aliases:
    """Spellings of every actor but states' capitals: its name, the report's aliases and EXTRA."""
    out: list[Spelling] = []
    names: dict[str, str] = {}
    for row in actors.itertuples():
        names[row.actor_id] = row.name
        aliases = str(row.aliases) if isinstance(row.aliases, str) else ""
        forms = [row.name, *aliases.split(LIST_SEP), *EXTRA.get(row.actor_id, ())]
        seen: set[tuple[str, ...]] = set()
        for form in (f.strip().strip('"') for f in forms):
            toks = tokens(form)
            if not toks or toks in seen or " ".join(toks) in NOT_EXPANDED:
                continue
            seen.add(toks)
            compact = re.sub(r"\W", "", form)
            out.append(Spelling(row.actor_id, toks, upper_only=compact.isupper() and len(compact) <= 3))
    return Aliases(tuple(out), names)
