"""Each broken input stops the build with `file:line: message`, exit 1, no traceback, build/ intact.

The cases are data (`cases/invalid.yaml`); see the comment at its top for the fields.
"""
from __future__ import annotations

import os
import re
import shutil
import stat
from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, copy_project

from tei_edition.cli import main

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "invalid.yaml").read_text(encoding="utf-8"))


def line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not found")


def snapshot(folder: Path, skip: str = "build") -> dict[str, object]:
    """Every file below `folder` (symlinks and folders named, not followed), except `skip/` and
    the build's own files beside it (its lock, and its spare: the folder the next build writes over).
    A file is known by its inode, size and modification time: stricter than its bytes (a file
    written again with the same bytes, or replaced by a copy, differs), and a build's thousand
    files are not read twice per case."""
    skipped = {skip, f".{skip}-spare", f".{skip}.lock"}
    files: dict[str, object] = {}
    for top, folders, names in os.walk(folder):
        relative_top = os.path.relpath(top, folder)
        prefix = "" if relative_top == "." else relative_top + "/"
        if not prefix:
            folders[:] = [name for name in folders if name not in skipped]
            names = [name for name in names if name not in skipped]
        for name in names + [name for name in folders if os.path.islink(os.path.join(top, name))]:
            path = os.path.join(top, name)
            status = os.lstat(path)
            files[prefix + name] = ("-> " + os.readlink(path)) if stat.S_ISLNK(status.st_mode) \
                else (status.st_ino, status.st_size, status.st_mtime_ns)
        for name in folders:
            files.setdefault(prefix + name, "<folder>")
    return files


def expand(text: str, case: dict) -> str:
    for token, (piece, count) in case.get("expand", {}).items():
        text = text.replace(token, piece * count)
    return text


def break_input(case: dict, project: Path) -> str | None:
    """Apply the case to the project; return the broken file's new text (for locating lines)."""
    if "file" not in case:
        return None
    target = project / case["file"]
    make = case.get("make")
    if make == "folder":
        target.unlink()
        target.mkdir()
        return None
    if make == "missing":
        target.unlink()
        return None
    if make == "loop":
        target.unlink()
        target.symlink_to(target.name)
        return None
    if "content" in case:  # the file may be new (an optional input the edition did not have)
        broken = case["content"]
    else:
        text = target.read_text(encoding="utf-8")
        old, new = case["replace"]
        new = expand(new, case)
        if case.get("regex"):
            assert re.search(old, text, flags=re.S), f"the case's pattern does not match {case['file']}"
            broken = re.sub(old, new, text, count=1, flags=re.S)
        else:
            assert old in text, f"the case's text to replace is not in {case['file']}"
            broken = text.replace(old, new, 1)
    target.write_bytes(broken.encode(case.get("encoding", "utf-8"), errors="replace"))
    return broken


def expected_location(case: dict, project: Path, broken: str | None) -> str:
    if "where" in case:
        return case["where"].replace("{project}", str(project)) + ": "
    if "expect_file" in case:
        target = project / case["expect_file"]
        text = target.read_text(encoding="utf-8")
    else:
        target, text = project / case["file"], broken
    if case.get("line", True) is None or text is None:
        return f"{target}: "
    needle = case.get("at") or expand(case["replace"][1], case)
    return f"{target}:{line_of(text, needle)}: "


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_broken_input_is_a_located_error(case, project: Path, built_site: Path, capsys, monkeypatch):
    out = project / "build"
    # The previous build (identical to one of this copy: builds are deterministic), its files linked to
    # the session's: a build that wrote into one would change its modification time, which the
    # snapshot compares.
    shutil.copytree(built_site, out, copy_function=os.link)
    before = snapshot(out, skip="")
    broken = break_input(case, project)
    sources = snapshot(project)
    for name, value in case.get("env", {}).items():
        monkeypatch.setenv(name, value)

    args = [case.get("command", "build"), "--edition", str(project / "edition")]
    args += [a.replace("{project}", str(project)) for a in case.get("args", ["--out", str(out), "--strict"])]
    monkeypatch.chdir(project)
    assert main(args) == 1, capsys.readouterr().err
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err, err
    location = expected_location(case, project, broken)
    message = case["message"].replace("{project}", str(project))
    assert any(line.startswith(location) and message in line for line in err.splitlines()), \
        f"expected a line starting {location!r} containing {message!r}:\n{err}"
    assert snapshot(out, skip="") == before, "a failed build must leave the previous build untouched"
    assert snapshot(project) == sources, "a failed build must not touch any source"
    assert not list(project.glob(".build-*")), "no staging folder may be left behind"


