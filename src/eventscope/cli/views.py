"""Read-only views of the store: stories, one event with its sources, actors, the network.

Each command opens the store read-only, asks the library for rows and prints
them; the `event` view puts every source side by side with its evidence
sentence so an analyst sees at a glance where outlets disagree (in red).
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from eventscope.cli.options import db_option

#: Fields compared across an event's sources, with the label shown.
SOURCE_FIELDS = (("outlet", "outlet"), ("claim_source", "claim source"), ("date", "date"),
                 ("location", "place"), ("fatalities", "killed"), ("actor1", "actor 1"),
                 ("actor2", "actor 2"), ("sub_event_type", "sub-event type"), ("verified", "verified"))
#: Fields whose differences are disagreements (outlet and claim source differ by nature).
COMPARED = frozenset({"date", "location", "fatalities", "actor1", "actor2", "sub_event_type"})


def _store(db: str):
    from eventscope.store.db import Store

    return Store(db, read_only=True)


# --- stories ---------------------------------------------------------------------------------
def story_rows(store: Any, min_articles: int = 1) -> list[dict[str, Any]]:
    """One row per story: size, outlets, date span, top actors and places."""
    arts = store.query("""SELECT s.story_id, a.id, a.outlet, a.published, a.actors
                          FROM stories s JOIN articles a ON a.id = s.article_id ORDER BY s.story_id, a.id""")
    places = store.query("""SELECT s.story_id, m.location FROM mentions m
                            JOIN stories s ON s.article_id = m.article_id WHERE m.location IS NOT NULL""")
    by_story: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for a in arts:
        by_story[a["story_id"]].append(a)
    place_counts: dict[str, Counter[str]] = defaultdict(Counter)
    for p in places:
        place_counts[p["story_id"]][p["location"]] += 1
    rows = []
    for sid, members in by_story.items():
        if len(members) < min_articles:
            continue
        actors: Counter[str] = Counter()
        for m in members:
            actors.update(json.loads(m["actors"] or "[]"))
        dates = sorted(m["published"] for m in members if m["published"])
        rows.append({"story": sid, "articles": len(members),
                     "outlets": sorted({m["outlet"] for m in members if m["outlet"]}),
                     "first": dates[0] if dates else None, "last": dates[-1] if dates else None,
                     "actors": [a for a, _ in sorted(actors.items(), key=lambda kv: (-kv[1], kv[0]))[:3]],
                     "places": [p for p, _ in sorted(place_counts[sid].items(),
                                                     key=lambda kv: (-kv[1], kv[0]))[:3]]})
    rows.sort(key=lambda r: (-r["articles"], r["first"] or "9999", r["story"]))
    return rows


@click.command()
@db_option
@click.option("--min-articles", default=1, show_default=True, help="Hide stories with fewer articles.")
@click.option("--limit", default=100, show_default=True)
def stories(db: str, min_articles: int, limit: int) -> None:
    """Show stories: articles, outlets, date span, top actors and places."""
    with _store(db) as store:
        rows = story_rows(store, min_articles)
    table = Table(title=f"{len(rows)} stories")
    for col in ("story", "articles", "outlets", "dates", "top actors", "top places"):
        table.add_column(col, overflow="fold")
    for r in rows[:limit]:
        span = r["first"] or "undated"
        if r["last"] and r["last"] != r["first"]:
            span += f" – {r['last']}"
        cells = (r["story"], str(r["articles"]), ", ".join(r["outlets"]) or "-", span,
                 "; ".join(r["actors"]) or "-", "; ".join(r["places"]) or "-")
        table.add_row(*(escape(str(c)) for c in cells))  # outlets come from input metadata
    Console().print(table)


# --- one event -------------------------------------------------------------------------------
def event_sources(store: Any, event_id: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The event row (id or unique prefix) and its mentions with outlet and evidence sentence."""
    rows = store.query("SELECT * FROM events WHERE id = ? OR id LIKE ? ORDER BY id", [event_id, event_id + "%"])
    exact = [r for r in rows if r["id"] == event_id]
    if exact:
        rows = exact
    if not rows:
        raise click.ClickException(f"no event {event_id}; `eventscope events` lists the ids")
    if len(rows) > 1:
        raise click.ClickException(f"{event_id} matches {len(rows)} events; give more of the id")
    event = rows[0]
    mentions = store.query("""SELECT m.*, a.outlet, a.source AS article_source, a.published
                              FROM mentions m JOIN articles a ON a.id = m.article_id
                              WHERE m.event_id = ? ORDER BY a.outlet NULLS LAST, m.id""", [event["id"]])
    for m in mentions:
        ev = json.loads(m["evidence"]) if m["evidence"] else {}
        m["sentence"] = (ev.get("sentence") or {}).get("text")
        m["outlet"] = m["outlet"] or m["article_source"] or m["article_id"]
    return event, mentions


