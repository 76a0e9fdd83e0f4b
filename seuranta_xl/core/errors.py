"""Typed errors for usage, configuration and I/O problems (exit code 2).

Data problems in a return or a strategy table are Findings, not exceptions. A UserError is for what
stops a command as a whole: a missing file, a bad config key, a locked project. Like a finding it
is a catalogue code with parameters (:mod:`seuranta_xl.core.error_catalogue`: a message and a hint
in Finnish, Swedish and English each), ``UserError("round-exists", round="2024-kevat")``; the shell
renders it in the project's language as one line and never a traceback. There is no inline-text
form: a new error is a new catalogue entry, complete in all three languages.
"""
from __future__ import annotations

from typing import Any

from seuranta_xl.core.error_catalogue import ERRORS, placeholders
from seuranta_xl.core.clock import show_date, show_time

LANGUAGES = ("fi", "sv", "en")


class UserError(Exception):
    def __init__(self, code: str, **params: Any):
        if code not in ERRORS:
            raise TypeError(f"unknown error code {code!r} (add it to core/error_catalogue.py)")
        entry = ERRORS[code]
        missing = sorted(placeholders(entry) - set(params))
        if missing:
            raise TypeError(f"UserError({code!r}) needs the parameters {', '.join(missing)}")
        self.code = code
        self.params = params
        shown = {lang: _shown(params, lang) for lang in LANGUAGES}
        self.texts = {lang: entry.message[lang].format(**shown[lang]) for lang in LANGUAGES}
        self.hints: dict[str, str | None] = {lang: entry.hint[lang].format(**shown[lang]) for lang in LANGUAGES}
        super().__init__(self.texts["en"])

    def message(self, lang: str = "fi") -> str:
        return self.texts.get(lang) or self.texts["fi"]

    def hint(self, lang: str = "fi") -> str | None:
        return self.hints.get(lang) or self.hints["fi"]

    def one_line(self, lang: str = "fi") -> str:
        hint = self.hint(lang)
        return f"{self.message(lang)} — {hint}" if hint else self.message(lang)


class FileInUseError(UserError):
    """A file the tool writes could not be written or replaced: it is open in another program (on
    Windows Excel locks the files it has open, and replacing one raises PermissionError, winerror 32
    or 5), or it or its folder is write-protected. Raised by store/atomic for every writer, as
    ``FileInUseError("file-in-use", path=...)``; ``path`` says which file."""

    @property
    def path(self) -> str:
        return str(self.params.get("path", ""))


class MasterLockedError(FileInUseError):
    """The master workbook (or its backup) could not be replaced; the ledger is already committed
    (``MasterLockedError("master-locked", path=...)``)."""


def _shown(params: dict[str, Any], lang: str) -> dict[str, Any]:
    """Params as a reader sees them: a moment (``*_at``, UTC ISO text) or its day (``*_on``) in Finnish
    local time and the language's format, as findings show them."""
    out = dict(params)
    for key, value in params.items():
        if key.endswith("_at") and isinstance(value, str):
            out[key] = show_time(value, lang)
        elif key.endswith("_on") and isinstance(value, str):
            out[key] = show_date(value, lang)
    return out
