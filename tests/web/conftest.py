"""Web test fixtures: a hand-built store, an empty store, and TestClients over them."""

from __future__ import annotations

import warnings

import pytest

from eventscope.store.db import Store
from tests.web import store_rows

with warnings.catch_warnings():  # starlette nudges towards httpx2; httpx is what FastAPI documents
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from eventscope.web.app import create_app  # noqa: E402


@pytest.fixture(scope="session")
def store_path(tmp_path_factory) -> str:
    return store_rows.build(str(tmp_path_factory.mktemp("web") / "web.duckdb"))


@pytest.fixture(scope="session")
def client(store_path) -> TestClient:
    return TestClient(create_app(store_path))


@pytest.fixture(scope="session")
def empty_client(tmp_path_factory) -> TestClient:
    path = str(tmp_path_factory.mktemp("web-empty") / "empty.duckdb")
    Store(path).close()
    return TestClient(create_app(path))
