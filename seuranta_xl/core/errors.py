"""Typed errors for usage, configuration and I/O problems (exit code 2).

Data problems in a return or a strategy table are Findings, not exceptions. A UserError is for what
stops a command as a whole: a missing file, a bad config key, a locked project. It carries its
message in every user language and a hint; the CLI prints one line and never a traceback.
"""
from __future__ import annotations


class UserError(Exception):
    def __init__(self, fi: str, en: str, sv: str | None = None, *,
                 hint_fi: str | None = None, hint_en: str | None = None, hint_sv: str | None = None):
        super().__init__(en)
        self.texts = {"fi": fi, "en": en, "sv": sv or en}
        self.hints = {"fi": hint_fi, "en": hint_en or hint_fi, "sv": hint_sv or hint_en or hint_fi}

    def message(self, lang: str = "fi") -> str:
        return self.texts.get(lang) or self.texts["fi"]

    def hint(self, lang: str = "fi") -> str | None:
        return self.hints.get(lang) or self.hints["fi"]

    def one_line(self, lang: str = "fi") -> str:
        hint = self.hint(lang)
        return f"{self.message(lang)} — {hint}" if hint else self.message(lang)


class MasterLockedError(UserError):
    """The master workbook could not be replaced (open in Excel, or read-only)."""
