"""A helper process beside the build: it compiles the templates and the project schema,
validates every TEI file and checks each document's register names (pymorphy3's dictionary and
every form of every name: the build's costliest check) while the build imports, reads and renders;
then it subsets the site's fonts to the characters the pages can show (`fonts`), which it has read
from the inputs first.

Both compilations are pure CPU and hold the interpreter lock (about a quarter of a second for
the templates, a twentieth for the schema), so a forked process does them on the other core.
The templates' compiled code reaches the build through Jinja's bytecode-cache interface, made in
this run, never stored.
Nothing is published before the schema's verdict: `errors_for` waits for the files of one
document (a document that fails anywhere is reported by the schema's messages first, as if it
had been validated before anything else looked at it).

Where `fork` is not available, or in a process that has compiled the schema already, the build
compiles its templates itself and validates each file as it reads it.
"""
from __future__ import annotations

import marshal
import os
import pickle
import signal
import sys
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from tei_edition.errors import Diagnostic, EditionError

if TYPE_CHECKING:
    from tei_edition.fonts import FontsJob, Subsets

TEMPLATES_DONE = "templates done"
CHECKS_DONE = "checks done"
CHARACTERS = "characters"
FONTS = "fonts"
# Templates compiled in this process (cache key, source checksum) -> marshalled code. A command-line
# build starts empty; a long-lived process (the tests) compiles each template source once.
_COMPILED: dict[tuple[str, str], bytes] = {}


def _warm() -> bool:
    """Whether this process has compiled the schema already (a long-lived one, such as the tests'):
    then the build validates and compiles its templates itself, without the cost of a fork."""
    tei = sys.modules.get("tei_edition.tei")
    return tei is not None and tei.schema_compiled()


def _validate(path: Path, trees: dict[Path, Any] | None = None) -> list[Diagnostic]:
    """The schema's complaints about one file ([] when it does not parse: the build reports that);
    the parsed file is kept in `trees`, for the names check."""
    from tei_edition import tei  # imported here: the build forks this process before its own imports
    try:
        tree = tei.parse(path)
    except EditionError:
        return []
    try:
        tei.validate_schema(tree, path)
    except EditionError as exc:
        return exc.diagnostics
    if trees is not None:
        trees[path] = tree
    return []


def _check_names(job: NamesJob, trees: dict[Path, Any], send: Any) -> None:
    """Each document's names check: ("names", document id, errors, warnings). A document whose
    files are not all valid is left out (the build reports the schema's messages for it)."""
    from tei_edition.names import load_registers
    from tei_edition.untagged import check_names, load_exclusions
    try:
        registers = load_registers(job.registers, job.languages) if job.registers else None
        exclusions = load_exclusions(job.untagged)
    except EditionError:  # the build reads them too, and reports it
        return
    for doc_id, paths in job.documents:
        if not all(path in trees for path in paths):
            continue
        try:
            send(("names", doc_id, [], check_names(registers, exclusions, [(trees[p], p) for p in paths])))
        except EditionError as exc:
            send(("names", doc_id, exc.diagnostics, []))


@dataclass(frozen=True)
class NamesJob:
    """What the names check needs: the registers, the exclusions, each document's files."""

    registers: Path | None
    languages: tuple[str, ...]
    untagged: Path | None
    documents: tuple[tuple[str, tuple[Path, ...]], ...]


def _compile_templates(folder: Path, send: Any) -> None:
    """Each template's code, as the build's Jinja environment would compile it; a template that does
    not compile is left to the build, which reports it at its line."""
    import jinja2

    from tei_edition.render import environment
    env = environment(folder, rendering=False)
    cache = jinja2.BytecodeCache()
    for path in sorted(folder.glob("*.html")):
        filename = os.path.join(str(folder), path.name)  # as the build's loader names it (the code keeps it)
        try:
            source = path.read_text(encoding="utf-8")
            code = env.compile(source, path.name, filename)
        except Exception:  # noqa: BLE001 - the build compiles it again and reports the error
            continue
        send(("template", cache.get_cache_key(path.name, filename), cache.get_source_checksum(source),
              marshal.dumps(code)))
    send((TEMPLATES_DONE,))


