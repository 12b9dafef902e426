"""One gazetteer for every resolve test: loading it takes seconds, and it holds no state
between calls that a test could leave behind."""

from __future__ import annotations

import pytest

from eventscope.resolve.gazetteer import Gazetteer


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    return Gazetteer.load()
