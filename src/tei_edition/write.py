"""Write the site: into a staging folder beside the output, then exchanged with it in one step.

- The output folder is the build's own: `build` refuses a folder that is or contains a source
  (the project, `edition/`, `templates/`, the code, `.git`, the home folder, `/`), one inside a
  source folder, and a non-empty folder without the marker file that every build writes.
- A lock file beside the output makes a second build into the same folder wait its turn.
- On Linux the staging folder and the output are exchanged by `renameat2(RENAME_EXCHANGE)`: at
  no moment is the output missing or a mix of two builds.
- The previous site is not deleted: it is kept beside the output as the spare (`.build-spare`),
  and the next build is staged in it, writing over its files (`_write_over`) and removing those it
  does not make. Creating a file costs the file system far more than writing over one (on this
  project's ext4 disks, a millisecond against a tenth: most of a rebuild's time was making a
  thousand new files and deleting the old ones). Every byte is written again: nothing of the
  previous build is kept in the new one. A file with other hard links is never written over
  (it is replaced), nor a symbolic link followed. A failed build leaves beside the output only
  what was there before it (a spare stays a spare, else its staging folder is removed); a killed
  build's staging folder becomes the next build's spare.
"""
from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import queue
import shutil
import signal
import stat
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Container, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tei_edition.errors import Diagnostic, EditionError
from tei_edition.linkcheck import PageFacts, SiteLinks, page_facts, parse_page

MARKER = ".tei-edition-build"
MARKER_TEXT = ("This folder is the output of `tei-edition build`. Each build replaces it whole:\n"
               "keep nothing of your own in it.\n")
LOCK_WAIT_SECONDS = 300
# Test-only fault injection: "kill-after-files:N" kills the process after N files are written.
FAULT_VARIABLE = "TEI_EDITION_FAULT"

SPARE_SUFFIX = "-spare"  # `.build-spare`: the previous site, to be written over by the next build
WRITES_AHEAD = 512  # files handed to the writing thread and not yet written, at most
_AT_FDCWD = -100
_RENAME_NOREPLACE = 1
_RENAME_EXCHANGE = 2


class SiteFiles:
    """The files of one build, written into the staging folder as they are made (memory stays flat
    however many documents there are); two writers of one path are an error."""

    def __init__(self, folder: Path, kill_after: int | None = None, recycled: bool = False) -> None:
        self.folder = folder
        self.paths: set[str] = set()
        self.kill_after = kill_after  # test-only fault injection (FAULT_VARIABLE)
        self.warnings: set[Diagnostic] = set()  # located warnings of the build (reported once each)
        self.summaries: dict[str, Any] = {}  # document id -> what the checks need of it
        # views.Published: each anchor and the pages that carry it, kept for the ledger's comparison
        # when `keep_published` (else each is checked on its pages as it comes: `publish`).
        self.published: list[Any] = []
        self.keep_published = True
        self.anchor_problems: list[str] = []  # an anchor not on a page its view says carries it
        self.retired: Any = None  # retirement.Retired: the retired ids and pages the checks compare
        self.differences: dict[str, Any] = {}  # document id -> its print lines' differences from the source
        self.links = SiteLinks(self.paths)  # the links of every file, checked as the files arrive
        self._writer = _Writer(folder, recycled)
        self.characters: Any = None  # fonts.SiteCharacters: what each page shows, for the fonts

    def add(self, path: str, content: bytes, facts: PageFacts | None = None) -> None:
        """Write one file; `facts` of an HTML page (else it is parsed here) feed the link check."""
        if path in self.paths:
            raise EditionError.at(path, None, "two pages would be written to this path")
        self.paths.add(path)
        self._writer.write(self.folder / path, content)
        if path.endswith(".html"):
            if facts is None:
                facts = page_facts(parse_page(content))
            self.links.add_page(path, facts)
            if self.characters is not None:
                self.characters.add_page(content)
        elif path.endswith(".css"):
            self.links.add_css(path, content.decode("utf-8", errors="replace"))
        else:
            self.links.add_file(path)
        if len(self.paths) == self.kill_after:
            self._writer.close()  # the files so far on disk, as a build killed at this moment leaves them
            os.kill(os.getpid(), signal.SIGKILL)

    def close(self) -> None:
        """Wait until every file is on disk; a failed write is raised here."""
        self._writer.close()

    def ids(self, path: str) -> Container[str]:
        """The ids on one page of the site."""
        return self.links.ids.get(path, frozenset())

    def publish(self, published: list[Any]) -> None:
        """The anchors of pages already added (views.Published), each checked on its pages now."""
        for item in published:
            for path in item.paths:
                if item.anchor.id not in self.ids(path):
                    self.anchor_problems.append(f"{path}: anchor #{item.anchor.id} ({item.anchor.meaning}) is not "
                                                "on the page")
        if self.keep_published:
            self.published.extend(published)

    @property
    def pages(self) -> int:
        return sum(1 for path in self.paths if path.endswith(".html"))