def _help(templates: Path | None, results: IO[bytes], orders: IO[bytes]) -> None:
    def send(message: tuple) -> None:
        pickle.dump(message, results)
        results.flush()

    if templates is not None:
        try:
            _compile_templates(templates, send)
        except Exception:  # noqa: BLE001 - the build compiles them itself
            send((TEMPLATES_DONE,))
    from tei_edition import tei
    try:
        tei._schema()  # compiled while the build still reads its configuration and renders
    except Exception:  # noqa: BLE001 - validating the first file reports it
        pass
    try:
        paths: list[Path]
        names: NamesJob | None
        fonts: FontsJob | None
        paths, names, fonts = pickle.load(orders)
    except EOFError:  # the build stopped before it knew its files
        return
    characters = _predict(fonts, send)
    subsetting = _start_subsetting(fonts, characters)
    trees: dict[Path, Any] = {}
    for path in paths:
        try:
            send(("tei", path, _validate(path, trees)))
        except Exception as exc:  # noqa: BLE001 - reported to the build, which locates it at the file
            send(("tei", path, [Diagnostic(path, None, f"schema validation failed: {type(exc).__name__}: {exc}")]))
    if names is not None:
        try:
            _check_names(names, trees, send)
        except Exception:  # noqa: BLE001 - the build checks what has no answer itself
            pass
    send((CHECKS_DONE,))
    if subsetting is not None:
        _subset(send, subsetting)


def _predict(fonts: FontsJob | None, send: Any) -> frozenset[str] | None:
    """The characters the pages can show, read from their inputs (first: each page the build
    writes is checked against them)."""
    if fonts is None:
        return None
    from tei_edition.fonts import input_characters
    try:
        characters = input_characters(fonts)
    except Exception:  # noqa: BLE001 - the build reads them itself
        return None
    send((CHARACTERS, characters))
    return characters


def _start_subsetting(fonts: FontsJob | None, characters: frozenset[str] | None) -> tuple[int, int] | None:
    """The fonts subset in a process of their own, forked from this one (which has no threads),
    while this one validates and checks the names: (its pid, the pipe its subsets come through)."""
    if fonts is None or characters is None:
        return None
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            os.close(read)
            from tei_edition.fonts import make_subsets
            with os.fdopen(write, "wb") as out:
                pickle.dump(make_subsets(fonts, characters), out)
        except BaseException:  # noqa: BLE001 - no subsets come: the build makes them, and reports what fails
            code = 1
        finally:
            os._exit(code)
    os.close(write)
    return pid, read


def _subset(send: Any, subsetting: tuple[int, int]) -> None:
    """The forked process's subsets to the build (None if it made none: the build subsets them itself)."""
    pid, read = subsetting
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    try:
        send((FONTS, pickle.loads(data) if data else None))
    except Exception:  # noqa: BLE001 - a process that died half-way
        send((FONTS, None))


