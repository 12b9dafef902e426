"""Extraction of shards into partitions, without Ray: the part every engine shares.

The unit of work is one input file (a shard: a JSONL of many articles, or one report),
numbered by its rank in the order `eventscope run` walks the inputs. The driver lists the
units (cheap: a directory walk, no file is read); whoever extracts a batch of units reads
them with the run's own readers, extracts each article with the run's own
`extract_safely`, and writes the outcomes, keyed by (unit rank, item in file), as
partitions (`format`). `run_local` does this in one process, so the partition format is
usable and testable without Ray; `ray_engine` hands batches of units to Ray actors.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from eventscope.extract.mentions import MentionExtractor
from eventscope.ingest.readers import FileReader
from eventscope.ingest.walk import Found, walk_inputs
from eventscope.models import Article, FailedInput
from eventscope.pipeline.process import MAX_SECONDS_PER_ARTICLE, extract_safely, warm_up
from eventscope.resources import Resources

from .format import META_FILE, Keyed, PartitionError, write_partition

#: Articles per partition file set: small enough that a worker holds one partition's rows
#: in memory, large enough that Parquet's per-file overhead stays small.
ARTICLES_PER_PARTITION = 500


@dataclass(frozen=True)
class Unit:
    """One input file to read, or one input the walk already failed (code and reason)."""

    rank: int
    source: str
    path: str | None = None
    explicit: bool = False
    code: str | None = None
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Options:
    """What a run's readers and budget are told, passed unchanged to every worker."""

    max_bytes: int = 10_000_000
    follow_links: bool = False
    max_seconds: float | None = MAX_SECONDS_PER_ARTICLE
    articles_per_partition: int = ARTICLES_PER_PARTITION


@dataclass
class ExtractSummary:
    """What an extraction wrote: its id, its partitions, and the counts over them."""

    extraction_id: str
    partitions: list[str] = field(default_factory=list)
    units: int = 0
    articles_read: int = 0
    duplicates: int = 0
    articles: int = 0
    mentions: int = 0
    failed: int = 0

    def add(self, part: dict[str, Any]) -> None:
        if part.get("partition"):
            self.partitions.append(str(part["partition"]))
        for name in ("articles_read", "duplicates", "articles", "mentions", "failed"):
            setattr(self, name, getattr(self, name) + int(part.get(name) or 0))


def list_units(paths: Sequence[str | Path], follow_links: bool = False) -> list[Unit]:
    """The units of `paths` in the order `eventscope run` reads them; a file reached twice
    (a folder and a file in it, or a link) is listed under each name, as the run reads it
    under each."""
    units: list[Unit] = []
    for found in walk_inputs(paths, follow_links=follow_links):
        if isinstance(found, FailedInput):
            units.append(Unit(len(units), found.source, code=found.code, reason=found.reason))
            continue
        units.append(Unit(len(units), found.source, path=os.path.abspath(found.path), explicit=found.explicit))
    return units


def check_out_dir(out: str | Path) -> None:
    """Refuse an output directory that already holds partitions: a second extraction into
    it would overwrite some of the first one's partitions and mix the rest."""
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise PartitionError(f"--out {out} exists and is not a directory")
    if path.is_dir() and any(p.name.startswith("part-") or p.name == META_FILE for p in path.iterdir()):
        raise PartitionError(f"{out} already holds partitions; give an empty --out directory "
                             "(merge the old ones first, or remove them)")


class ShardExtractor:
    """Reads and extracts batches of units; models load once, when it is made.

    One lives in each Ray actor (or in this process for `run_local`)."""

    def __init__(self, options: Options, extraction_id: str, resources: Resources | None = None) -> None:
        self.options = options
        self.extraction_id = extraction_id
        self.resources = resources or Resources()
        self.extractor = MentionExtractor(self.resources)
        warm_up(self.extractor)
        self.reader = FileReader(max_bytes=options.max_bytes, follow_links=options.follow_links,
                                 max_seconds=options.max_seconds)

    def outcomes(self, units: Iterable[Unit], counts: dict[str, int]) -> Iterator[Keyed]:
        """Every outcome of these units, in key order. An article met twice in the batch is
        extracted once (the first, as a run keeps the first); duplicates across batches are
        left to the merge, which sees every batch."""
        seen: set[str] = set()
        for unit in sorted(units, key=lambda u: u.rank):
            if unit.path is None:
                yield Keyed(unit.rank, 0, FailedInput(unit.source, unit.code or "unreadable", unit.reason or ""))
                continue
            items = self.reader.read(Found(Path(unit.path), unit.source, unit.explicit))
            for n, item in enumerate(items):
                if isinstance(item, FailedInput):
                    yield Keyed(unit.rank, n, item)
                    continue
                counts["articles_read"] += 1
                if item.id in seen:
                    counts["duplicates"] += 1
                    continue
                seen.add(item.id)
                yield self._extract(unit.rank, n, item)

    def _extract(self, rank: int, n: int, article: Article) -> Keyed:
        out = extract_safely(self.extractor, article, self.options.max_seconds)
        return Keyed(rank, n, out, article_id=article.id if isinstance(out, FailedInput) else None)

    def write(self, units: Iterable[Unit], out: str | Path) -> list[dict[str, Any]]:
        """Extract `units` into partitions under `out`; one summary row per partition."""
        counts = {"articles_read": 0, "duplicates": 0}
        rows: list[dict[str, Any]] = []
        chunk: list[Keyed] = []
        articles = 0

        def flush() -> None:
            nonlocal articles
            if not chunk:
                return
            meta = {"extraction_id": self.extraction_id, "data_versions": self.resources.data_versions(),
                    "articles_read": counts["articles_read"], "duplicates": counts["duplicates"]}
            path = write_partition(out, chunk, meta)
            rows.append({"partition": path.name, "articles_read": counts["articles_read"],
                         "duplicates": counts["duplicates"], "articles": articles,
                         "mentions": sum(len(k.outcome.mentions) for k in chunk
                                         if not isinstance(k.outcome, FailedInput)),
                         "failed": sum(isinstance(k.outcome, FailedInput) for k in chunk)})
            chunk.clear()
            articles = 0
            counts.update(articles_read=0, duplicates=0)

        for keyed in self.outcomes(units, counts):
            # Flushed when the next outcome comes, so the duplicates read after a partition's
            # last article are counted in it (a duplicate always follows its first copy).
            if articles >= self.options.articles_per_partition:
                flush()
            chunk.append(keyed)
            articles += not isinstance(keyed.outcome, FailedInput)
        flush()
        return rows


def new_extraction_id() -> str:
    return uuid.uuid4().hex[:12]


def run_local(paths: Sequence[str | Path], out: str | Path, options: Options | None = None,
              resources: Resources | None = None) -> ExtractSummary:
    """Extract `paths` into partitions under `out` in this process: the no-Ray engine, with
    the same partitions (rows and keys) as Ray writes."""
    options = options or Options()
    check_out_dir(out)
    units = list_units(paths, options.follow_links)
    summary = ExtractSummary(new_extraction_id(), units=len(units))
    Path(out).mkdir(parents=True, exist_ok=True)
    worker = ShardExtractor(options, summary.extraction_id, resources)
    for row in worker.write(units, out):
        summary.add(row)
    return summary
