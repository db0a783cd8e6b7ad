"""Two processes beside the build. The helper compiles the templates and the project schema,
validates every TEI file and checks each document's register names (pymorphy3's dictionary and
every form of every name: the build's costliest check) while the build imports, reads and renders.
The fonts' process, given its job once the build has read its configuration, reads the characters
the pages can show from their inputs and subsets the site's fonts to them (`fonts`): it works
while the build waits for its templates, when a core would otherwise be idle.

Both compilations are pure CPU and hold the interpreter lock (about a quarter of a second for
the templates, a twentieth for the schema), so a forked process does them on the other core.
The templates' compiled code reaches the build through Jinja's bytecode-cache interface, made in
this run, never stored.
Nothing is published before the schema's verdict: `errors_for` waits for the files of one
document (a document that fails anywhere is reported by the schema's messages first, as if it
had been validated before anything else looked at it).

Where `fork` is not available, or in a process that has compiled the schema already, the build
compiles its templates itself and validates each file as it reads it. What the processes do is in
`helper_work.py`; here, how they are started, given their orders and heard.
"""
from __future__ import annotations

import marshal
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from types import CodeType
from typing import IO, TYPE_CHECKING, Any

from tei_edition.errors import Diagnostic, EditionError
from tei_edition.forked import die_with_parent
from tei_edition.helper_work import (
    CHARACTERS,
    CHECKS_DONE,
    FONTS,
    TEMPLATES_DONE,
    NamesJob,
    fonts_process,
    helper_process,
    validate_file,
)

if TYPE_CHECKING:
    from tei_edition.fonts import FontsJob, Subsets

# Templates compiled in this process (name, source checksum) -> (file, marshalled code). A command-line
# build starts empty; a long-lived process (the tests) compiles each template source once.
_COMPILED: dict[tuple[str, str], tuple[str | None, bytes]] = {}


def _warm() -> bool:
    """Whether this process has compiled the schema already (a long-lived one, such as the tests'):
    then the build validates and compiles its templates itself, without the cost of a fork."""
    schema = sys.modules.get("tei_edition.schema")
    return schema is not None and schema.schema_compiled()


class _Child:
    """A process forked for one kind of work (`work(results, orders)`): the pipe of its answers,
    read by a thread as they come, and the pipe of its one order."""

    def __init__(self, work: Callable[[IO[bytes], IO[bytes]], None], take: Callable[[tuple | None], None]):
        results_read, results_write = os.pipe()
        orders_read, orders_write = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                die_with_parent(parent)
                os.close(results_read)
                os.close(orders_write)
                with os.fdopen(results_write, "wb") as results, os.fdopen(orders_read, "rb") as orders:
                    work(results, orders)
            except BaseException:  # noqa: BLE001 - the build notices the missing answers and says so
                code = 1
            finally:
                os._exit(code)
        os.close(results_write)
        os.close(orders_read)
        self.pid = pid
        self.orders: IO[bytes] | None = os.fdopen(orders_write, "wb")
        self._receiver = os.fdopen(results_read, "rb")
        self._take = take

    def listen(self) -> None:
        """Its answers read as they come, by a thread (started once every child has been forked: a
        child forked later inherits no thread's half-held lock). A pipe holds 64 KiB: a helper that
        had to wait for the build to read its templates could not go on to the schema meanwhile."""
        threading.Thread(target=self._drain, args=(self._receiver, self._take), daemon=True).start()

    @staticmethod
    def _drain(receiver: IO[bytes], take: Callable[[tuple | None], None]) -> None:  # `take(None)`: it has ended
        with receiver:
            while True:
                try:
                    message = pickle.load(receiver)
                except Exception:  # noqa: BLE001 - the end of the pipe, or a child that died: both end it
                    take(None)
                    return
                take(message)

    def order(self, work: object) -> bool:
        """Send the child its work, once (False if it has gone)."""
        if self.orders is None:
            return False
        try:
            pickle.dump(work, self.orders)
            return True
        except OSError:
            return False
        finally:
            self.close_orders()

    def close_orders(self) -> None:
        if self.orders is not None:
            try:
                self.orders.close()
            except OSError:  # a child that has gone
                pass
            self.orders = None

    def end(self) -> None:
        self.close_orders()
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)


