"""Located errors: every user mistake is reported as `file:line: message`.

Input files are read only through `read_bytes`/`read_text`, so that a missing or unreadable
file, a folder where a file is expected, or text that is not UTF-8 is a located error and
never a traceback.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Diagnostic:
    path: Path | str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"


def said_together(diagnostics: list[Diagnostic]) -> list[str]:
    """Each problem once: one message met on several lines of a file (a pointer to a missing id on
    each of 80 elements) said at its first line, with how many more and on which lines; and so are
    more than `SAID_APART` messages of one kind, which differ only in the value they quote (DocSouth's
    200 links to ids its conversion lost, `target="n1"`, `"n2"`...: the first said whole)."""
    groups: dict[tuple[str, str], list[tuple[int | None, str]]] = {}
    for diagnostic in diagnostics:
        groups.setdefault((str(diagnostic.path), diagnostic.message), []).append((diagnostic.line, diagnostic.message))
    kinds: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for path, message in groups:
        kinds.setdefault((path, _QUOTED.sub('"\u2026"', message)), []).append((path, message))
    for kind in kinds.values():
        if len(kind) > SAID_APART:
            first = groups[kind[0]]
            for other in kind[1:]:
                first.extend(groups.pop(other))
    said = []
    for (path, message), found in groups.items():
        lines = [line for line, _ in found]
        more = [str(line) for line in lines[1:] if line]
        alike = "" if all(said_there == message for _, said_there in found) else " of this kind"
        also = f" (and {len(lines) - 1} more{alike}, on line{'s' if len(more) > 1 else ''} " \
               f"{', '.join(more[:8])}{', ...' if len(more) > 8 else ''})" if more else ""
        said.append(f"{Diagnostic(path, lines[0], message)}{also}")
    return said


# How many messages of one kind (the same but for the values they quote) are said each on its own.
SAID_APART = 3
_QUOTED = re.compile(r'"[^"]*"|#[\w.:-]+')


class EditionError(Exception):
    """One or more problems in the edition's input; the CLI prints them and exits 1."""

    def __init__(self, diagnostics: list[Diagnostic] | Diagnostic):
        self.diagnostics = [diagnostics] if isinstance(diagnostics, Diagnostic) else list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    @classmethod
    def at(cls, path: Path | str, line: int | None, message: str) -> EditionError:
        return cls(Diagnostic(path, line, message))

    def __reduce__(self) -> tuple:
        # A build's worker process sends its errors back pickled: rebuilt from the diagnostics.
        return type(self), (self.diagnostics,)


@dataclass
class Collector:
    """Gathers diagnostics so that a user sees every problem at once, not one per run."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(self, path: Path | str, line: int | None, message: str) -> None:
        self.diagnostics.append(Diagnostic(path, line, message))

    def extend(self, error: EditionError) -> None:
        self.diagnostics.extend(error.diagnostics)

    def raise_if_any(self) -> None:
        if self.diagnostics:
            raise EditionError(self.diagnostics)


def read_bytes(path: Path) -> bytes:
    """The bytes of an input file, or a located error that says what is wrong with it."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise EditionError.at(path, None, "file not found") from None
    except IsADirectoryError:
        raise EditionError.at(path, None, "is a folder, but a file is expected here") from None
    except PermissionError:
        raise EditionError.at(path, None, "cannot be read (permission denied): make it readable") from None
    except OSError as exc:
        raise EditionError.at(path, None, f"cannot be read: {exc.strerror or exc}") from None


def decode_utf8(data: bytes, path: Path) -> str:
    """UTF-8 text (a leading byte-order mark is dropped); other bytes are a located error."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise EditionError.at(path, line, f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}): "
                                          f"save the file as UTF-8") from None


def read_text(path: Path) -> str:
    return decode_utf8(read_bytes(path), path)
