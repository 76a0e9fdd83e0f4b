"""Shared pytest fixtures. Keep each one small; builders live in their own modules."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="session")
def fixtures_dir(tmp_path_factory) -> Path:
    """Real strategy tables (.xlsx, .csv) built from the seed texts, plus bad inputs under bad/."""
    from make_fixtures import build_all

    out = tmp_path_factory.mktemp("strategy_tables")
    build_all(out)
    return out