class Helper:
    """The processes beside one build: the helper, which hands over (given their folder) the compiled
    templates and the schema's verdict on the files given to `validate`, with their names checked;
    and the fonts' process, which subsets the faces. Both start before the build has read its
    configuration (the compilations need none of it; the fonts' process then waits for its job,
    and works while the build waits for its templates), with a plain fork: importing
    multiprocessing would cost the build more than they save it."""

    def __init__(self, templates: Path | None = None):
        self.paths: list[Path] = []
        self.results: dict[Path, list[Diagnostic]] = {}
        self.names: dict[str, tuple[list[Diagnostic], list[Diagnostic]]] = {}  # doc id -> (errors, warnings)
        self.checks_done = False
        self.templates: dict[str, tuple[str, bytes]] | None = None  # cache key -> (checksum, code)
        self.fonts: dict[str, Any] = {}  # CHARACTERS: the predicted characters; FONTS: fonts.Subsets or None
        self.fonts_ordered = False
        self.validating = False  # the helper validates (else this process does, when asked)
        self.ended: set[str] = set()  # the children that have ended ("helper", "fonts")
        self.arrived = threading.Condition()
        self.helper: _Child | None = None
        self.fonts_process: _Child | None = None
        if not hasattr(os, "fork") or _warm():
            return
        self.templates = {} if templates is not None else None
        self.helper = _Child(partial(helper_process, templates), partial(self._take, "helper"))
        if templates is not None:
            self.fonts_process = _Child(partial(fonts_process, templates), partial(self._take, "fonts"))
            self.fonts_process.listen()
        self.helper.listen()

    @property
    def pid(self) -> int:
        """The helper's process id (0: there is none, the build does its work itself)."""
        return self.helper.pid if self.helper is not None else 0

    def _take(self, child: str, message: tuple | None) -> None:
        with self.arrived:
            if message is None:
                self.ended.add(child)
            elif message[0] == "tei":
                self.results[message[1]] = message[2]
            elif message[0] == "names":
                self.names[message[1]] = (message[2], message[3])
            elif message[0] == CHECKS_DONE:
                self.checks_done = True
            elif message[0] == "template" and self.templates is not None:
                self.templates[message[1]] = (message[2], message[3])
            elif message[0] in (CHARACTERS, FONTS):
                self.fonts[message[0]] = message[1]
            elif message[0] == TEMPLATES_DONE and self.templates is not None:
                self.templates[TEMPLATES_DONE] = ("", b"")
            self.arrived.notify_all()

    def validate(self, paths: Iterable[Path], names: NamesJob | None = None, fonts: FontsJob | None = None
                 ) -> Helper:
        """The TEI files to validate, the documents whose names to check and the fonts to subset
        (once; later requests are validated here, when asked)."""
        if not self.paths:
            self.paths = list(dict.fromkeys(paths))
            from tei_edition import schema
            if self.helper is not None:
                if not schema.schema_compiled():
                    self.validating = self.helper.order((self.paths, names))
                self.helper.close_orders()
            if self.fonts_process is not None:
                self.fonts_ordered = fonts is not None and self.fonts_process.order(fonts)
                self.fonts_process.close_orders()
        return self

    def validates(self, path: Path) -> bool:
        """Whether the helper process validates `path` (else this process does, when asked)."""
        return bool(self.pid) and self.validating and path in self.paths

    def _wait_for(self, path: Path) -> None:
        if not self.pid or path not in self.paths or not self.validating:
            if path not in self.results:
                self.results[path] = validate_file(path)
            return
        with self.arrived:
            self.arrived.wait_for(lambda: path in self.results or "helper" in self.ended)
        if path not in self.results:
            raise EditionError.at(path, None, "the build's helper process stopped before this file "
                                              "(out of memory?): build again")

    def errors_for(self, paths: Iterable[Path]) -> list[Diagnostic]:
        found = []
        for path in paths:
            self._wait_for(path)
            found.extend(self.results[path])
        return found

    def names_of(self, doc_id: str) -> tuple[list[Diagnostic], list[Diagnostic]] | None:
        """The names check of one document: (errors, warnings); None if the helper did not check
        it (the build checks it itself)."""
        if not self.pid or not self.validating:
            return None
        with self.arrived:
            self.arrived.wait_for(lambda: doc_id in self.names or self.checks_done or "helper" in self.ended)
        return self.names.get(doc_id)

    def _font_answer(self, kind: str) -> Any:
        if not self.fonts_ordered:
            return None
        with self.arrived:
            self.arrived.wait_for(lambda: kind in self.fonts or "fonts" in self.ended)
        return self.fonts.get(kind)

    def predicted_characters(self) -> frozenset[str] | None:
        """The characters the fonts' process read from the pages' inputs (None: the build reads them itself)."""
        return self._font_answer(CHARACTERS)

    def subsets(self) -> Subsets | None:
        """The fonts the fonts' process subset to the predicted characters (None: the build subsets them)."""
        return self._font_answer(FONTS)

    def compiled_template(self, key: str, checksum: str) -> bytes | None:
        """The marshalled code the helper compiled for a template (None: the build compiles it itself)."""
        templates = self.templates
        if templates is None or not self.pid:
            return None
        with self.arrived:
            self.arrived.wait_for(lambda: key in templates or TEMPLATES_DONE in templates or "helper" in self.ended)
        found = templates.get(key)
        return found[1] if found and found[0] == checksum else None

    def close(self) -> None:
        for child in (self.helper, self.fonts_process):
            if child is not None:
                child.end()
        self.helper = self.fonts_process = None

    def __enter__(self) -> Helper:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _refiled(code: CodeType, filename: str) -> CodeType:
    """`code` (a template's module and the functions in it) as compiled from `filename`: a template's
    failures are located in the file of the build that ran it."""
    consts = tuple(_refiled(const, filename) if isinstance(const, CodeType) else const for const in code.co_consts)
    return code.replace(co_filename=filename, co_consts=consts)


def template_cache(helper: Helper) -> Any:
    """A Jinja bytecode cache that hands over the helper's compiled templates (kept in this process's
    memory only, never stored: see _COMPILED). A template is known by its name and source: the same
    source in another folder (a copy of the project, as in the tests) is not compiled again, only
    told its file."""
    import jinja2

    class HelperCache(jinja2.BytecodeCache):
        def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                       source: str) -> jinja2.bccache.Bucket:
            bucket = jinja2.bccache.Bucket(environment, self.get_cache_key(name, filename),
                                           self.get_source_checksum(source))
            memo = name, bucket.checksum
            bucket.memo = memo, filename  # type: ignore[attr-defined]
            if memo in _COMPILED:
                compiled_from, known = _COMPILED[memo]
                code = marshal.loads(known)
                bucket.code = code if compiled_from == filename else _refiled(code, filename or name)
            else:
                handed = helper.compiled_template(bucket.key, bucket.checksum)
                if handed:
                    bucket.code = marshal.loads(handed)
                    _COMPILED[memo] = filename, handed
            return bucket

        def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            raise AssertionError("get_bucket looks templates up")

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            memo, filename = bucket.memo  # type: ignore[attr-defined]
            if bucket.code is not None:
                _COMPILED[memo] = filename, marshal.dumps(bucket.code)

    return HelperCache()
