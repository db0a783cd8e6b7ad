"""Each broken input stops the build with `file:line: message`, exit 1, no traceback, build/ intact."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tei_edition.cli import main

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "invalid.yaml").read_text(encoding="utf-8"))


def line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not found")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_broken_input_is_a_located_error(case, project: Path, capsys):
    out = project / "build"
    assert main(["build", "--edition", str(project / "edition"), "--out", str(out)]) == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    capsys.readouterr()

    target = project / case["file"]
    old, new = case["replace"]
    text = target.read_text(encoding="utf-8")
    assert old in text, f"the case's text to replace is not in {case['file']}"
    broken = text.replace(old, new, 1)
    target.write_text(broken, encoding="utf-8")

    assert main(["build", "--edition", str(project / "edition"), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if "expect_file" in case:
        expected_text = (project / case["expect_file"]).read_text(encoding="utf-8")
        location = f"{case['expect_file']}:{line_of(expected_text, case['at'])}: "
    else:
        location = f"{target}:{line_of(broken, case.get('at', new))}: "
    assert any(line.startswith(location) and case["message"] in line for line in err.splitlines()), err
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before, "a failed build must leave the previous build untouched"
    assert not list(project.glob(".build-*")), "no staging folder may be left behind"


def test_check_command_reports_the_same_error(project: Path, capsys):
    target = project / "edition" / "shemetova-2020.xml"
    text = target.read_text(encoding="utf-8").replace('sameAs="#ref-n12"', 'sameAs="#ref-n99"', 1)
    target.write_text(text, encoding="utf-8")
    assert main(["check", "--edition", str(project / "edition")]) == 1
    assert f"{target}:{line_of(text, 'ref-n99')}: sameAs=\"#ref-n99\" points to no element" in capsys.readouterr().err