class _Writer:
    """Writes files on a thread of its own: opening and writing a file is mostly the kernel's time
    (a build writes a thousand files and more), which the interpreter lock lets the build's
    rendering overlap. Files are written in the order given, over any file of the same name in the
    folder; the first failure stops the writing and is raised by the next `write` or by `close`."""

    def __init__(self, folder: Path, recycled: bool) -> None:
        self._folder = folder
        self._recycled = recycled  # a spare's files are there to write over (else the folder was empty)
        # Bounded: when the disk is slower than the rendering, the build waits instead of holding
        # every file not yet written in memory.
        self._queue: queue.Queue[tuple[Path, bytes] | None] = queue.Queue(maxsize=WRITES_AHEAD)
        self._failure: OSError | None = None
        self._thread: threading.Thread | None = None
        umask = os.umask(0o022)  # read here, before the thread starts: setting it is process-wide
        os.umask(umask)
        self._mode = 0o666 & ~umask  # a new file's permissions, given to a file written over too

    def write(self, target: Path, content: bytes) -> None:
        if self._failure is not None:
            raise self._failure
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="site-writer", daemon=True)
            self._thread.start()
        self._queue.put((target, content))

    def _run(self) -> None:
        folders = {self._folder}
        # A file of this build is never removed to make way for a folder (paths as strings: a large
        # edition writes a million files, and a Path takes four times the memory of its string).
        written: set[str] = set()
        while (item := self._queue.get()) is not None:
            if self._failure is not None:
                continue  # drain: the build stops with the first failure
            target, content = item
            try:
                if target.parent not in folders:
                    _make_folders(self._folder, target.parent, folders, written)
                if self._recycled:
                    _write_over(target, content, self._mode)
                else:
                    _write_new(target, content)
                written.add(str(target))
            except OSError as exc:
                self._failure = exc

    def close(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None
        if self._failure is not None:
            raise self._failure


def _make_folders(root: Path, folder: Path, known: set[Path], written: set[str]) -> None:
    """`folder` and the folders between `root` and it, each a real folder: what a recycled staging
    folder has in the way (a file, a symbolic link, which writing through would follow) is removed;
    a file this build wrote there is an error (two pages would clash)."""
    for depth in range(len(root.parts), len(folder.parts)):
        path = Path(*folder.parts[:depth + 1])
        if path in known:
            continue
        try:
            if not stat.S_ISDIR(os.lstat(path).st_mode):
                if str(path) in written:
                    raise FileExistsError(errno.EEXIST, "a page of this build stands where a folder is needed",
                                          str(path))
                os.unlink(path)
                os.mkdir(path)
        except FileNotFoundError:
            os.mkdir(path)
        known.add(path)


def _write_over(target: Path, content: bytes, mode: int) -> None:
    """`content` as the file `target`: written over the file there if it is a regular file with
    no other name (its inode reused, the cheap case), else in a new file. A symbolic link is never
    followed, a hard link never written through, a pipe never waited on."""
    try:
        handle = os.open(target, os.O_WRONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        handle = -1
    except OSError:  # a symbolic link (ELOOP), a folder, a pipe without a reader (ENXIO)
        _remove(target)
        handle = -1
    longer = False  # an older file longer than `content`: cut after it
    if handle >= 0:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode) or status.st_nlink != 1:
            os.close(handle)
            _remove(target)
            handle = -1
        else:
            longer = status.st_size > len(content)
            if stat.S_IMODE(status.st_mode) != mode:
                os.fchmod(handle, mode)
    if handle < 0:
        _write_new(target, content)
        return
    # Written over from its start, never emptied first: a file of the same size keeps its blocks
    # (freeing blocks and taking them again is what costs a disk most, more with `discard`).
    with open(handle, "wb", closefd=True) as file:  # an open descriptor: nothing is truncated
        file.write(content)
        if longer:
            file.flush()
            os.ftruncate(handle, len(content))


def _write_new(target: Path, content: bytes) -> None:
    handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
    with open(handle, "wb", closefd=True) as file:
        file.write(content)


def _remove(path: Path) -> None:
    if stat.S_ISDIR(os.lstat(path).st_mode):
        shutil.rmtree(path)
    else:
        os.unlink(path)


def _remove_unmade(folder: Path, made: set[str]) -> None:
    """Remove from `folder` every file, link and folder that is not one of the `made` site paths
    (or a folder of one): what a recycled staging folder kept of an earlier site."""
    for parent, folders, names in os.walk(folder, topdown=False):
        prefix = os.path.relpath(parent, folder).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        for name in names:
            if prefix + name not in made:
                os.unlink(os.path.join(parent, name))
        for name in folders:
            path = os.path.join(parent, name)
            if os.path.islink(path):
                os.unlink(path)
            elif not os.listdir(path):
                os.rmdir(path)


def _is_within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_output_folder(out_dir: Path, sources: Iterable[Path], source_folders: Iterable[Path]) -> Path:
    """The resolved output folder, or a located error if writing there could destroy anything.

    `sources`: every input file and folder (the output may not be or contain one);
    `source_folders`: folders the output may not be inside either (edition/, templates/, the code).
    """
    out = out_dir.expanduser().resolve()
    home = Path.home().resolve()
    where = f"--out {out_dir}"
    forbidden = {Path("/"): "the root folder", home: "your home folder"}
    for source in [*sources, *source_folders]:
        forbidden.setdefault(source.resolve(), f"'{source.resolve()}'")
    for path, name in sorted(forbidden.items()):
        if _is_within(path, out):
            what = name if path == out else f"{name}, which it contains"
            raise EditionError.at(where, None, f"refused: the build replaces its output folder whole, and this "
                                               f"would destroy {what}; choose a new folder such as 'build'")
    for folder in source_folders:
        folder = folder.resolve()
        if _is_within(out, folder):
            raise EditionError.at(where, None, f"refused: the output folder may not be inside the source "
                                               f"folder '{folder}'; choose a folder outside it, such as 'build'")
    if out.exists() and not out.is_dir():
        raise EditionError.at(where, None, "refused: this is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise EditionError.at(where, None, f"refused: this folder is not empty and was not made by tei-edition "
                                           f"(it has no {MARKER} file); choose a new or empty folder")
    return out


def _renameat2(source: Path, target: Path, flags: int) -> bool:
    """One atomic rename with flags; False where the system has no renameat2 (not Linux, old libc)."""
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    if function(_AT_FDCWD, os.fsencode(source), _AT_FDCWD, os.fsencode(target), flags) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL):  # a file system without exchange support
        return False
    raise OSError(code, os.strerror(code), str(target))


