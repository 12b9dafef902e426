"""`eventscope serve`: the API and dashboard over a store, read-only, on localhost by default."""

from __future__ import annotations

import click

from eventscope.cli.options import db_option


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. The default keeps the server on this machine; 0.0.0.0 exposes it.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
def serve(db: str, host: str, port: int) -> None:
    """Serve the dashboard (/) and the REST API (/api/v1, OpenAPI at /docs), reading the store only.

    The store is opened read-only for each request, so `eventscope run` can still
    write between requests; while a run holds the lock, requests get 503.
    """
    import uvicorn

    from eventscope.web.app import create_app
    from eventscope.web.store import check_store

    check_store(db)  # a missing, locked or too-new store stops here with one clear line
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: serving on {host}: anyone who can reach this address can read the store",
                   err=True)
    click.echo(f"eventscope on http://{host}:{port}/ (API docs at /docs), reading {db}", err=True)
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")
