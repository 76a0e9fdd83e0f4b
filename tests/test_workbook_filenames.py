"""Windows-safe file names and Excel-safe sheet names (seuranta_xl.core.filenames)."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from seuranta_xl.core.filenames import (MAX_STEM, safe_sheet_name, safe_stem, unique_names, unique_sheet_names,
                                   workbook_file_name, workbook_file_names)

RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def windows_ok(name: str) -> bool:
    stem = name.split(".")[0].strip().upper()
    return (not set('<>:"/\\|?*') & set(name) and all(ord(c) >= 32 and not 0x7F <= ord(c) <= 0x9F for c in name)
            and not name.endswith((".", " ")) and stem not in RESERVED and name != "")


def test_keeps_finnish_letters():
    assert workbook_file_name("2024-kevat", "Elinvoima ja asuinympäristö") == "2024-kevat_Elinvoima ja asuinympäristö.xlsx"
    assert safe_stem("Ålands skärgård") == "Ålands skärgård"


def test_replaces_forbidden_and_control_characters():
    assert safe_stem('a<b>c:d"e/f\\g|h?i*j') == "a_b_c_d_e_f_g_h_i_j"
    assert safe_stem("rivi\nkaksi\ttab") == "rivi_kaksi_tab"
    assert safe_stem("loppu. . ") == "loppu"
    assert safe_stem("...") == "nimeton"


def test_reserved_names():
    for name in ("CON", "con", "Nul.txt", "COM1", "lpt9"):
        assert windows_ok(safe_stem(name) + ".xlsx"), name
    assert safe_stem("CONSOLE") == "CONSOLE"


def test_length_bounded():
    assert len(safe_stem("x" * 1000)) == MAX_STEM


def test_unique_case_insensitively():
    names = workbook_file_names("r1", ["Sivistys", "SIVISTYS", "sivistys?", "sivistys_"])
    assert list(names.values()) == ["r1_Sivistys.xlsx", "r1_SIVISTYS (2).xlsx", "r1_sivistys_.xlsx",
                                    "r1_sivistys_ (2).xlsx"]
    assert unique_names(["a.xlsx", "A.XLSX", "a.xlsx"]) == ["a.xlsx", "A (2).XLSX", "a (3).xlsx"]


@given(st.lists(st.text(min_size=0, max_size=200), min_size=1, max_size=8))
def test_property_file_names_safe_and_unique(departments):
    departments = list(dict.fromkeys(departments))
    names = list(workbook_file_names("2024-kevat", departments).values())
    assert len({n.casefold() for n in names}) == len(names)
    for n in names:
        assert windows_ok(n) and n.endswith(".xlsx") and len(n) <= MAX_STEM + 5


def test_sheet_names():
    assert safe_sheet_name("Seuranta") == "Seuranta"
    assert safe_sheet_name("a[b]c:d*e?f/g\\h") == "a_b_c_d_e_f_g_h"
    assert safe_sheet_name("'lainaus'") == "lainaus"
    assert safe_sheet_name("History") == "History_"
    assert len(safe_sheet_name("x" * 50)) == 31
    assert safe_sheet_name("") == "Taulukko"


@given(st.lists(st.text(max_size=60), min_size=1, max_size=6))
def test_property_sheet_names(names):
    out = unique_sheet_names(names)
    assert len({n.casefold() for n in out}) == len(out)
    for n in out:
        assert 1 <= len(n) <= 31 and not set("[]:*?/\\") & set(n) and not n.startswith("'") and not n.endswith("'")
