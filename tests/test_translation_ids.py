"""`tei-edition ids` on a document whose translations were written before its original had ids: the
translations' units take the original's ids, with corresp, paired by their order; where the texts
part, nothing is written into that translation and the error says where."""
from __future__ import annotations

import re
from pathlib import Path

from conftest import parse_html
from test_roots import make_edition

from tei_edition.cli import main

WRITTEN = re.compile(r' (?:xml:id|corresp)="[^"]*"')


def unaligned_letter(tmp_path: Path) -> tuple[Path, dict[str, Path]]:
    """The three-language letter with every id and corresp taken out of its text, as written."""
    project = make_edition(tmp_path, "letter")
    files = {lang: project / "edition" / name for lang, name in
             (("de", "brief.xml"), ("fr", "brief.fr.xml"), ("en", "brief.en.xml"))}
    for path in files.values():
        text = path.read_text(encoding="utf-8")
        head, body = text.split("<text>")
        path.write_text(head + "<text>" + WRITTEN.sub("", body), encoding="utf-8")
    return project, files


def test_translations_take_the_originals_ids_by_their_order(tmp_path: Path, capsys):
    project, files = unaligned_letter(tmp_path)
    edition = ["--edition", str(project / "edition")]
    before = {lang: path.read_text(encoding="utf-8") for lang, path in files.items()}
    # Before: the build says what is wrong and what to run (not "brief.xml#None").
    assert main(["build", *edition, "--out", str(project / "build")]) == 1
    said = capsys.readouterr().err
    assert "have no xml:id (the first a <note> at brief.xml:" in said and "tei-edition ids" in said
    assert "None" not in said
    assert main(["ids", *edition]) == 0
    out = capsys.readouterr().out
    assert "brief.en.xml: 7 unit(s) given the original's ids" in out
    after = {lang: path.read_text(encoding="utf-8") for lang, path in files.items()}
    for lang in ("fr", "en"):  # only attributes were added; each unit has its original's id
        assert WRITTEN.sub("", after[lang]) == WRITTEN.sub("", before[lang])
        ids = re.findall(r' xml:id="([^"]*)" corresp="brief\.xml#([^"]*)"', after[lang])
        assert len(ids) == 7 and all(own == pointed for own, pointed in ids)
    assert [i for i, _ in re.findall(r' xml:id="([^"]*)" corresp="brief\.xml#([^"]*)"', after["en"])] == \
        re.findall(r' xml:id="([^"]*)"', after["de"].split("<text>")[1])
    assert main(["ids", *edition]) == 0 and all(path.read_text(encoding="utf-8") == after[lang]
                                               for lang, path in files.items()), "a second run changes nothing"
    assert "every unit has the original's id" in capsys.readouterr().out
    assert main(["build", "--strict", *edition, "--out", str(project / "build")]) == 0
    parallel = parse_html(project / "build" / "en" / "brief" / "parallel" / "index.html")
    row = parallel.xpath("//section[@class='parallel-row'][@id='p1']")[0]  # beside its translation
    assert "überschwemmt" in row.xpath("string()") and "is flooded" in row.xpath("string()")


def test_where_a_translation_parts_from_its_original_nothing_is_written_into_it(tmp_path: Path, capsys):
    project, files = unaligned_letter(tmp_path)
    files["fr"].write_text(files["fr"].read_text(encoding="utf-8").replace(
        "<lg>", "<p><lg>").replace("</lg>", "</lg></p>"), encoding="utf-8")  # a paragraph more, in the wrong place
    en = files["en"].read_text(encoding="utf-8")
    files["en"].write_text(en.replace("<p>the road", '<p xml:id="road">the road'), encoding="utf-8")
    before = {lang: files[lang].read_bytes() for lang in ("fr", "en")}
    assert main(["ids", "--edition", str(project / "edition")]) == 1
    said = capsys.readouterr().err
    fr_line = 1 + files["fr"].read_text(encoding="utf-8")[:files["fr"].read_text(encoding="utf-8").index(
        "<p><lg>")].count("\n")
    assert f"{files['fr']}:{fr_line}: this <p> stands in body/div, but the p of brief.xml it would translate by " \
           f"its order" in said and "in body/div/postscript" in said
    assert f"{files['en']}:" in said and 'has the id "road": give it xml:id="p1" and corresp="brief.xml#p1"' in said
    assert said.rstrip().endswith("the files named were left as they were")
    assert {lang: files[lang].read_bytes() for lang in ("fr", "en")} == before
    assert 'xml:id="p1"' in files["de"].read_text(encoding="utf-8"), "the original has its ids"


