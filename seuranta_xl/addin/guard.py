"""The version guard: the add-in's VBA is xlwings' runtime of the xlwings it was built with (its
AppleScript and DLL names carry that version), and every button tells Python which one that was
(`built_with=`, macros/RibbonSeuranta.bas). After `pip install -U xlwings` the first call says, in
the user's language, to install the add-in again instead of failing somewhere inside xlwings."""
from __future__ import annotations

from seuranta_xl.core.errors import UserError


def installed_xlwings() -> str:
    import xlwings
    return xlwings.__version__


def check_built_with(built_with: str | None, installed: str | None = None) -> None:
    """UserError when the add-in was built with another xlwings than the one installed now
    (None: an add-in from before the guard, which says nothing; nothing to check)."""
    if built_with is None:
        return
    installed = installed or installed_xlwings()
    if built_with == installed:
        return
    raise UserError("addin-xlwings-changed", built=built_with, installed=installed)