class Helper:
    """The helper process for one build: (given their folder) the compiled templates, and the
    schema's verdict on the files given to `validate`. It starts before the build has read its
    configuration (the compilations need none of it), with a plain fork: importing
    multiprocessing would cost the build more than the helper saves it."""

    def __init__(self, templates: Path | None = None):
        self.paths: list[Path] = []
        self.results: dict[Path, list[Diagnostic]] = {}
        self.names: dict[str, tuple[list[Diagnostic], list[Diagnostic]]] = {}  # doc id -> (errors, warnings)
        self.checks_done = False
        self.templates: dict[str, tuple[str, bytes]] | None = None  # cache key -> (checksum, code)
        self.fonts: dict[str, Any] = {}  # CHARACTERS: the predicted characters; FONTS: fonts.Subsets or None
        self.fonts_ordered = False
        self.pid = 0
        self.validating = False  # the helper validates (else this process does, when asked)
        self.orders: IO[bytes] | None = None
        if not hasattr(os, "fork") or _warm():
            return
        results_read, results_write = os.pipe()
        orders_read, orders_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the helper
            code = 0
            try:
                os.close(results_read)
                os.close(orders_write)
                with os.fdopen(results_write, "wb") as results, os.fdopen(orders_read, "rb") as orders:
                    _help(templates, results, orders)
            except BaseException:  # noqa: BLE001 - the build notices the missing answers and says so
                code = 1
            finally:
                os._exit(code)
        os.close(results_write)
        os.close(orders_read)
        self.pid = pid
        self.receiver = os.fdopen(results_read, "rb")
        self.orders = os.fdopen(orders_write, "wb")
        self.templates = {} if templates is not None else None
        # The helper's answers are read as they come (a pipe holds 64 KiB: a helper that had to wait
        # for the build to read its templates could not go on to the schema meanwhile).
        self.arrived = threading.Condition()
        self.ended = False
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        while True:
            try:
                message = pickle.load(self.receiver)
            except Exception:  # noqa: BLE001 - the end of the pipe, or a helper that died: both end it
                message = None
            with self.arrived:
                if message is None:
                    self.ended = True
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
            if message is None:
                return

    def validate(self, paths: Iterable[Path], names: NamesJob | None = None, fonts: FontsJob | None = None
                 ) -> Helper:
        """The TEI files to validate, the documents whose names to check and the fonts to subset
        (once; later requests are validated here, when asked)."""
        if not self.paths:
            self.paths = list(dict.fromkeys(paths))
            from tei_edition import tei
            if self.orders is not None and not tei.schema_compiled():
                try:
                    pickle.dump((self.paths, names, fonts), self.orders)
                    self.validating = True
                    self.fonts_ordered = fonts is not None
                except OSError:  # the helper has gone: the files are validated here
                    pass
            if self.orders is not None:
                self.orders.close()
                self.orders = None
        return self

    def _wait_for(self, path: Path) -> None:
        if not self.pid or path not in self.paths or not self.validating:
            if path not in self.results:
                self.results[path] = _validate(path)
            return
        with self.arrived:
            self.arrived.wait_for(lambda: path in self.results or self.ended)
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
            self.arrived.wait_for(lambda: doc_id in self.names or self.checks_done or self.ended)
        return self.names.get(doc_id)

    def _font_answer(self, kind: str) -> Any:
        if not self.pid or not self.fonts_ordered:
            return None
        with self.arrived:
            self.arrived.wait_for(lambda: kind in self.fonts or self.ended)
        return self.fonts.get(kind)

    def predicted_characters(self) -> frozenset[str] | None:
        """The characters the helper read from the pages' inputs (None: the build reads them itself)."""
        return self._font_answer(CHARACTERS)

    def subsets(self) -> Subsets | None:
        """The fonts the helper subset to the predicted characters (None: the build subsets them)."""
        return self._font_answer(FONTS)

    def compiled_template(self, key: str, checksum: str) -> bytes | None:
        """The marshalled code the helper compiled for a template (None: the build compiles it itself)."""
        templates = self.templates
        if templates is None or not self.pid:
            return None
        with self.arrived:
            self.arrived.wait_for(lambda: key in templates or TEMPLATES_DONE in templates or self.ended)
        found = templates.get(key)
        return found[1] if found and found[0] == checksum else None

    def close(self) -> None:
        if self.pid:
            if self.orders is not None:
                self.orders.close()
                self.orders = None
            try:
                os.kill(self.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
            self.pid = 0

    def __enter__(self) -> Helper:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def template_cache(helper: Helper) -> Any:
    """A Jinja bytecode cache that hands over the helper's compiled templates (kept in this process's
    memory only, never stored: see _COMPILED)."""
    import jinja2

    class HelperCache(jinja2.BytecodeCache):
        def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            known = _COMPILED.get((bucket.key, bucket.checksum)) or helper.compiled_template(bucket.key,
                                                                                          bucket.checksum)
            if known:
                _COMPILED[(bucket.key, bucket.checksum)] = known
                bucket.code = marshal.loads(known)

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            _COMPILED[(bucket.key, bucket.checksum)] = marshal.dumps(bucket.code)

    return HelperCache()
