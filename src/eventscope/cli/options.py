"""Options shared by several commands."""

from __future__ import annotations

import click

db_option = click.option("--db", default="eventscope.duckdb", show_default=True,
                         envvar="EVENTSCOPE_DB", help="The DuckDB file to use.")


def reading_options(command):
    """How inputs are read and bounded (`run` and `extract-shards` read them alike): one
    definition, so the two commands cannot drift apart in defaults or meaning."""
    for option in reversed((
        click.option("--max-bytes", default=10_000_000, show_default=True,
                     help="Inputs larger than this are recorded as failed (too_large), not read."),
        click.option("--follow-links", is_flag=True,
                     help="Follow symlinks that lead out of the input folders (refused by default: "
                          "outside_inputs)."),
        click.option("--max-seconds-per-article", type=click.FloatRange(min=0), default=30.0,
                     show_default=True,
                     help="An article whose extraction takes longer is recorded as failed (timeout); "
                          "0 = no limit."),
    )):
        command = option(command)
    return command
