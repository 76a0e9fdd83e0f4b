"""present.messages.plural_form is babel's plural category for every language of the catalogue."""
from __future__ import annotations

from babel import Locale

from seuranta_xl.present.messages import _PLURAL_LOCALES, plural, plural_form


def test_the_plural_rule_is_babels_for_fi_sv_and_en():
    for lang, locale in _PLURAL_LOCALES.items():
        rules = Locale.parse(locale)
        for n in [*range(-3, 130), 1000, 1001, 100000, 1000001]:
            assert plural_form(n, lang) == rules.plural_form(abs(n)), (lang, n)


def test_plural_words():
    assert plural("errors", 1, "fi") == "1 virhe" and plural("errors", 2, "fi") == "2 virhettä"
    assert plural("errors", 0, "en") == "0 errors" and plural("errors", 1, "sv") == "1 fel"
