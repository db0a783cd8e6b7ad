"""The search index: the records of the reading pages (`search.py`) handed to Pagefind's program
running as a service beside the build (`pagefind --service`), in the build's order, and the index's
files taken from its answer; a large edition's index made in parts, each by a service of its own."""
from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import threading
from collections.abc import Iterable
from typing import Any

from tei_edition.errors import EditionError
from tei_edition.search import Record
from tei_edition.urls import search_part_path

_BUNDLE_SKIPPED = ("pagefind-ui", "pagefind-component-ui", "pagefind-modular-ui", "pagefind-highlight")
# What a part of the index after the first takes from the first (the search page's bundle): the script
# and its WebAssembly.
_SHARED = ("pagefind.js", "pagefind-worker.js", "wasm.")
# The most passages one Pagefind service holds (about 200 MB at its peak): a larger edition's index is
# made in parts (`SearchIndex`).
SHARD_RECORDS = 4000


# Scripts written without spaces between words (Chinese, Japanese kana and kanji): Pagefind splits a
# record's words at spaces only, so a sentence of them would be one "word", found by its first
# characters alone. Each character is made a word of its own (as n-gram indexes of CJK text do; the
# search page splits a query so, and joins the characters of an excerpt again).
_UNSPACED = ("\u3005-\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
             "\U00020000-\U0003134f")
_BETWEEN_UNSPACED = re.compile(f"(?<=[{_UNSPACED}])(?=[{_UNSPACED}])")


def words_apart(content: str) -> str:
    """The text as Pagefind is to index it: a space between two characters of an unspaced script."""
    return _BETWEEN_UNSPACED.sub(" ", content)