def test_the_cases_cover_every_input():
    """At least 50 cases, and every kind of input file the edition reads has some."""
    by_file = Counter(case.get("file", "(command line / environment)") for case in CASES)
    assert len(CASES) >= 50, by_file
    for needed in ("edition/edition.yaml", "edition/archives.yaml", "edition/i18n/ru.yaml", "edition/i18n/en.yaml",
                   "edition/shemetova-2020.xml", "edition/shemetova-2020.en.xml", "edition/pages/about.ru.md",
                   "templates/base.html", "seeds/000_18c5ebe104e7b172.txt", "edition/retired.yaml",
                   "(command line / environment)"):
        assert by_file[needed] > 0, f"no broken-input case for {needed}"
    assert len({case["name"] for case in CASES}) == len(CASES), "case names must be unique"


def test_check_command_reports_the_same_error(project: Path, capsys):
    target = project / "edition" / "shemetova-2020.xml"
    text = target.read_text(encoding="utf-8").replace('sameAs="#ref-n12"', 'sameAs="#ref-n99"', 1)
    target.write_text(text, encoding="utf-8")
    assert main(["check", "--edition", str(project / "edition")]) == 1
    assert f"{target}:{line_of(text, 'ref-n99')}: sameAs=\"#ref-n99\" points to no element" in capsys.readouterr().err


def test_a_missing_strings_file_and_a_missing_build_date_are_each_one_error(project: Path, capsys, monkeypatch):
    """One error for each, not one per interface string the other languages have (213), nor one per
    place that asks for the date; and what to do. (A language the generator has strings in needs no
    file: the letter's French, which it has none in, does.)"""
    letter = project.parent / "letter"
    shutil.copytree(ROOT / "tests" / "roots" / "letter", letter)
    shutil.copytree(ROOT / "templates", letter / "templates")
    (letter / "edition" / "i18n" / "fr.yaml").unlink()
    assert main(["build", "--edition", str(letter / "edition"), "--out", str(letter / "build")]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == "1 error(s); nothing was written"
    assert f"{letter / 'edition' / 'i18n' / 'fr.yaml'}: file not found: the generator has interface strings in " \
           f"en, ru; for 'fr', write this file with every string" in err
    copy_project(project.parent / "second")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")  # and the copy is in no git repository
    assert main(["build", "--edition", str(project.parent / "second" / "edition"),
                 "--out", str(project.parent / "second" / "build")]) == 1
    err = capsys.readouterr().err
    assert err.count("no build date") == 1 and "commit the edition" in err and "SOURCE_DATE_EPOCH" in err, err


def test_a_template_failing_in_a_copy_of_the_project_is_located_in_the_copy(tmp_path: Path, capsys):
    """The same template source in two folders is compiled once per process (the tests build many
    copies of the project); its failure is still located in the file of the build that ran it."""
    for name in ("first", "second"):
        project = copy_project(tmp_path / name)
        base = project / "templates" / "base.html"
        text = base.read_text(encoding="utf-8").replace("{{ s.cite_as }}", "{{ s.cite_as }}{{ 1 // 0 }}", 1)
        base.write_text(text, encoding="utf-8")
        assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
        err = capsys.readouterr().err
        assert f"{base}:{line_of(text, '1 // 0')}: template failed while rendering" in err, err
