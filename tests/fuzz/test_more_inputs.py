"""The long fuzz run's generator keeps its promises without running extraction: enough
inputs and kinds, the same tree for the same seed, and each input read by the ingest
with the outcome its manifest says (duplicates are the pipeline's to find, not ingest's)."""

from __future__ import annotations

from collections import Counter

import pytest

from eventscope.ingest import read_inputs
from eventscope.models import FailedInput
from tests.fuzz.more_inputs import IGNORED, build_long

pytestmark = pytest.mark.issue(11)


def test_long_fuzz_tree_has_its_kinds_and_each_input_its_outcome(tmp_path):
    manifest, again = (build_long(tmp_path / t / "in", tmp_path / t / "out", tmp_path / t / "side", n_inputs=2000,
                                  n_valid=16, big_bytes=2_000_000) for t in ("a", "b"))
    assert (manifest.stored, manifest.failed, manifest.kinds) == (again.stored, again.failed, again.kinds)
    assert len(manifest.stored) + len(manifest.failed) + manifest.duplicates == 2000
    assert len(set(manifest.kinds.values())) >= 30
    got: dict[str, str] = {}
    ids: Counter[str] = Counter()
    for item in read_inputs([tmp_path / "a" / "in", tmp_path / "a" / "side" / "articles.jsonl"], max_bytes=200_000):
        if isinstance(item, FailedInput):
            assert item.source not in got
            got[item.source] = item.code
        else:
            ids[item.id] += 1
            if ids[item.id] == 1:
                got[item.source] = "stored"
    assert sum(n - 1 for n in ids.values()) == manifest.duplicates
    assert {s for s, c in got.items() if c == "stored"} == manifest.stored
    assert set(got) - manifest.stored == set(manifest.failed)
    assert {s: got[s] for s, c in manifest.failed.items() if c} == {s: c for s, c in manifest.failed.items() if c}
    assert not set(got) & set(IGNORED)
