"""Interface strings: the generator's own, for the languages it ships (`i18n/<lang>.yaml` in this
package: every string a page may show), and an edition's (`edition/i18n/<lang>.yaml`), which
replace any of them and add the strings of a language the generator does not ship.

An edition needs no strings of its own in a language the generator ships; in any other language,
its file gives every string. Every interface language ends with the same strings (the generator's
English ones, and any an edition adds for its own templates), so that no page falls back silently
to another language: what is missing is reported at once, by file, before anything is rendered.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from tei_edition.errors import Collector, EditionError
from tei_edition.yamlfiles import _kind, line_of, load_yaml

GENERATOR_STRINGS = Path(__file__).resolve().parent / "i18n"
REFERENCE_LANGUAGE = "en"  # the generator's language that has every string


class MissingString(EditionError, KeyError):
    """An interface string that the code asks for and no language defines.

    A KeyError as well, so that inside a template Jinja treats it as an undefined name and
    reports the template's line."""


class Strings(dict):
    """A language's interface strings (`UiString`s by name); `path`: the file an author edits for them."""

    def __init__(self, data: dict, path: Path):
        super().__init__(data)
        self.path = path

    @property
    def lang(self) -> str:
        """The language they are in: their file's name (`i18n/<lang>.yaml`)."""
        return self.path.stem

    def __missing__(self, key: str) -> str:
        raise MissingString.at(self.path, None, f"interface string '{key}' is missing: add it to every i18n file")


class UiString(str):
    """An interface string that knows where it is defined, so that a wrong `{placeholder}` in
    it is reported at its line in the YAML file rather than as a crash of the page it is on."""

    path: Path
    line: int | None
    key: str

    def __new__(cls, value: str, path: Path, line: int | None, key: str) -> UiString:
        instance = super().__new__(cls, value)
        instance.path, instance.line, instance.key = path, line, key
        return instance

    def format(self, *args: Any, **values: Any) -> str:
        try:
            return str.format(self, *args, **values)
        except (KeyError, IndexError, ValueError, AttributeError) as exc:
            given = ", ".join("{" + name + "}" for name in values) or "none"
            raise EditionError.at(self.path, self.line, f"interface string '{self.key}' cannot be filled in "
                                                        f"({type(exc).__name__}: {exc}); the placeholders it may "
                                                        f"use here: {given}") from None


def _load_strings(path: Path, errors: Collector) -> Strings:
    try:
        data = load_yaml(path)
    except EditionError as exc:
        errors.extend(exc)
        return Strings({}, path)
    if not isinstance(data, dict):
        errors.add(path, line_of(data) or 1,
                   f"interface strings must be a mapping of names to text, found {_kind(data)}")
        return Strings({}, path)
    strings = {}
    for key, value in data.items():
        if not isinstance(key, str) or not isinstance(value, str):
            errors.add(path, line_of(data, key), f"interface string '{key}' must be text, found {_kind(value)}")
            continue
        strings[key] = UiString(value, path, line_of(data, key), key)
    return Strings(strings, path)


def shipped_languages() -> list[str]:
    return sorted(path.stem for path in GENERATOR_STRINGS.glob("*.yaml"))


def interface_strings(folder: Path, languages: tuple[str, ...], errors: Collector) -> dict[str, Strings]:
    """Each interface language's strings: the generator's, replaced and added to by the edition's
    file in `folder` (the edition's i18n/); every language checked for every string."""
    reference = _load_strings(GENERATOR_STRINGS / f"{REFERENCE_LANGUAGE}.yaml", errors)
    ui: dict[str, Strings] = {}
    own: dict[str, Strings] = {}  # each language's file in the edition, where it has one
    for lang in languages:
        own_path, generator_path = folder / f"{lang}.yaml", GENERATOR_STRINGS / f"{lang}.yaml"
        generator = reference if lang == REFERENCE_LANGUAGE else \
            _load_strings(generator_path, errors) if generator_path.is_file() else None
        if not own_path.exists():  # (a folder in its place is read, and refused, as a file)
            if generator is None:
                errors.add(own_path, None, f"file not found: the generator has interface strings in "
                                           f"{', '.join(shipped_languages())}; for '{lang}', write this file with "
                                           f"every string (copy {GENERATOR_STRINGS / 'en.yaml'} and translate "
                                           f"its values)")
            ui[lang] = generator or Strings({}, own_path)
            continue
        own[lang] = _load_strings(own_path, errors)
        ui[lang] = Strings({**(generator or {}), **own[lang]}, own_path)
    for lang, strings in ui.items():
        if not strings:  # a file that could not be read: reported already, not checked string by string
            continue
        missing = sorted(set(reference) - set(strings))
        if missing:
            shown = ", ".join(missing[:12]) + (f" and {len(missing) - 12} more" if len(missing) > 12 else "")
            errors.add(strings.path, None, f"{len(missing)} interface string(s) missing: {shown}. The generator has "
                                           f"no '{lang}' strings to fall back on: add them (every string is in "
                                           f"{GENERATOR_STRINGS / 'en.yaml'})")
        for key in sorted(set(own.get(lang, {})) - set(reference)):  # a string of the edition's own templates
            for other, other_strings in ui.items():
                if other_strings and key not in other_strings:
                    errors.add(strings.path, strings[key].line, f"interface string '{key}' is not one of the "
                                                                f"generator's, and not in {other}.yaml: add it "
                                                                f"there too, or correct its name here")
    return ui
