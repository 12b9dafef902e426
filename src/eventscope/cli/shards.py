"""`eventscope extract-shards` and `eventscope merge`: `run` split in two, for a cluster.

`extract-shards` is the per-article half of `run` (read, extract), on Ray or in this
process, leaving Parquet partitions; `merge` is the other half (the one writer, then
linking). `extract-shards IN --out P && merge P --db S` stores what `run IN --db S` does.
"""

from __future__ import annotations

import click

from eventscope.cli.options import db_option, reading_options


@click.command(name="extract-shards")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", required=True, type=click.Path(file_okay=False),
              help="Directory for the partitions; on a cluster, one that every node sees.")
@click.option("--engine", type=click.Choice(["ray", "local"]), default="ray", show_default=True,
              help="ray: a pool of Ray actors (needs `pip install 'eventscope[ray]'`); "
                   "local: this process, the same partitions.")
@click.option("--actors", type=click.IntRange(min=1), default=None,
              help="Ray actors extracting at once (default: one per CPU Ray has).")
@click.option("--ray-address", envvar="RAY_ADDRESS", default=None,
              help="The Ray cluster to use, e.g. ray://head:10001 or auto (default: $RAY_ADDRESS, "
                   "else a local Ray on this machine).")
@reading_options
@click.option("--articles-per-partition", type=click.IntRange(min=1), default=500, show_default=True,
              help="A partition is closed after this many articles of one batch.")
def extract_shards(inputs: tuple[str, ...], out: str, engine: str, actors: int | None,
                   ray_address: str | None, max_bytes: int, follow_links: bool,
                   max_seconds_per_article: float, articles_per_partition: int) -> None:
    """Extract INPUT files or directories into Parquet partitions under --out, one input
    file (a shard) at a time; then `eventscope merge OUT --db STORE` stores and links them.

    Give shards as many files (a directory of JSONL files, say): one file is one unit of
    work. Failed inputs are kept in the partitions and reported by `merge`.
    """
    from eventscope.cli.main import console
    from eventscope.shards.extract import Options, run_local
    from eventscope.shards.ray_engine import run_ray

    options = Options(max_bytes=max_bytes, follow_links=follow_links,
                      max_seconds=max_seconds_per_article or None,
                      articles_per_partition=articles_per_partition)
    if engine == "ray":
        summary = run_ray(list(inputs), out, options, actors=actors, address=ray_address)
    else:
        summary = run_local(list(inputs), out, options)
    console.print(f"[bold]{summary.units}[/] input files, {summary.articles_read} articles read "
                  f"({summary.duplicates} duplicates in a batch), {summary.failed} failed; "
                  f"{summary.mentions} mentions in {len(summary.partitions)} partitions → {out}")
    console.print(f"next: eventscope merge {out} --db STORE")


@click.command(name="merge")
@click.argument("parts", nargs=-1, required=True)
@db_option
def merge_command(parts: tuple[str, ...], db: str) -> None:
    """Store and link the partitions in PARTS (partition directories, or directories of
    them, as `extract-shards --out` wrote them) in the order of the inputs they came from.

    Several extractions may be merged at once (their inputs in the order given) or into a
    store that already holds articles: an article already stored, or met twice, is kept
    once, as `run` keeps it. The exit status is the number of failed inputs (capped at 125).
    """
    from eventscope.cli.main import report_run
    from eventscope.shards.merge import merge

    report_run(merge(list(parts), db), db)
