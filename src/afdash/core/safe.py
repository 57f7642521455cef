"""Text from data or from a URL, made safe to show inside Markdown.

Streamlit renders Markdown (st.markdown, st.caption, alerts, metric labels) without raw HTML, but Markdown
itself can still load or change things: `![x](http://…)` is an image request, `[x](…)` and `http://…` are
links, `:red[…]` and `$…$` change the rendering. Every piece of data-derived text that goes into Markdown
passes through `md()`, which drops control characters (so no line breaks, hence no block syntax) and
backslash-escapes the characters that start inline markup, so it shows literally. Ordinary punctuation
such as "fn. 17" or "(p. 7)" is left as it is, so the text reads (and tests) the same.
Nothing in afdash renders data as HTML (tests/test_hostile.py scans the code and renders hostile data).
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

INLINE = frozenset("\\`*_{}[]<>#|~$!:&")  # links, images, emphasis, code, HTML/entities, LaTeX, directives
EVERY = frozenset("\\`*_{}[]()<>#+-.!|~$:=\"'&")
_BLOCK_START = re.compile(r"^(\s*(?:\d+)?)([-+=.)])")  # a list item or heading underline at the very start
# GFM turns URLs, www. addresses and e-mail addresses in plain text into links after parsing, so escaping
# cannot stop it; an invisible WORD JOINER (U+2060) inside the pattern does, and displays as nothing.
WJ = "\u2060"
_AUTOLINK = re.compile(r"(?i)(?<=[a-z]):(?=//)|(?<=\bwww)(?=\.)|(?=@)")


def md(value: object, strict: bool = False) -> str:
    """Show `value` literally in Markdown: no formatting, links, images, HTML, LaTeX or directives can come
    from it. strict=True escapes every punctuation character (for echoing hostile input such as URLs)."""
    text = "".join(ch if ch.isprintable() else " " for ch in str(value))
    text = _AUTOLINK.sub(lambda m: m.group(0) + WJ if m.group(0) else WJ, text)
    chars = EVERY if strict else INLINE
    out = "".join("\\" + ch if ch in chars else ch for ch in text)
    if not strict:
        out = _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), out, count=1)
    return out


def md_link(title: object, url: object) -> str:
    """A Markdown link whose text is shown literally and whose target is a plain http(s) address; anything
    else (javascript:, data:, a relative path) gives the title without a link."""
    text = md(title)
    target = str(url or "")
    parts = urlsplit(target)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return text
    # percent-encode everything that could end the link or start markup: ( ) < > space ' "
    return f"[{text}]({quote(target, safe=':/?#@!$&*+,;=%~-._')})"


def md_table(frame) -> str:
    """A GitHub-flavoured Markdown table of a (small) DataFrame, every cell shown literally. Streamlit draws
    it with the page's own Markdown renderer, so it costs the browser no data-grid code (st.dataframe and
    st.table each make a fresh visitor download and compile 1–1.7 MB of JavaScript)."""
    def cell(v: object) -> str:
        if v is None or (isinstance(v, float) and v != v):
            return ""
        if isinstance(v, bool):
            return "yes" if v else "no"
        return md(v)

    head = "| " + " | ".join(cell(c) for c in frame.columns) + " |"
    rule = "| " + " | ".join("---" for _ in frame.columns) + " |"
    body = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([head, rule, *body])
