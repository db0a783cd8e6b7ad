"""The build on several cores: the same site, byte for byte, as in one process; failures in a
worker process reported as they are in one."""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest
from test_roots import make_edition

from tei_edition import build as build_module
from tei_edition import pool as pool_module
from tei_edition.cli import main
from tei_edition.config import load_config


def collection(tmp_path: Path, copies: int) -> Path:
    """The born-digital test article as `copies` documents of one edition."""
    project = make_edition(tmp_path, "article")
    edition = project / "edition"
    text = (edition / "article.xml").read_text(encoding="utf-8")
    entries = []
    for n in range(copies):
        (edition / f"copy-{n}.xml").write_text(text, encoding="utf-8")
        entries.append(f"  - id: copy-{n}\n    tei: copy-{n}.xml\n")
    config = (edition / "edition.yaml").read_text(encoding="utf-8")
    (edition / "edition.yaml").write_text(config[:config.index("documents:")] + "documents:\n" + "".join(entries),
                                          encoding="utf-8")
    return edition


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_processes_make_the_same_site_as_one(tmp_path: Path, monkeypatch):
    edition = collection(tmp_path, 5)
    sites = {}
    for jobs in ("1", "2"):
        monkeypatch.setenv(pool_module.JOBS_VARIABLE, jobs)
        assert pool_module.pooled(load_config(edition)) == int(jobs)
        assert main(["build", "--strict", "--edition", str(edition), "--out", str(tmp_path / f"site-{jobs}")]) == 0
        sites[jobs] = digest(tmp_path / f"site-{jobs}")
    assert len(sites["1"]) > 5 * 2
    assert sites["1"] == sites["2"]


def test_a_pool_starts_from_eight_documents(tmp_path: Path, monkeypatch):
    monkeypatch.delenv(pool_module.JOBS_VARIABLE, raising=False)
    monkeypatch.setattr(pool_module.os, "cpu_count", lambda: 2)
    assert pool_module.pooled(load_config(collection(tmp_path / "a", pool_module.POOL_FROM - 1))) == 1
    assert pool_module.pooled(load_config(collection(tmp_path / "b", pool_module.POOL_FROM))) == 2


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_broken_document_is_reported_the_same_from_a_worker(tmp_path: Path, monkeypatch, capsys, jobs):
    edition = collection(tmp_path, 4)
    broken = edition / "copy-2.xml"
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace("<body>", "<body><unknownElement/>", 1), encoding="utf-8")
    line = text[:text.index("<body>")].count("\n") + 1
    monkeypatch.setenv(pool_module.JOBS_VARIABLE, jobs)
    assert main(["build", "--strict", "--edition", str(edition), "--out", str(tmp_path / "site")]) == 1
    err = capsys.readouterr().err
    assert f"{broken}:{line}: not valid TEI P5" in err and "unknownElement" in err
    assert "Traceback" not in err and not (tmp_path / "site").exists()


HELPER_SCRIPT = """
import json, os, sys
from pathlib import Path
import jinja2
from tei_edition.helper import Helper
templates, valid, invalid = (Path(arg) for arg in sys.argv[1:])
cache = jinja2.BytecodeCache()
with Helper(templates) as helper:
    helper.validate([valid, invalid])
    received = {}
    for path in sorted(templates.glob("*.html")):
        filename = os.path.join(str(templates), path.name)
        code = helper.compiled_template(cache.get_cache_key(path.name, filename),
                                        cache.get_source_checksum(path.read_text(encoding="utf-8")))
        received[path.name] = code is not None
    print(json.dumps({"forked": bool(helper.pid), "templates": received,
                      "valid": [str(d) for d in helper.errors_for([valid])],
                      "invalid": [str(d) for d in helper.errors_for([invalid])]}))
"""


