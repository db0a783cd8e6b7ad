"""The TEI regenerates the source's print lines; any change to a word shows up as a difference."""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from tei_edition import fidelity
from tei_edition.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_18c5ebe104e7b172.txt"


def tree_of(text: str) -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(text.encode("utf-8")))


def test_the_edition_reproduces_every_source_line():
    tree = etree.parse(str(ROOT / "edition" / "shemetova-2020.xml"))
    assert fidelity.compare(tree, SEED) == []
    lines = fidelity.print_lines(tree)
    seed_lines = [line for line in SEED.read_text(encoding="utf-8").split("\n") if line.strip()]
    assert len(lines) == len(seed_lines) - 1  # all but the one declared running head
    assert "2. РГАЭ. Ф. 413. Оп. 3. Д. 1399. Л. 4." in lines  # a note's text at its page's foot
    # seed line 137, then 138
    assert lines[lines.index("2. РГАЭ. Ф. 413. Оп. 3. Д. 1399. Л. 4.") - 1].startswith("ции ее представителей")


def test_seed_copy_is_byte_identical_to_the_shared_seed():
    shared = ROOT.parent / "shared" / "seeds" / SEED.name
    if shared.exists():  # the shared folder sits beside the checkout on project machines and in CI
        assert shared.read_bytes() == SEED.read_bytes()


def test_a_changed_word_is_reported_with_its_seed_line():
    text = (ROOT / "edition" / "shemetova-2020.xml").read_text(encoding="utf-8")
    changed = text.replace("Кроме того, ее предста", "Кроме того, его предста", 1)
    differences = fidelity.compare(tree_of(changed), SEED)
    assert len(differences) == 1
    assert differences[0].seed_lines == (121, 121)
    assert "ее предста-" in differences[0].seed[0] and "его предста-" in differences[0].tei[0]


def test_a_lost_hyphen_decision_is_reported():
    text = (ROOT / "edition" / "shemetova-2020.xml").read_text(encoding="utf-8")
    # Drop the record of the soft hyphen in «руково-/дством»: the print line no longer ends in "-".
    changed = text.replace('руково\n<lb break="no" rend="hyphen"', 'руково\n<lb break="no"', 1)
    differences = fidelity.compare(tree_of(changed), SEED)
    assert [d.seed_lines for d in differences] == [(20, 20)]


def test_undeclared_furniture_is_a_difference():
    text = (ROOT / "edition" / "shemetova-2020.xml").read_text(encoding="utf-8")
    start = text.index('<list type="furniture">')
    end = text.index("</list>", start) + len("</list>")
    differences = fidelity.compare(tree_of(text[:start] + text[end:]), SEED)
    assert [d.seed for d in differences] == [("Проблемы Дальнего Востока № 2, 2020 г.",)]


def test_check_command_passes_on_the_edition(capsys):
    assert main(["check", "--edition", str(ROOT / "edition")]) == 0
    out = capsys.readouterr().out
    assert "fidelity shemetova-2020: 0 difference(s)" in out
    assert "check passed" in out


def test_a_misprint_is_regenerated_as_printed_not_as_corrected():
    """Fidelity takes a choice's sic (the print), never the editors' corr or conjecture note."""
    tree = tree_of('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>'
                   '<lb/>была <choice><sic>доста<lb break="no" rend="hyphen"/>точна</sic><corr>достаточно</corr>'
                   '</choice> дешевой, <sic xml:id="s1">нормализовать</sic><note type="editorial" '
                   'subtype="conjecture" target="#s1"><mentioned>нейтрализовать</mentioned></note> влияние'
                   '<note place="foot" n="1" xml:id="n1">Э.К. <choice><sic>Озарнина</sic><corr>Озорнина</corr>'
                   '</choice></note>.</p></body></text></TEI>')
    assert fidelity.print_lines(tree) == ["была доста-", "точна дешевой, нормализовать влияние1.",
                                          "1. Э.К. Озарнина"]


def test_the_edition_encodes_its_misprints_and_still_reproduces_the_source():
    tree = etree.parse(str(ROOT / "edition" / "shemetova-2020.xml"))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    assert len(tree.xpath("//t:text//t:sic", namespaces=ns)) == 7
    assert tree.xpath("//t:text//t:corr[not(@resp='#editors') or not(@cert)]", namespaces=ns) == []
    assert fidelity.compare(tree, SEED) == []
