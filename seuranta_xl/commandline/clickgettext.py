"""Click's own messages in the user's language, through gettext.

Click marks every text it prints (``Usage:``, ``Options``, ``Error: No such option …``, ``Try … for
help.``, ``… does not match the format …``) with the standard library's ``gettext`` and ``ngettext``,
bound at import time in each of its modules. The translations are ordinary gettext catalogues,
``seuranta_xl/data/locale/<lang>/click.po`` (a translator edits them with any .po tool); Babel reads
them and compiles them in memory into a ``gettext.GNUTranslations``, whose ``gettext`` and ``ngettext``
are then put in place of the standard ones in Click's modules. English restores the originals.

Why this way: the language is the project's (seuranta.toml), known only per command, so the process-wide
gettext domain and locale environment variables (which Click would otherwise consult) are left alone.
"""
from __future__ import annotations

import functools
import gettext
import importlib
import io
from importlib import resources

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

# Click's modules that translate text (imported here so the lazily loaded ones are patched too).
CLICK_MODULES = ("click.core", "click.decorators", "click.exceptions", "click.formatting", "click.parser",
                 "click.termui", "click.types", "click.utils", "click._termui_impl", "click.shell_completion")
TRANSLATED = ("fi", "sv")
_ORIGINAL = {"_": gettext.gettext, "ngettext": gettext.ngettext}


def po_text(lang: str) -> str:
    return resources.files("seuranta_xl.data").joinpath("locale", lang, "click.po").read_text("utf-8")


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``lang`` (a NullTranslations, i.e. Click's English, for any other)."""
    if lang not in TRANSLATED:
        return gettext.NullTranslations()
    catalog = read_po(io.StringIO(po_text(lang)), locale=lang, domain="click")
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


def _modules():
    for name in CLICK_MODULES:
        try:
            yield importlib.import_module(name)
        except ImportError:        # pragma: no cover - a module of another Click version
            continue


def install(lang: str) -> None:
    """Make Click speak ``lang`` (fi, sv; anything else: Click's own English)."""
    tr = translations(lang)
    functions = {"_": tr.gettext, "ngettext": tr.ngettext} if lang in TRANSLATED else _ORIGINAL
    for module in _modules():
        for name, function in functions.items():
            if hasattr(module, name):
                setattr(module, name, function)