class _Service:
    """One `pagefind --service` process and the one index it makes (the protocol of Pagefind's own
    Python and Node wrappers: base64 JSON messages each ended by a comma, spoken here without their
    tenth-of-a-second polling). It answers one request at a time, in order."""

    def __init__(self) -> None:
        self._arrived = threading.Condition()
        self._answers: dict[int, dict[str, Any]] = {}
        self._awaited: set[int] = set()
        self._messages = 0
        self._reader: threading.Thread | None = None
        self._requested: int | None = None  # the id of the request for the index's files
        self.failure: str | None = None
        self.files: dict[str, bytes] = {}  # the index's files, once they have come: path -> bytes
        self.count = 0
        self._index_id: int | None = None
        self._process: subprocess.Popen[bytes] | None = None
        try:
            from pagefind_bin import get_executable  # type: ignore[import-untyped]  # the binary itself: no interpreter started to find it
            self._process = subprocess.Popen(
                [str(get_executable()), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL)
        except (OSError, ImportError) as exc:
            self.failure = str(exc)
            return
        self._reader = threading.Thread(target=self._read, name="pagefind-answers", daemon=True)
        self._reader.start()
        answer = self._answer(self._send({"type": "NewIndex", "config": None}, answer=True))
        self._index_id = answer.get("index_id") if answer else None

    def add(self, record: Record) -> None:
        self.count += 1
        if self.failure is not None:
            return  # counted: the index's files say why there is none
        meta = {**dict(record.meta), "target": record.url, "filters": " ".join(record.filters)}
        self._send({"type": "AddRecord", "index_id": self._index_id, "url": record.url,
                    "content": words_apart(record.content),
                    "language": record.language, "meta": meta, "filters": None, "sort": None})

    def request_files(self) -> None:
        """Ask for the index of the records sent so far (not waited for): its files come in the
        answer, never through a folder (Pagefind answers a request to write them into one before
        it has always finished writing them)."""
        if self._process is not None and self._requested is None and self.failure is None:
            self._requested = self._send({"type": "GetFiles", "index_id": self._index_id}, answer=True)

    def arrived(self, wait: bool) -> bool:
        """Whether the index asked for has come (or has failed: `failure` says why); with `wait`,
        once it has."""
        if self._requested is None or self.failure is not None:
            return True
        with self._arrived:
            if not wait and self._requested not in self._answers and self._reader is not None \
                    and self._reader.is_alive():
                return False
        answer = self._answer(self._requested)
        self._requested = -1  # answered
        self.files = {item["path"]: base64.b64decode(item["content"]) for item in (answer or {}).get("files", [])}
        return True

    def close(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            if process.poll() is None:  # a service waits for more: its index, if asked for, has come
                process.kill()
            process.wait()
            try:
                if process.stdin is not None:
                    process.stdin.close()
            except OSError:  # records not sent yet (a build that stopped early): they are not wanted
                pass
        if self._reader is not None:
            self._reader.join(timeout=10)
            self._reader = None

    def _send(self, payload: dict[str, Any], answer: bool = False) -> int:
        """Send one request (its answer kept for `_answer` if asked for); its message id."""
        self._messages += 1
        if answer:
            with self._arrived:
                self._awaited.add(self._messages)
        message = {"message_id": self._messages, "payload": payload}
        process = self._process
        assert process is not None and process.stdin is not None
        try:
            process.stdin.write(base64.b64encode(json.dumps(message, ensure_ascii=False).encode("utf-8")) + b",")
            if answer:
                process.stdin.flush()
        except OSError as exc:  # Pagefind has ended
            self.failure = self.failure or f"Pagefind stopped ({exc})"
        return self._messages

    def _answer(self, message_id: int) -> dict[str, Any] | None:
        """The answer to one request, waited for (None, with `failure` said, if none comes)."""
        with self._arrived:
            self._arrived.wait_for(lambda: message_id in self._answers or self.failure is not None
                                   or self._reader is None or not self._reader.is_alive(), timeout=1800)
            answer = self._answers.pop(message_id, None)
        if answer is None and self.failure is None:
            self.failure = "Pagefind gave no answer"
        return answer

    def _read(self) -> None:
        """Pagefind's answers, as they come (the pipe is always read: a full pipe would stop it)."""
        process = self._process
        assert process is not None and process.stdout is not None
        pending: list[bytes] = []  # the chunks of a message not yet ended (the index's files: megabytes)
        while chunk := os.read(process.stdout.fileno(), 1 << 16):
            if b"," not in chunk:
                pending.append(chunk)
                continue
            first, *messages, rest = chunk.split(b",")
            for message in (b"".join([*pending, first]), *messages):
                answer = json.loads(base64.b64decode(message)) if message else None
                if not isinstance(answer, dict):
                    continue
                payload = answer.get("payload") or {}
                with self._arrived:
                    if payload.get("type") == "Error":
                        self.failure = self.failure or str(payload.get("message"))
                    elif answer.get("message_id") in self._awaited:
                        self._answers[answer["message_id"]] = payload
                    self._arrived.notify_all()
            pending = [rest] if rest else []
        with self._arrived:
            self._arrived.notify_all()


class SearchIndex:
    """The Pagefind index of a build's passages, made by Pagefind's binary as a service beside the
    build. Each record is sent as its document is made, in the build's order: Pagefind indexing a
    folder of pages would read them in the folder's order, which differs from one file system to
    another, and so would the index.

    Pagefind holds about 50 KB per passage until its index is made (8 MB for an article of 150
    passages in two languages), so a large edition's index comes in parts (shards) of whole documents,
    at most `SHARD_RECORDS` passages each (a document is never split: a larger one is a part of its own), each
    made by its own service, which ends, its memory freed, once its part has come: memory stays
    flat however many documents there are. The first part is the search page's bundle
    (`pagefind/`); the search page's script merges the others into it (Pagefind's `mergeIndex`),
    which share its script and WebAssembly. `finished()` gives the files of the parts made so far,
    `start()` asks for the last, `files()` waits for the rest (each part's files come in Pagefind's
    answer, in memory)."""

    def __init__(self) -> None:
        self._current: _Service | None = None
        self._waiting: list[tuple[int, _Service]] = []  # (part number, its service), oldest first
        self._parts = 0

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        for service in [*(service for _, service in self._waiting), *([self._current] if self._current else [])]:
            service.close()
        self._waiting, self._current = [], None

    @property
    def parts(self) -> tuple[str, ...]:
        """Each part of the index, as the site path of its entry file (Pagefind's pagefind-entry.json),
        the search page's bundle first (after `start()`)."""
        return tuple(search_part_path(number, "pagefind-entry.json") for number in range(1, self._parts + 1))

    def add(self, records: Iterable[Record]) -> None:
        """One document's passages (never split between two parts)."""
        records = list(records)
        if not records:
            return
        current = self._current
        if current is not None and current.count and current.count + len(records) > SHARD_RECORDS:
            self._seal()
        if self._current is None:
            self._current = _Service()
        for record in records:
            self._current.add(record)

    def start(self) -> None:
        """Ask for the last part of the index: Pagefind makes it on the other core while the build
        makes its last pages; `files()` collects it."""
        if self._current is not None:
            self._seal()

    def finished(self) -> dict[str, bytes]:
        """The files of the parts made since last asked, as site path -> bytes (not waited for)."""
        return self._collect(wait=False)

    def files(self) -> dict[str, bytes]:
        """The rest of the index, as site path -> bytes, once made ({} without records)."""
        self.start()
        return self._collect(wait=True)

    def _seal(self) -> None:
        service, self._current = self._current, None
        assert service is not None
        self._parts += 1
        service.request_files()
        self._waiting.append((self._parts, service))

    def _collect(self, wait: bool) -> dict[str, bytes]:
        made: dict[str, bytes] = {}
        while self._waiting and self._waiting[0][1].arrived(wait):
            number, service = self._waiting.pop(0)
            service.close()
            made.update(self._part_files(number, service.files, service.failure))
        return made

    @staticmethod
    def _part_files(number: int, files: dict[str, bytes], failure: str | None) -> dict[str, bytes]:
        if failure is not None or "pagefind.js" not in files:
            raise EditionError.at("pagefind", None, "the search index could not be made: "
                                  f"{(failure or 'no pagefind.js').strip()[:300]}; install the project "
                                  "again (it needs pagefind[bin])")
        skipped = _BUNDLE_SKIPPED if number == 1 else _BUNDLE_SKIPPED + _SHARED
        made = {}
        for name in sorted(files):
            if name.startswith(skipped):
                continue  # Pagefind's own interfaces (the edition has its own search page), or the bundle's
            content = files[name]
            if name == "pagefind-entry.json":  # its languages come in a different order from run to run
                content = json.dumps(json.loads(content), ensure_ascii=False, sort_keys=True,
                                     separators=(",", ":")).encode("utf-8")
            made[search_part_path(number, name)] = content
        return made
