"""The output folder is the build's own; the swap is atomic and crash-safe; builds are
deterministic across processes; an unexpected failure is a short bug report, never a traceback."""
from __future__ import annotations

import fcntl
import os
import shutil
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import EPOCH, parse_html

from tei_edition import build as build_module
from tei_edition.cli import INTERNAL_ERROR, main
from tei_edition.errors import EditionError
from tei_edition.write import MARKER, MARKER_TEXT, check_output_folder, staged_site


def run_cli(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`tei-edition` in a process of its own (fresh hash seed, environment, imports)."""
    environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, **(env or {})}
    return subprocess.run([sys.executable, "-m", "tei_edition", *args], capture_output=True, text=True,
                          env=environment, cwd=cwd, timeout=600)


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- the output folder ------------------------------------------------------------------------

def test_home_and_root_are_refused_without_touching_them(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    for folder, what in ((tmp_path / "home", "your home folder"), (Path("/"), "the root folder")):
        with pytest.raises(EditionError, match=f"would destroy {what}"):
            check_output_folder(folder, [], [])
    with pytest.raises(EditionError, match="your home folder, which it contains"):
        check_output_folder(tmp_path, [], [])


@pytest.mark.parametrize("out", [".git", "src", "src/tei_edition/site", ".git/site"])
def test_code_and_history_are_refused(project: Path, out: str, capsys, monkeypatch):
    """`.git` and the code: a project copy gets both, so that the build's own guard is what is tested."""
    for folder in (".git/objects", "src/tei_edition"):
        (project / folder).mkdir(parents=True)
        (project / folder / "keep").write_text("precious", encoding="utf-8")
    monkeypatch.setattr(build_module, "__file__", str(project / "src" / "tei_edition" / "build.py"))
    monkeypatch.chdir(project)
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    assert main(["build", "--edition", "edition", "--out", out]) == 1
    assert "refused" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_the_build_owns_its_folder(project: Path, capsys):
    """A new or empty folder is taken and marked; a marked folder is rebuilt; an unmarked one is refused."""
    empty = project / "empty"
    empty.mkdir()
    assert main(["build", "--edition", str(project / "edition"), "--out", str(empty)]) == 0
    assert (empty / MARKER).is_file() and (empty / "index.html").is_file()
    (empty / "stale.html").write_text("left from before", encoding="utf-8")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(empty)]) == 0
    assert not (empty / "stale.html").exists(), "a build replaces its folder whole"
    (empty / MARKER).unlink()
    assert main(["build", "--edition", str(project / "edition"), "--out", str(empty)]) == 1
    assert "was not made by tei-edition" in capsys.readouterr().err
    assert (empty / "index.html").is_file()


# --- the swap -----------------------------------------------------------------------------------

AUDIT_SCRIPT = textwrap.dedent("""
    import os, re, sys
    from pathlib import Path
    from tei_edition.cli import main

    out = Path(sys.argv[1])
    problems = []
    busy = False
    WATCHED = ("os.rename", "os.replace", "os.rmdir", "os.remove", "shutil.rmtree", "ctypes.call_function")

    def dates():
        found = set()
        for page in out.rglob("*.html"):
            found.update(re.findall(r'<time datetime="([0-9-]+)">', page.read_text(encoding="utf-8"))[-1:])
        return found

    def hook(event, args):
        global busy
        if busy or event not in WATCHED:
            return
        busy = True
        try:
            if not (out / "index.html").is_file():
                problems.append(f"{event}: {out} has no index.html")
            elif len(dates()) != 1:
                problems.append(f"{event}: {out} mixes builds of dates {sorted(dates())}")
        finally:
            busy = False

    sys.addaudithook(hook)
    code = main(["build", "--edition", sys.argv[2], "--out", str(out)])
    print("\\n".join(problems))
    sys.exit(3 if problems else code)
""")