def _swap_into_place(staging: Path, out: Path) -> None:
    """Make `staging` the output; afterwards `staging` holds the previous output, if any."""
    if out.exists():
        if not _renameat2(staging, out, _RENAME_EXCHANGE):
            # No exchange on this system: two renames, with a moment in between without `out`.
            previous = staging.with_name(staging.name.replace("-new-", "-old-"))
            out.rename(previous)
            staging.rename(out)
            previous.rename(staging)
    elif not _renameat2(staging, out, _RENAME_NOREPLACE):
        staging.rename(out)


class _Lock:
    """An exclusive lock on a file beside the output, held for the whole write phase.

    flock locks die with their process, so a killed build never leaves a stale lock."""

    def __init__(self, out: Path):
        self.out = out
        self.path = out.with_name(f".{out.name}.lock")
        self.handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)

    def __enter__(self) -> _Lock:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        told = False
        while True:
            try:
                fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return self
            except BlockingIOError:
                if not told:
                    print(f"waiting for another build into {self.out}/ to finish …",
                          file=sys.stderr)
                    told = True
                if time.monotonic() > deadline:
                    os.close(self.handle)
                    raise EditionError.at(self.path, None, f"another build has held this lock for "
                                                           f"{LOCK_WAIT_SECONDS} s; stop it, then build again"
                                                           ) from None
                time.sleep(0.1)

    def __exit__(self, *exc: object) -> None:
        os.close(self.handle)  # releases the flock


