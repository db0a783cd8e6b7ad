"""Texts written elsewhere: an early modern English print of the Text Creation Partnership, a Latin
speech with its English translation from Perseus, a Czech novella of ELTeC: what a newcomer met
publishing them, each on a tiny edition built in tmp_path, read with XPath."""
from __future__ import annotations

from pathlib import Path

from conftest import parse_html
from test_elsewhere import build, edition


def _page(site: Path, lang: str = "en"):
    return parse_html(site / lang / "doc" / "index.html")


def test_a_note_with_an_illegible_letter_is_a_note_not_a_lost_one(tmp_path: Path):
    """A TCP margin note with an illegible letter (`<gap>` beside its words) was taken for a lost
    note: its words were not shown, and the text check stopped the build."""
    text = ('<text><body><p>Sinne<note n="*" place="margin">Esa. 26. 1<gap reason="illegible" extent="1 letter">'
            '<desc>&#8226;</desc></gap>.</note> and <note>See <gap/> there.</note> sorrow.</p>'
            '<p>Lost<note><gap reason="lost"/></note>.</p></body></text>')
    page = _page(build(edition(tmp_path, text, lang="en")))
    texts = [" ".join(note.xpath("string(span[@class='note-text'])").split()) for note in page.xpath("//li[@id]")]
    assert texts[:2] == ["Esa. 26. 1[…: \u2022].", "See […] there."]
    assert "note-lost" in page.xpath("(//li[@id])[3]/@class")[0], "a note that is nothing but a gap is lost"
    assert page.xpath("//span[@class='gap'][not(@title)][.='[…]']"), "a gap without a reason has no empty title"