def test_the_output_is_never_missing_or_mixed(project: Path, tmp_path: Path):
    """Before every rename, removal or foreign call of a rebuild, the old site or the new one is there whole.

    The two builds print different dates, so a mix of the two would be seen."""
    out = project / "build"
    assert run_cli("build", "--edition", str(project / "edition"), "--out", str(out)).returncode == 0
    script = tmp_path / "audited_build.py"
    script.write_text(AUDIT_SCRIPT, encoding="utf-8")
    result = subprocess.run([sys.executable, str(script), str(out), str(project / "edition")], capture_output=True,
                            text=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1800000000"}, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert '<time datetime="2027-01-15">' in (out / "index.html").read_text(encoding="utf-8")


def test_a_build_killed_while_writing_leaves_the_old_site_and_the_next_build_cleans_up(project: Path):
    out = project / "build"
    assert run_cli("build", "--edition", str(project / "edition"), "--out", str(out)).returncode == 0
    before = files_of(out)
    killed = run_cli("build", "--edition", str(project / "edition"), "--out", str(out),
                     env={"TEI_EDITION_FAULT": "kill-after-files:5", "SOURCE_DATE_EPOCH": "1800000000"})
    assert killed.returncode == -9, killed.stderr  # SIGKILL: no cleanup code ran
    assert files_of(out) == before, "the old site must be intact"
    assert list(project.glob(".build-new-*")), "the killed build's staging folder is still there"
    rebuilt = run_cli("build", "--edition", str(project / "edition"), "--out", str(out))
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert files_of(out) == before
    assert not list(project.glob(".build-new-*")) and not list(project.glob(".build-old-*"))


def staged(out: Path, files: dict[str, bytes]) -> None:
    with staged_site(out) as site:
        for path, content in files.items():
            site.add(path, content)


def test_a_rebuild_writes_over_the_spare_and_keeps_nothing_of_it(tmp_path: Path):
    """The previous site is kept as the spare and the next build is written over it: its files
    reused where the new site has the same path, the rest removed; a hard-linked file is replaced,
    never written through, and a symbolic link is never followed."""
    out, spare = tmp_path / "build", tmp_path / ".build-spare"
    first = {"index.html": b"<p>one</p>", "a/b.json": b"[1, 1, 1]", "gone.txt": b"old", "old/x.txt": b"x",
             "c/k.txt": b"k"}
    staged(out, first)
    staged(out, first)  # the first site is now the spare
    assert files_of(spare) == {**first, MARKER: MARKER_TEXT.encode()}
    reused = (spare / "a" / "b.json").stat().st_ino
    (spare / "a" / "b.json").chmod(0o600)
    outside = tmp_path / "linked.html"
    os.link(spare / "index.html", outside)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(spare / "c")
    (spare / "c").symlink_to(elsewhere)  # a link where the new site has a folder
    (spare / "d").write_bytes(b"a file where the new site has a folder")
    third = {"index.html": b"<p>three</p>", "a/b.json": b"[3]", "c/e.txt": b"e", "d/f.txt": b"f"}  # longer, shorter
    staged(out, third)
    assert files_of(out) == {**third, MARKER: MARKER_TEXT.encode()}
    assert not (out / "old").exists()
    assert (out / "a" / "b.json").stat().st_ino == reused
    assert (out / "a" / "b.json").stat().st_mode & 0o777 == (out / "d" / "f.txt").stat().st_mode & 0o777
    assert outside.read_bytes() == b"<p>one</p>" and list(elsewhere.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [".build-spare", ".build.lock", "build", "elsewhere",
                                                           "linked.html"]
    # A folder of that name without the marker of a site is not the build's: it is left alone.
    (spare / MARKER).unlink()
    (spare / "mine.txt").write_bytes(b"mine")
    kept = files_of(spare)
    staged(out, first)
    assert files_of(spare) == kept and files_of(out) == {**first, MARKER: MARKER_TEXT.encode()}


def test_a_file_of_the_build_is_never_removed_to_make_way_for_another(tmp_path: Path):
    """A spare's file in the way of a folder is removed; the build's own is an error (two pages clash)."""
    with pytest.raises(FileExistsError, match="a page of this build stands where a folder is needed"):
        staged(tmp_path / "build", {"a": b"one page", "a/b.html": b"<p>another</p>"})
    assert sorted(p.name for p in tmp_path.iterdir()) == [".build.lock"]


def test_a_second_build_waits_for_the_first(project: Path):
    """While another process holds the output's lock, a build waits, says so, and then finishes."""
    out = project / "build"
    lock = os.open(project / ".build.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(lock, fcntl.LOCK_EX)
    waiting = subprocess.Popen([sys.executable, "-m", "tei_edition", "build", "--edition", str(project / "edition"),
                                "--out", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    first_line = waiting.stderr.readline()  # printed once it finds the lock taken
    assert "waiting for another build" in first_line
    assert waiting.poll() is None and not out.exists()
    os.close(lock)
    assert waiting.wait(timeout=600) == 0
    assert (out / "index.html").is_file()


def test_two_builds_at_once_both_succeed(project: Path):
    out = project / "build"
    command = [sys.executable, "-m", "tei_edition", "build", "--edition", str(project / "edition"), "--out", str(out)]
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    builds = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(2)]
    assert [b.wait(timeout=600) for b in builds] == [0, 0], [b.stderr.read() for b in builds if b.stderr]
    assert (out / "index.html").is_file() and (out / MARKER).is_file()


# --- determinism --------------------------------------------------------------------------------

def test_builds_in_two_processes_are_byte_identical(project: Path):
    """Another hash seed, time zone and locale change nothing."""
    outs = []
    for n, (seed, zone, locale) in enumerate((("1", "UTC", "C.UTF-8"), ("4242", "Asia/Urumqi", "C"))):
        out = project / f"out{n}"
        result = run_cli("build", "--edition", str(project / "edition"), "--out", str(out),
                         env={"PYTHONHASHSEED": seed, "TZ": zone, "LC_ALL": locale, "LANG": locale})
        assert result.returncode == 0, result.stderr
        outs.append(files_of(out))
    assert outs[0].keys() == outs[1].keys()
    assert [name for name in outs[0] if outs[0][name] != outs[1][name]] == []
    # A fresh process compiles its templates and the schema in a helper process beside the build;
    # this one (which has compiled the schema) builds without it: the same site.
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "here")]) == 0
    here = files_of(project / "here")
    assert here.keys() == outs[0].keys() and [name for name in here if here[name] != outs[0][name]] == []


@pytest.mark.parametrize("epoch, date", [("0", "1970-01-01"), ("1764028800", "2025-11-25"),
                                         ("253402300799", "9999-12-31")])
def test_the_page_date_follows_source_date_epoch(project: Path, monkeypatch, epoch, date):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    out = project / "build"
    assert main(["build", "--edition", str(project / "edition"), "--out", str(out)]) == 0
    for page in ("index.html", "ru/shemetova-2020/index.html", "en/about/index.html"):
        assert parse_html(out / page).xpath("//footer//time/@datetime") == [date]


# --- failures that are not the user's -------------------------------------------------------------

def test_an_unexpected_failure_is_a_short_bug_report(project: Path, monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug planted by the test")
    monkeypatch.setattr(build_module, "render_site", broken)
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == INTERNAL_ERROR
    err = capsys.readouterr().err
    assert "internal error (RuntimeError: a bug planted by the test)" in err and "please report it" in err
    assert "Traceback" not in err
    assert not (project / "build").exists()


def test_serve_on_a_busy_port_is_a_located_error(project: Path, capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--edition", str(project / "edition"), "--out", str(project / "build"),
                     "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert f"--port: cannot serve on 127.0.0.1:{port}" in err and "choose another port" in err


def test_serve_builds_and_serves(project: Path):
    """The preview server answers on 127.0.0.1 with the built home page, at the path its base_url
    gives the site (as it will be published: the host's root leads there), and an address without a
    page with the site's own 404 page (it answered Python's error page), whose style sheet it serves."""
    import urllib.error
    import urllib.request
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "tei_edition", "serve", "--edition", str(project / "edition"),
                               "--out", str(project / "build"), "--port", str(port)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    try:
        for line in server.stdout:  # "built …", then "serving …"
            if line.startswith("serving"):
                break
        assert line.split(" at ")[1].split()[0] == f"http://127.0.0.1:{port}/shemetova-2020/"
        for address in (f"http://127.0.0.1:{port}/", f"http://127.0.0.1:{port}/shemetova-2020"):
            with urllib.request.urlopen(address, timeout=10) as response:
                assert response.url == f"http://127.0.0.1:{port}/shemetova-2020/"
                assert b"<!DOCTYPE html>" in response.read()
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/shemetova-2020/en/no-such-page/", timeout=10)
        assert missing.value.code == 404
        assert missing.value.read() == (project / "build" / "404.html").read_bytes()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/shemetova-2020/assets/edition.css", timeout=10) as css:
            assert b"@font-face" in css.read()  # (the 404 page's style sheet: /shemetova-2020/assets/edition.css)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_yaml_is_read_as_yaml_1_2(project: Path):
    """`yes`, `no`, `on` and dates stay text (YAML 1.1 would make them booleans and dates)."""
    config = project / "edition" / "edition.yaml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("  en: A digital edition of T.A. Shemetova's article (2020)", "  en: yes")
    config.write_text(text, encoding="utf-8")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 0
    assert parse_html(project / "build" / "en" / "about" / "index.html").xpath(
        "string(//a[@class='site-name'])") == "yes"


def test_an_imprint_date_of_any_precision_is_accepted(project: Path):
    tei = project / "edition" / "shemetova-2020.xml"
    tei.write_text(tei.read_text(encoding="utf-8").replace('<date when="2020">2020</date>',
                                                          '<date when="2020-05">May 2020</date>'), encoding="utf-8")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 0
    source = parse_html(project / "build" / "ru" / "shemetova-2020" / "index.html").xpath(
        "string(//p[@class='source-line'])")
    assert "2020" in source

