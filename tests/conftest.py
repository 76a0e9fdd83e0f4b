"""Shared pytest fixtures. Keep each one small; builders live in their own modules."""
from __future__ import annotations

from pathlib import Path

import pytest

# Hypothesis profiles: "ci" (default) is fixed and fast; HYPOTHESIS_PROFILE=long explores more.
try:
    import os

    from hypothesis import HealthCheck, settings

    _quiet = [HealthCheck.too_slow, HealthCheck.data_too_large]
    settings.register_profile("ci", derandomize=True, max_examples=50, deadline=None, suppress_health_check=_quiet,
                              print_blob=True)
    settings.register_profile("long", max_examples=500, deadline=None, suppress_health_check=_quiet)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
except ImportError:  # pragma: no cover - hypothesis is a test extra
    pass


def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist: the LibreOffice tests on one worker, in order (one soffice at a time, as each
    test expects), and the slow ones (kills, locks, timing) on one worker too; the rest spread freely."""
    for item in items:
        for group in ("libreoffice", "slow"):
            if item.get_closest_marker(group):
                item.add_marker(pytest.mark.xdist_group(group))
                break


@pytest.fixture(scope="session")
def fixtures_dir(tmp_path_factory) -> Path:
    """Real strategy tables (.xlsx, .csv) built from the seed texts, plus bad inputs under bad/."""
    from tests.make_fixtures import build_all

    out = tmp_path_factory.mktemp("strategy_tables")
    build_all(out)
    return out
