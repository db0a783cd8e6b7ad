"""Work in a forked process (a document built alone makes its later pages there): its answer, its
errors and its death come back to the build as they would from the build itself."""
from __future__ import annotations

import ctypes
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_build import digest
from test_roots import make_edition

from tei_edition import build as build_module
from tei_edition.cli import main
from tei_edition.errors import EditionError
from tei_edition.forked import Forked
from tei_edition.helper import _Child
from tei_edition.pool import executor


def test_the_work_is_done_in_another_process_and_its_answer_handed_back():
    big = "ж" * 200_000  # more than a pipe holds: the child must not wait for the parent to read
    pid, text = Forked(lambda: (os.getpid(), big), "here").result()
    assert pid != os.getpid() and text == big


def test_a_located_error_in_the_child_is_raised_as_it_was():
    def fails() -> None:
        raise EditionError.at("doc.xml", 7, "something the editor must fix")

    with pytest.raises(EditionError) as caught:
        Forked(fails, "doc.xml").result()
    assert [str(d) for d in caught.value.diagnostics] == ["doc.xml:7: something the editor must fix"]


def test_a_child_that_dies_is_a_located_error_and_a_bug_keeps_its_traceback():
    with pytest.raises(EditionError) as caught:
        Forked(lambda: os._exit(9), "doc.xml").result()
    assert str(caught.value.diagnostics[0]).startswith("doc.xml: the process making some of its pages died")
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        Forked(lambda: 1 // 0, "doc.xml").result()


def test_an_abandoned_child_is_stopped_and_reaped():
    started = Forked(lambda: __import__("time").sleep(60), "doc.xml")
    started.abandon()
    with pytest.raises(ChildProcessError):
        os.waitpid(started.pid, 0)  # already reaped: no zombie left behind


@pytest.mark.slow
def test_a_command_line_build_in_two_processes_makes_the_same_site_as_one(tmp_path: Path, monkeypatch):
    """On the command line (a fresh process, its helper forked, two cores) each document's later pages
    are made in a second process; on one core, in one. The sites are the same, byte for byte."""
    edition = make_edition(tmp_path, "printed") / "edition"
    config = edition / "edition.yaml"  # with an address: the DTS files are among the later pages
    config.write_text(config.read_text(encoding="utf-8") + "base_url: https://example.org/printed/\n",
                      encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764028800"}
    done = subprocess.run([sys.executable, "-m", "tei_edition", "build", "--strict", "--edition", str(edition),
                           "--out", str(tmp_path / "two")], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    monkeypatch.setattr(build_module.os, "cpu_count", lambda: 1)
    assert main(["build", "--strict", "--edition", str(edition), "--out", str(tmp_path / "one")]) == 0
    one, two = digest(tmp_path / "one"), digest(tmp_path / "two")
    assert any(path.startswith("dts/") for path in one) and any("/print/" in path for path in one)
    assert one == two


def _death_signal() -> int:
    """The signal Linux sends this process when its parent dies (PR_GET_PDEATHSIG; 0: none)."""
    signal_number = ctypes.c_int()
    ctypes.CDLL(None, use_errno=True).prctl(2, ctypes.byref(signal_number))
    return signal_number.value


def test_every_process_a_build_forks_is_ended_with_it():
    """The page maker's child, the helpers (templates, schema, names; fonts) and a collection's
    pool all ask Linux to end them when the build dies: a killed build left them working on."""
    assert Forked(_death_signal, "here").result() == signal.SIGTERM
    with executor(2) as pool:
        assert pool.submit(_death_signal).result() == signal.SIGTERM
    answers: list = []
    child = _Child(lambda results, _orders: pickle.dump(_death_signal(), results), answers.append)
    child.listen()
    deadline = time.monotonic() + 10
    while None not in answers and time.monotonic() < deadline:
        time.sleep(0.01)
    child.end()
    assert answers == [signal.SIGTERM, None]
    assert _death_signal() == 0  # (this process asked nothing: the children's own call)


def test_a_child_whose_parent_dies_does_not_work_on():
    """A parent that dies (killed, no clean-up) while its child works: the child is ended at once."""
    script = ("import os, time\nfrom tei_edition.forked import Forked\n"
              "child = Forked(lambda: time.sleep(60), 'here')\nprint(child.pid, flush=True)\nos._exit(0)\n")
    # (read line by line: the child holds the pipe open as long as it lives)
    with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True) as parent:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        assert parent.wait(timeout=60) == 0
    deadline = time.monotonic() + 10
    try:
        while Path(f"/proc/{child}").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not Path(f"/proc/{child}").exists(), "the child outlived its parent"
    finally:
        if Path(f"/proc/{child}").exists():
            os.kill(child, signal.SIGKILL)