def test_a_translation_with_a_paragraph_less_is_named_with_its_counts(tmp_path: Path, capsys):
    project, files = unaligned_letter(tmp_path)
    en = files["en"].read_text(encoding="utf-8")
    files["en"].write_text(re.sub(r"<postscript>.*?</postscript>", "", en, flags=re.S), encoding="utf-8")
    assert main(["ids", "--edition", str(project / "edition")]) == 1
    said = capsys.readouterr().err
    assert f"{files['en']}: the translation has 2 <p> where brief.xml has 3 (counted in order, the first " \
           f"untranslated is at brief.xml:" in said and "the texts may part anywhere before it" in said


def test_where_the_translation_numbers_its_divisions_a_paragraph_is_placed_by_its_sections_number(tmp_path: Path,
                                                                                                    capsys):
    """Perseus's English Cicero opens with the translator's Argument: the refusal named the last
    section's paragraph as the one left over; the sections' numbers say where the texts part."""
    from test_elsewhere import edition
    latin = ('<text><body><div type="edition" n="urn:cts:latinLit:phi0474.phi018.perseus-lat2"><div n="1"><p>'
             'Quod precatus.</p></div><div n="2"><p>Itaque.</p></div></div></body></text>')
    english = ('<text><body><div type="translation" n="urn:cts:latinLit:phi0474.phi018.perseus-eng2">\n<div '
               'type="argument"><p>The argument.</p></div>\n<div n="1"><p>What I prayed.</p></div><div n="2"><p>'
               'And so.</p></div></div></body></text>')
    project = edition(tmp_path, latin, lang="la", translation=english)
    assert main(["ids", "--edition", str(project / "edition")]) == 1
    said = capsys.readouterr().err
    assert "doc.en.xml:3: this <p> stands in body/div/div, but the p of doc.xml it would translate by its order " \
           "(doc.xml:2) in body/div/div[n=1]" in said, said  # (the versions' own names, their URNs, apart)
    english_file = project / "edition" / "doc.en.xml"
    english_file.write_text(english_file.read_text(encoding="utf-8").replace(
        '<div type="argument"><p>The argument.</p></div>', ""), encoding="utf-8")
    assert main(["ids", "--edition", str(project / "edition")]) == 0  # (without it, the two agree)
    assert english_file.read_text(encoding="utf-8").count('corresp="doc.xml#p') == 2


def test_a_numbered_division_is_given_the_id_of_its_number(tmp_path: Path):
    """Perseus's sections got ids by their rank among all divisions: section 1 was "div2" (the edition's
    own division was div1). A division with a number is named by it, as the page shows it, "div-1.2";
    one without (or a version's URN), by its rank; DTA's depths are no numbers."""
    from test_elsewhere import edition
    latin = ('<text><body><div type="edition" n="urn:cts:latinLit:phi0474.phi018.perseus-lat2"><div n="1"><div n="1">'
             '<p>Quod.</p></div><div n="2"><p>Itaque.</p></div></div><div><p>Sine.</p></div></div></body></text>')
    project = edition(tmp_path, latin, lang="la")
    assert main(["ids", "--edition", str(project / "edition")]) == 0
    written = (project / "edition" / "doc.xml").read_text(encoding="utf-8")
    assert re.findall(r'<div xml:id="([^"]+)"', written) == ["div1", "div-1", "div-1.1", "div-1.2", "div5"]
