"""Work done in a forked process on the other core, its result handed back through a pipe.

A build of one document makes its pages in two processes: what the document's views share (its
models, their rendering) is made first, then a fork inherits it and makes the later views' pages
while this process makes the first ones. The child touches nothing it did not inherit ready: no
helper process, no files, no imports that could wait on a lock another thread held at the fork.
"""
from __future__ import annotations

import os
import pickle
import signal
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

from tei_edition.errors import EditionError

T = TypeVar("T")


class Forked(Generic[T]):
    """`work()` running in a child process: `result()` waits for it (and raises what it raised).
    `where` locates the error if the child dies without an answer (the document it worked on)."""

    def __init__(self, work: Callable[[], T], where: Path | str):
        self.where = where
        read_end, write_end = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the child: one answer, then gone without running the parent's clean-ups
            die_with_parent(parent)
            os.close(read_end)
            try:
                with os.fdopen(write_end, "wb") as answer:
                    pickle.dump(_outcome(work), answer, protocol=pickle.HIGHEST_PROTOCOL)
            finally:
                os._exit(0)
        os.close(write_end)
        self.pid = pid
        self._answer: list[bytes] = []
        # Read as it comes: a pipe holds 64 KiB, and the child must not wait for this process.
        self._reader = threading.Thread(target=self._read, args=(read_end,), daemon=True)
        self._reader.start()

    def _read(self, read_end: int) -> None:
        with os.fdopen(read_end, "rb") as answer:
            self._answer.append(answer.read())

    def result(self) -> T:
        self._reader.join()
        os.waitpid(self.pid, 0)
        if not self._answer or not self._answer[0]:
            raise EditionError.at(self.where, None, "the process making some of its pages died (out of "
                                                    "memory?): build again")
        kind, value = pickle.loads(self._answer[0])
        if kind == "error":
            raise value
        if kind == "crash":
            raise RuntimeError(f"a process making pages failed:\n{value}")
        return value

    def abandon(self) -> None:
        """Stop the child (this process failed first: its error is the one reported)."""
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self._reader.join()
        os.waitpid(self.pid, 0)


def _outcome(work: Callable[[], Any]) -> tuple[str, Any]:
    try:
        return "done", work()
    except EditionError as exc:
        return "error", exc
    except BaseException:  # noqa: BLE001 - a bug: the parent stops with the child's traceback
        return "crash", traceback.format_exc()


PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent(parent: int) -> None:
    """Called first in a forked child: Linux ends it (SIGTERM) when the process that forked it dies.
    A build killed (Ctrl-C in another process group, a time limit, the out-of-memory killer) would
    otherwise leave its helpers working on for as long as their work lasts. Elsewhere, nothing."""
    import ctypes
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: no such call
        return
    if os.getppid() != parent:  # it died before the call: nobody waits for this child's answer
        os._exit(1)
