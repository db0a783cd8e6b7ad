"""Located errors: every user mistake is reported as `file:line: message`."""
from __future__ import annotations

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


class EditionError(Exception):
    """One or more problems in the edition's input; the CLI prints them and exits 1."""

    def __init__(self, diagnostics: list[Diagnostic] | Diagnostic):
        self.diagnostics = [diagnostics] if isinstance(diagnostics, Diagnostic) else list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    @classmethod
    def at(cls, path: Path | str, line: int | None, message: str) -> "EditionError":
        return cls(Diagnostic(path, line, message))


@dataclass
class Collector:
    """Gathers diagnostics so that a user sees every problem at once, not one per run."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(self, path: Path | str, line: int | None, message: str) -> None:
        self.diagnostics.append(Diagnostic(path, line, message))

    def raise_if_any(self) -> None:
        if self.diagnostics:
            raise EditionError(self.diagnostics)