def test_the_helper_process_hands_over_templates_and_the_schema_verdict(tmp_path: Path):
    """In a fresh process (as on the command line) the helper is forked: it compiles every template
    and validates each file given to it, while the build goes on."""
    import json
    import subprocess
    import sys

    project = make_edition(tmp_path, "article")
    valid = project / "edition" / "article.xml"
    invalid = project / "edition" / "broken.xml"
    invalid.write_text(valid.read_text(encoding="utf-8").replace("<body>", "<body><unknownElement/>", 1),
                       encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", HELPER_SCRIPT, str(project / "templates"), str(valid),
                             str(invalid)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["forked"] and answer["valid"] == []
    assert answer["templates"] and all(answer["templates"].values()), answer["templates"]
    assert len(answer["invalid"]) >= 1 and all(line.startswith(f"{invalid}:") for line in answer["invalid"])
    assert "unknownElement" in " ".join(answer["invalid"])


def test_a_worker_that_dies_stops_the_build_with_a_message(tmp_path: Path, monkeypatch, capsys):
    import os

    edition = collection(tmp_path, 4)
    real = build_module.make_document

    def dies_on_the_third(site, doc, *args, **kwargs):
        if doc.id == "copy-2":
            os._exit(9)  # as if killed: no exception, no answer
        return real(site, doc, *args, **kwargs)

    monkeypatch.setattr(build_module, "make_document", dies_on_the_third)
    monkeypatch.setenv(pool_module.JOBS_VARIABLE, "2")
    assert main(["build", "--edition", str(edition), "--out", str(tmp_path / "site")]) == 1
    err = capsys.readouterr().err
    assert "TEI_EDITION_JOBS: a process making the documents died" in err and "Traceback" not in err
    assert not (tmp_path / "site").exists()


REGISTERS_SCRIPT = """
import sys
from tei_edition import schema
from tei_edition.cli import main
code = main(["build", "--strict", "--edition", sys.argv[1], "--out", sys.argv[2]])
print(schema.schema_compiled(), code)
"""


@pytest.mark.slow
def test_the_helper_process_validates_the_registers_and_the_build_reports_them(tmp_path: Path):
    """In a fresh process the registers file is validated by the helper with the documents (the build
    never compiles the schema itself); a registers file the schema refuses still stops the build,
    located, with the schema's message, and nothing is written."""
    import subprocess
    import sys

    project = make_edition(tmp_path, "collection")
    registers = project / "edition" / "names.xml"
    out = tmp_path / "site"

    def build() -> tuple[str, str]:
        result = subprocess.run([sys.executable, "-c", REGISTERS_SCRIPT, str(project / "edition"), str(out)],
                                capture_output=True, text=True, timeout=120,
                                env={**os.environ, "SOURCE_DATE_EPOCH": "1764028800"})
        return result.stdout.strip().splitlines()[-1], result.stderr

    assert build() == ("False 0", "")
    text = registers.read_text(encoding="utf-8")
    broken = text.replace('<person xml:id="bea">', '<person xml:id="bea"><unknownElement/>', 1)
    assert broken != text
    registers.write_text(broken, encoding="utf-8")
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    stdout, err = build()
    assert stdout == "False 1" and f"{registers}:" in err and "not valid TEI P5" in err and "Traceback" not in err
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before


NAMES_SCRIPT = """
import sys
from tei_edition import build
from tei_edition.cli import main
checked_here = []
original = build.check_names
build.check_names = lambda *args: checked_here.append(1) or original(*args)
code = main(["build", "--strict", "--edition", sys.argv[1], "--out", sys.argv[2]])
print(bool(checked_here), code)
"""


@pytest.mark.slow
def test_the_helper_process_checks_the_names_and_the_build_reports_them(tmp_path: Path):
    """In a fresh process the helper checks the register names (the build itself never does); an
    untagged name still stops the build, located, and an exclusion that excludes nothing is still
    a warning (an error with --strict)."""
    import subprocess
    import sys

    project = make_edition(tmp_path, "collection")
    edition = project / "edition"

    def build() -> tuple[str, str]:
        result = subprocess.run([sys.executable, "-c", NAMES_SCRIPT, str(edition), str(tmp_path / "site")],
                                capture_output=True, text=True, timeout=120,
                                env={**os.environ, "SOURCE_DATE_EPOCH": "1764028800"})
        return result.stdout.strip().splitlines()[-1], result.stderr

    assert build()[0] == "False 0"
    letter = edition / "letter-b.xml"
    text = letter.read_text(encoding="utf-8")
    untagged = re.sub(r'<persName ref="names.xml#bea">([^<]*)</persName>', r"\1", text, count=1)
    assert untagged != text
    letter.write_text(untagged, encoding="utf-8")
    out, err = build()
    assert out == "False 1" and f"{letter}:" in err and "is not tagged" in err and "Traceback" not in err
    letter.write_text(text, encoding="utf-8")
    (edition / "letter-a.xml").write_text((edition / "letter-a.xml").read_text(encoding="utf-8").replace(
        "Lyon the dog", "Rex the dog"), encoding="utf-8")
    out, err = build()
    assert out == "False 1" and "untagged.yaml" in err and "stands untagged there 0 time(s), not 1" in err
