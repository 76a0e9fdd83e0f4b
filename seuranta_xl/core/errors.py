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


class FileInUseError(UserError):
    """A file the tool writes could not be written or replaced: it is open in another program (on
    Windows Excel locks the files it has open, and replacing one raises PermissionError, winerror 32
    or 5), or it or its folder is write-protected. Raised by store/atomic for every writer."""

    def __init__(self, path: object, more_fi: str = "", more_en: str = "", more_sv: str = "", *,
                 command_fi: str = "komento", command_en: str = "the command", command_sv: str = "kommandot"):
        self.path = str(path)
        super().__init__(
            f"Tiedostoa {self.path} ei voitu korvata: se on auki toisessa ohjelmassa (esim. Excelissä) "
            f"tai kirjoitussuojattu{more_fi}",
            f"Could not replace {self.path}: it is open in another program (such as Excel) or "
            f"write-protected{more_en}",
            f"Filen {self.path} kunde inte ersättas: den är öppen i ett annat program (t.ex. Excel) "
            f"eller skrivskyddad{more_sv}",
            hint_fi=f"Sulje tiedosto Excelissä ja aja {command_fi} uudelleen.",
            hint_en=f"Close the file in Excel and run {command_en} again.",
            hint_sv=f"Stäng filen i Excel och kör {command_sv} igen.")


class MasterLockedError(FileInUseError):
    """The master workbook (or its backup) could not be replaced; the ledger is already committed."""

    def __init__(self, path: object):
        super().__init__(path, "; palautukset on kuitenkin kirjattu", "; the returns were recorded",
                         "; returerna har ändå bokförts", command_fi="seuranta sync", command_en="seuranta sync",
                         command_sv="seuranta sync")