def _staging_folder(out: Path) -> tuple[Path, bool]:
    """A new build's staging folder, and whether it was there before (only ever called while holding
    the lock): the spare, else a killed build's staging folder, renamed as this build's (their files
    are written over); any other leftover is removed."""
    leftovers = sorted([*out.parent.glob(f".{out.name}-new-*"), *out.parent.glob(f".{out.name}-old-*")])
    spare = out.with_name(f".{out.name}{SPARE_SUFFIX}")
    # Only a spare with the marker every site has is the build's own: anything else of that name is
    # left alone (and the previous site then removed, not kept).
    spares = [spare] if (spare / MARKER).is_file() and not spare.is_symlink() else []
    staging = None
    for folder in [*spares, *leftovers]:
        if staging is None and folder.is_dir() and not folder.is_symlink():
            staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-", dir=out.parent))
            os.rename(folder, staging)  # over the empty folder just made: its name is this build's
        elif folder.is_symlink() or folder.exists():
            _remove(folder)
    if staging is not None:
        return staging, True
    return Path(tempfile.mkdtemp(prefix=f".{out.name}-new-", dir=out.parent)), False


def _keep_as_spare(staging: Path, out: Path) -> None:
    """The previous site as the next build's spare."""
    if staging.is_dir():
        try:
            os.rename(staging, out.with_name(f".{out.name}{SPARE_SUFFIX}"))
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)


def _fault_after() -> int | None:
    fault = os.environ.get(FAULT_VARIABLE, "")
    return int(fault.split(":", 1)[1]) if fault.startswith("kill-after-files:") else None


@contextmanager
def staged_site(out: Path, verify: Callable[[Path], None] | None = None) -> Iterator[SiteFiles]:
    """The files of a new site for `out` (already checked by `check_output_folder`): written into a
    staging folder beside it, under the output's lock; when the block ends without an error, `verify`
    is called on the complete staging folder and the staging folder is exchanged with `out`. Any
    error leaves `out` as it was."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with _Lock(out):
        staging, was_there = _staging_folder(out)
        built = False
        try:
            files = SiteFiles(staging, _fault_after(), recycled=was_there)
            try:
                yield files
            finally:
                files.close()
            if was_there:  # what the spare had that this build did not make
                _remove_unmade(staging, files.paths)
            (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
            os.chmod(staging, 0o755)
            if verify is not None:
                verify(staging)
            _swap_into_place(staging, out)
            files.folder = out
            built = True
        finally:
            # A failed build leaves beside the output only what was there before it.
            if built or was_there:
                _keep_as_spare(staging, out)
            else:
                shutil.rmtree(staging, ignore_errors=True)
