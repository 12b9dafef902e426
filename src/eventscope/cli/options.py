"""Options shared by several commands."""

from __future__ import annotations

import click

db_option = click.option("--db", default="eventscope.duckdb", show_default=True,
                         envvar="EVENTSCOPE_DB", help="The DuckDB file to use.")
