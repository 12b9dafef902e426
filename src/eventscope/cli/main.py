"""The `eventscope` command: a thin layer that parses, calls the library and prints.

Only this layer maps outcomes to exit codes. `run` exits with the number of
inputs that failed (0 = all stored, capped at 125), so a script can tell how
many to look at; a library error (unreadable database, bad gold directory)
exits 126; click's usage errors exit 2 and print the usage line.
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.markup import escape

from eventscope import __version__
from eventscope.cli.options import db_option, reading_options
from eventscope.errors import EventscopeError

if TYPE_CHECKING:
    from eventscope.pipeline.process import Result

console = Console(stderr=True)


EXIT_LIBRARY_ERROR = 126
MAX_FAILED_EXIT = 125


class _LibraryError(click.ClickException):
    exit_code = EXIT_LIBRARY_ERROR


class _Group(click.Group):
    def invoke(self, ctx: click.Context):  # library errors become one clear line
        try:
            return super().invoke(ctx)
        except EventscopeError as exc:
            raise _LibraryError(str(exc)) from exc


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="eventscope")
def cli() -> None:
    """eventscope: news reports in, one evidence-backed row per real incident out.

    Start with `eventscope run examples/`, then `eventscope events`.
    """


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@reading_options
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes that extract articles (default: one per core); 1 = in this process. "
                   "The output is the same whatever the number.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def run(inputs: tuple[str, ...], db: str, max_bytes: int, follow_links: bool,
        max_seconds_per_article: float, workers: int | None, quiet: bool) -> None:
    """Ingest INPUT files or directories (.txt, .html, .jsonl), extract incidents and link them.

    The exit status is the number of inputs that failed (capped at 125); each is
    listed with its reason and kept in the failed_inputs table, and everything
    else is still stored.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from eventscope.pipeline.parallel import default_workers
    from eventscope.pipeline.process import process

    with Progress(TextColumn("reading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, disable=quiet, transient=True) as progress:
        task = progress.add_task("run", total=None)
        result = process(list(inputs), db, max_bytes=max_bytes, follow_links=follow_links,
                         max_seconds_per_article=max_seconds_per_article or None,
                         on_progress=lambda n: progress.advance(task, n),
                         workers=workers or default_workers())
    report_run(result, db)


def report_run(result: Result, db: str) -> None:
    """The closing summary of a run (or a merge), each failure with its reason, and the exit
    status: the number of failed inputs, capped."""
    c = result.counts()
    console.print(
        f"[bold]{c['articles_read']}[/] articles read, {c['duplicates']} skipped as duplicates, "
        f"{c['failed']} failed; {c['mentions']} mentions, {c['events']} events, "
        f"{c['stories']} stories, {c['relations']} relations → {escape(db)}")
    for f in result.failed:
        # Sources and reasons come from the input (a JSONL 'id' of "[/]"): never markup.
        console.print(f"[red]failed[/] {escape(f.source)}: [bold]{f.code}[/] — {escape(f.reason)}")
    if result.failed:
        sys.exit(min(len(result.failed), MAX_FAILED_EXIT))


@cli.command()
@db_option
@click.option("--full", is_flag=True, help="Forget every event and story and link the whole store again.")
def relink(db: str, full: bool) -> None:
    """Link stored mentions into events and stories, without extracting anything.

    A run killed after some batches were committed leaves their mentions unlinked;
    this links them (so does the next `eventscope run`). --full rebuilds every event
    and story, e.g. after the linking rules changed.
    """
    from eventscope.link.relink import relink_store
    from eventscope.store.db import Store
    from eventscope.store.lock import WRITE_WAIT_SECONDS

    if not Path(db).exists():
        raise click.UsageError(f"no database at {db}; run `eventscope run INPUT --db {db}` first")
    with Store(db, wait=WRITE_WAIT_SECONDS) as store:
        summary = relink_store(store, full=full)
    console.print(f"{summary.linked} articles linked; {summary.events} events, {summary.stories} stories, "
                  f"{summary.relations} relations → {escape(db)}")


@cli.command()
@db_option
@click.option("--country", help="Country name or ISO code, e.g. Syria or SY.")
@click.option("--since", help="First date, YYYY-MM-DD.")
@click.option("--until", help="Last date, YYYY-MM-DD.")
@click.option("--type", "event_type", help="ACLED event type, e.g. Battles.")
@click.option("--limit", default=200, show_default=True)
def events(db: str, country: str | None, since: str | None, until: str | None,
           event_type: str | None, limit: int) -> None:
    """Show stored events as a table."""
    from eventscope.cli.tables import events_table
    from eventscope.store.db import Store

    with Store(db, read_only=True) as store:
        Console().print(events_table(store, country, since, until, event_type, limit))


@cli.command()
@db_option
@click.option("--what", type=click.Choice(["mentions", "events", "relations", "stories"]),
              default="events", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "geojson", "parquet"]), default="jsonl",
              show_default=True, help="geojson and parquet cover events and mentions; parquet needs -o.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="File (default stdout).")
@click.option("--raw-csv", is_flag=True,
              help="Write CSV cells as stored, even those starting with = + - @ (unsafe to open in a spreadsheet).")
def export(db: str, what: str, fmt: str, output: str | None, raw_csv: bool) -> None:
    """Export mentions, events, relations or stories as JSONL, CSV, GeoJSON or Parquet."""
    from eventscope.export.geojson import write_geojson
    from eventscope.export.parquet import write_parquet
    from eventscope.export.records import RECORDS
    from eventscope.export.writers import write_csv, write_jsonl
    from eventscope.store.db import Store

    if fmt in ("geojson", "parquet") and what not in ("events", "mentions"):
        raise click.UsageError(f"--format {fmt} covers events and mentions, not {what}")
    if fmt == "parquet" and not output:
        raise click.UsageError("--format parquet writes a binary file: give -o FILE")
    with Store(db, read_only=True) as store, contextlib.ExitStack() as stack:
        if fmt == "parquet":
            n = write_parquet(store, what, output)
        else:
            out = stack.enter_context(open(output, "w", encoding="utf-8", newline="")) if output else sys.stdout
            records = RECORDS[what](store)
            writer = {"jsonl": write_jsonl, "csv": lambda r, o: write_csv(r, o, what, raw=raw_csv),
                      "geojson": lambda r, o: write_geojson(r, o, what)}[fmt]
            n = writer(records, out)
    console.print(f"{n} {what} written" + (f" to {output}" if output else ""))


@cli.command(name="eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--db", default=":memory:", show_default=True,
              help="Database to run into (default: a throw-away in-memory one).")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
@click.option("--errors", is_flag=True,
              help="Also list missed and spurious events, split incidents and merged events.")
@click.option("--incidents", type=click.Path(exists=True, dir_okay=False),
              help="Which gold events report the same incident (default: incidents.json in "
                   "GOLD_DIR or the directory above); without it event linking is n/a.")
def eval_cmd(gold_dir: str, db: str, as_json: bool, errors: bool, incidents: str | None) -> None:
    """Run over a directory of gold files and print precision, recall and field accuracy."""
    from eventscope.cli.tables import metrics_table
    from eventscope.evaluate.run import evaluate

    report = evaluate(gold_dir, db, incidents=incidents)
    if as_json:
        payload = {"metrics": report.metrics, **({"errors": report.errors} if errors else {})}
        click.echo(json.dumps(payload, indent=1, ensure_ascii=False))
        return
    Console().print(metrics_table(report.metrics))
    if errors:
        Console().print_json(json.dumps(report.errors, ensure_ascii=False))


def _register_subcommands() -> None:
    from eventscope.cli.geoparse import geoparse_command
    from eventscope.cli.serve import serve
    from eventscope.cli.shards import extract_shards, merge_command
    from eventscope.cli.views import COMMANDS

    cli.add_command(geoparse_command)
    cli.add_command(serve)
    cli.add_command(extract_shards)
    cli.add_command(merge_command)
    for command in COMMANDS:
        cli.add_command(command)


_register_subcommands()


if __name__ == "__main__":  # python -m eventscope.cli.main
    cli()
