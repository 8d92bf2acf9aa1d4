"""Shared fixtures: the project root and one real build of the whole site (both editions)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from okr1on1.site.build_site import build_site

PROJECT_ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life notice on every build
# Speed is measured by the benchmarks (make bench), not by the tests: no per-example deadline, which
# property tests missed on a loaded machine (a 200 ms deadline failed tests that take 20 ms when idle).
settings.register_profile("okr1on1", deadline=None)
settings.load_profile("okr1on1")


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as `make build` writes it (mkdocs --strict, Dutch at /, English at /en/)."""
    return build_site(PROJECT_ROOT, tmp_path_factory.mktemp("site") / "site")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-references",
        action="store_true",
        default=False,
        help="rewrite the reference files in tests/references/ from the current output (review them in the diff)",
    )


@pytest.fixture(scope="session")
def update_references(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-references"))