def _disagreeing(mentions: list[dict[str, Any]]) -> set[str]:
    return {f for f in COMPARED if len({m[f] for m in mentions if m[f] is not None}) > 1}


@click.command()
@click.argument("event_id")
@db_option
def event(event_id: str, db: str) -> None:
    """Show one event with its sources side by side; disagreements in red."""
    with _store(db) as store:
        ev, mentions = event_sources(store, event_id)
    console = Console()
    killed = "/".join("-" if ev[k] is None else str(ev[k])
                      for k in ("fatalities_low", "fatalities_best", "fatalities_high"))
    where = ", ".join(x for x in (ev["location"], ev["admin1"], ev["country"]) if x)
    console.print(f"[bold]{escape(ev['id'])}[/] " + escape(
                  f"{ev['event_type']} / {ev['sub_event_type']} · "
                  f"{ev['date'] or 'undated'} · {where or 'no place'} · "
                  f"{ev['actor1'] or '-'} vs {ev['actor2'] or '-'}"))
    console.print(f"killed low/best/high {killed}; ACLED figure {ev['fatalities'] if ev['fatalities'] is not None else '-'}; "
                  f"{ev['corroboration']} independent source(s), {ev['n_mentions']} mention(s)")
    differ = _disagreeing(mentions)
    table = Table(title="sources", show_lines=True)
    table.add_column("field", style="bold")
    for i, _m in enumerate(mentions, 1):
        table.add_column(f"source {i}", overflow="fold")
    for key, label in SOURCE_FIELDS:
        cells = [Text("-" if m[key] is None else str(m[key]), style="bold red" if key in differ else "")
                 for m in mentions]
        table.add_row(Text(label, style="red" if key in differ else ""), *cells)
    table.add_row("evidence", *[Text(m["sentence"] or "-", style="italic") for m in mentions])
    console.print(table)
    disagreements = json.loads(ev["disagreements"] or "{}")
    for field_, values in sorted(disagreements.items()):
        console.print(f"[red]disagreement[/] {escape(field_)}: " + escape(" vs ".join(map(str, values))))
    for reason in json.loads(ev["merge_reasons"] or "[]"):
        console.print(f"[dim]merged: {escape(str(reason))}[/]")


# --- actors ----------------------------------------------------------------------------------
def actor_rows(store: Any) -> list[dict[str, Any]]:
    events: Counter[str] = Counter()
    for r in store.query("SELECT actor1, actor2 FROM events"):
        for name in {r["actor1"], r["actor2"]} - {None}:
            events[name] += 1
    rows = [{**a, "events": events[a["name"]]}
            for a in store.query("SELECT name, actor_type, country, n_mentions FROM actors")]
    return sorted(rows, key=lambda r: (-(r["n_mentions"] or 0), r["name"]))


@click.command()
@db_option
@click.option("--limit", default=200, show_default=True)
def actors(db: str, limit: int) -> None:
    """Show actors: type, country, mentions and events."""
    with _store(db) as store:
        rows = actor_rows(store)
    table = Table(title=f"{len(rows)} actors")
    for col in ("actor", "type", "country", "mentions", "events"):
        table.add_column(col, overflow="fold")
    for r in rows[:limit]:
        table.add_row(escape(r["name"]), escape(r["actor_type"] or "-"), escape(r["country"] or "-"),
                      str(r["n_mentions"] or 0), str(r["events"]))
    Console().print(table)


# --- network ---------------------------------------------------------------------------------
@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["json", "graphml"]), default="json", show_default=True)
@click.option("--since", help="Only evidence on or after this date, YYYY-MM-DD.")
@click.option("--until", help="Only evidence on or before this date, YYYY-MM-DD.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="File (default stdout).")
def network(db: str, fmt: str, since: str | None, until: str | None, output: str | None) -> None:
    """Export the actor network (allied, hostile, affiliated, split_from, part_of) as JSON or GraphML."""
    from eventscope.export.network import load_network, network_graphml, network_json

    with _store(db) as store:
        net = load_network(store, since, until)
    text = (json.dumps(network_json(net), ensure_ascii=False, indent=1) + "\n" if fmt == "json"
            else network_graphml(net))
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    Console(stderr=True).print(f"{len(net.nodes)} actors, {len(net.edges)} edges"
                               + (f" written to {output}" if output else ""))


COMMANDS = (stories, event, actors, network)
