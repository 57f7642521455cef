"""From what a reader types to an SQLite FTS5 MATCH expression, never raising.

The syntax is deliberately small: words (all must match; stems match, so "attacks" finds "attack"),
"quoted phrases", and numbers as printed ("9.5", "4,000" or "4000"). Everything else is text: FTS5's own
operators (OR, NOT, NEAR(…), *, ^, column:) are not passed through; punctuation and emoji are dropped
with a notice. An actor's spelling (ISKP, Wilayat Khorasan, TIP…) is replaced by all its spellings.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from afdash.core.safe import md
from afdash.search import aliases as alias_mod

MAX_CHARS = 200
QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
QUIET = r"\w\s\-–—'’‘.,?!;/&%$"  # punctuation a sentence has: dropped without a notice
MAX_GROUPS = 10
NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)+|\d+")
WORD = re.compile(rf"{NUMBER.pattern}|\w+")
OPERATORS = {"OR", "AND", "NOT", "NEAR"}
# Common words that would make "all words must match" fail on a question typed as a sentence.
STOPWORDS = frozenset({
    "a", "about", "an", "and", "are", "as", "at", "be", "by", "did", "do", "does", "for", "from", "has", "have",
    "how", "in", "into", "is", "it", "its", "of", "on", "or", "over", "report", "say", "says", "said", "tell",
    "than", "that", "the", "their", "there", "these", "they", "this", "to", "was", "were", "what", "when", "where",
    "which", "who", "why", "will", "with", "many", "much",
})


@dataclass(frozen=True)
class Group:
    """One thing the query asks for: a word, a phrase, or an actor with all its spellings (any matches)."""

    label: str  # as shown back to the reader
    phrases: tuple[tuple[str, ...], ...]
    actor_id: str | None = None


@dataclass
class Query:
    raw: str
    groups: list[Group] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.groups

    @property
    def actors(self) -> list[str]:
        return [g.actor_id for g in self.groups if g.actor_id]


def clean(raw: object) -> tuple[str, list[str]]:
    """Printable text of at most MAX_CHARS characters, with a notice for what was cut."""
    notices = []
    text = raw if isinstance(raw, str) else ("" if raw is None else str(raw))
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = text.translate(QUOTES)
    if len(text) > MAX_CHARS:
        notices.append(f"The query was {len(text):,} characters long; only the first {MAX_CHARS} are searched.")
        text = text[:MAX_CHARS]
    return text.strip(), notices


def _fts_phrase(tokens: tuple[str, ...], prefix: bool = False) -> str:
    # tokens are \w+ only, so they cannot contain a double quote; quoting makes every one a plain string
    return '"' + " ".join(tokens) + '"' + ("*" if prefix else "")


def _number_phrase(token: str) -> tuple[str, ...]:
    """'4,000' → ('4000',) (the index's numbers column), '9.5' → ('9', '5') (a phrase, as the tokenizer
    splits it in the text)."""
    token = token.replace(",", "")
    return tuple(token.split("."))


def _terms(segment: str) -> list[tuple[str, str]]:
    """(token as typed, normalised token) for the words and numbers of a stretch of text."""
    out = []
    for m in WORD.finditer(segment):
        typed = m.group(0)
        out.append((typed, typed if NUMBER.fullmatch(typed) else alias_mod.tokens(typed)[0]
                    if alias_mod.tokens(typed) else typed.lower()))
    return out


def parse(raw: object, spellings: alias_mod.Aliases | None = None) -> Query:
    text, notices = clean(raw)
    q = Query(text, notices=notices)
    if not text:
        return q
    # quoted phrases first; an odd quote is text
    phrases: list[str] = []
    if text.count('"') % 2:
        q.notices.append("An unmatched quotation mark was ignored.")
    rest = re.sub(r'"([^"]*)"', lambda m: phrases.append(m.group(1)) or " ", text).replace('"', " ")
    dropped = sorted({ch for ch in re.sub(f"[{QUIET}]", "", rest + "".join(phrases))})
    for phrase in phrases:
        toks = alias_mod.tokens(phrase)
        if toks:
            q.groups.append(Group(f"“{' '.join(toks)}”", (toks,)))
    terms = _terms(rest)
    upper = [t for t, _ in terms if t in OPERATORS]
    if upper:
        q.notices.append(f"{', '.join(dict.fromkeys(upper))} searched as ordinary words: all words must match "
                         "(when no row has them all, rows with any of them are shown).")
    if dropped:
        shown = " ".join(md(ch, strict=True) for ch in dropped[:12])  # escaped: notices are Markdown
        q.notices.append(f"Ignored characters that are not words or numbers: {shown}. Search treats the query "
                         "as plain words (no wildcards or operators; stems match, so “attack” finds “attacks”).")
    words = [w for _, w in terms]
    raw_words = [t for t, _ in terms]
    found_groups: list[tuple[Group, bool]] = []  # (group, is a stop word)
    i = 0
    while i < len(words):
        found = spellings.find(words, raw_words, i) if spellings else None
        if found:
            forms = tuple(dict.fromkeys(spellings.of(found.actor_id)))
            found_groups.append((Group(spellings.names.get(found.actor_id, found.actor_id), forms,
                                       found.actor_id), False))
            i += len(found.tokens)
            continue
        w = words[i]
        if NUMBER.fullmatch(w):
            found_groups.append((Group(raw_words[i], (_number_phrase(w),)), False))
        else:
            stop = w in STOPWORDS or raw_words[i] in OPERATORS or len(w) == 1  # "a", stray letters
            found_groups.append((Group(raw_words[i], ((w,),)), stop))
        i += 1
    content = [g for g, stop in found_groups if not stop]
    # a query of stop words only ("what is it") is searched as typed rather than emptied
    kept = content if content or q.groups else [g for g, _ in found_groups]
    q.groups += [g for g in dict.fromkeys(kept) if g not in q.groups]
    if len(q.groups) > MAX_GROUPS:
        q.notices.append(f"Only the first {MAX_GROUPS} words or phrases are searched.")
        del q.groups[MAX_GROUPS:]
    if not q.groups:
        q.notices.append("The query has no words or numbers to search for.")
    return q


def group_expr(g: Group, prefix: bool = False) -> str:
    alts = [_fts_phrase(p, prefix and len(p[-1]) >= 3 and not p[-1].isdigit()) for p in g.phrases]
    return alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")"


def match_expr(q: Query, mode: str = "all") -> str:
    """FTS5 MATCH text: mode "all" (every group), "prefix" (every group, words as prefixes), "any"."""
    parts = [group_expr(g, prefix=mode == "prefix") for g in q.groups]
    return (" OR " if mode == "any" else " AND ").join(parts)
