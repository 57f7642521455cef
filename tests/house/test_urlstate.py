import re

from afdash.core import urlstate


def test_valid_choice_is_taken_and_invalid_falls_back_with_notice():
    p = urlstate.Parsed()
    assert urlstate.choice({"d": "b"}, "d", ["a", "b"], "a", p) == "b"
    assert urlstate.choice({"d": "zz"}, "d", ["a", "b"], "a", p) == "a"
    assert urlstate.choice({}, "d", ["a", "b"], "a", p) == "a"
    assert len(p.notices) == 1 and "zz" in p.notices[0]


def test_echoed_values_cannot_carry_markdown_or_html():
    text = urlstate.shown("![x](http://evil.example/p.png) <img src=x onerror=alert(1)>")
    assert re.search(r"(?<!\\)[\[\]()<>!]", text) is None, text  # every markup character is escaped
    assert len(urlstate.shown("x" * 10_000)) < 100
    assert "\n" not in urlstate.shown("a\nb\x00c")
