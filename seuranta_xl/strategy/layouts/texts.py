"""Reading the text of a cell: paragraphs (blank lines or HTML <p>), SDG numbers (pure)."""
from __future__ import annotations

import re

_TAG = re.compile(r"</?(?:b|i|strong|em|span)[^>]*>", re.I)
_PARA = re.compile(r"\s*</p>\s*<p>\s*|\n\s*\n", re.I)
_SDG_LIST = re.compile(r"^(?:\s*\d{1,2}\s+[A-ZÄÖÅ][A-ZÄÖÅ ,.\-]*)+\s*$")
_SDG_NUMBER = re.compile(r"(?<![\d/.\-])(\d{1,2})\s+(?=[A-ZÄÖÅ]{2})")


def paragraphs(text: str) -> list[str]:
    """A cell's paragraphs: separated by blank lines, or by <p> elements in an HTML extraction."""
    text = _TAG.sub("", text)
    text = re.sub(r"^\s*<p>|</p>\s*$", "", text.strip(), flags=re.I)
    return [p.strip() for p in _PARA.split(text) if p.strip()]


def clean_paragraphs(text: str) -> str:
    """The text with HTML paragraph marks turned into blank lines (paragraphs kept)."""
    return "\n\n".join(paragraphs(text)) if text else ""


def sdg_numbers(text: str) -> list[int]:
    """"3 TERVEYTTÄ JA HYVINVOINTIA 6 PUHDAS VESI" -> [3, 6] (only 1-17)."""
    plain = " ".join(paragraphs(text)) if text else ""
    return sorted({int(n) for n in _SDG_NUMBER.findall(plain) if 1 <= int(n) <= 17})


def is_sdg_list(text: str) -> bool:
    plain = " ".join(paragraphs(text)) if text else ""
    return bool(plain) and bool(_SDG_LIST.match(plain))
