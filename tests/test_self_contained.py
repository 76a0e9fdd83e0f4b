"""A clone has nothing beside it: no file under tests/ may name a path outside the repository (the
team's shared folder next to the checkout) or an absolute path of one machine (a home or work folder).
Every file a test reads lives in the repository (tests/data/, the package's own data)."""
from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
# Built from pieces so that this file does not match itself.
OUTSIDE = [re.escape(".." + "/" + "shared"), re.escape(".." + "\\" + "shared"),
           r"(?<![\w.])/(?:work|home|root|Users)/", r"[A-Za-z]:\\\\?Users\\\\?"]
PATTERN = re.compile("|".join(OUTSIDE))


def test_no_test_file_names_a_path_outside_the_repository():
    offenders = []
    for path in sorted(TESTS.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts or path.parent.name == "output":
            continue
        try:
            text = path.read_text("utf-8")
        except UnicodeDecodeError:
            continue
        for n, line in enumerate(text.splitlines(), start=1):
            if PATTERN.search(line):
                offenders.append(f"{path.relative_to(TESTS)}:{n}: {line.strip()[:100]}")
    assert not offenders, "\n".join(offenders)


def test_the_seed_copies_are_in_the_repository_with_their_sources():
    seeds = sorted((TESTS / "data" / "seeds").glob("*.txt"))
    assert len(seeds) == 4
    readme = (TESTS / "data" / "README.md").read_text("utf-8")
    for seed in seeds:
        assert seed.name in readme, f"tests/data/README.md does not say where {seed.name} comes from"
