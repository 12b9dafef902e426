"""Readable rich tables for the terminal."""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from rich.table import Table

from eventscope.store.db import Store


def events_table(store: Store, country: str | None, since: str | None, until: str | None,
                 event_type: str | None, limit: int) -> Table:
    where, params = [], []
    if country:
        where.append("(lower(country) = lower(?) OR lower(iso) = lower(?))")
        params += [country, country]
    if since:
        where.append("date >= ?")
        params.append(since)
    if until:
        where.append("date <= ?")
        params.append(until)
    if event_type:
        where.append("lower(event_type) = lower(?)")
        params.append(event_type)
    sql = "SELECT * FROM events" + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY date NULLS LAST, id LIMIT ?"
    rows = store.query(sql, params + [limit])
    table = Table(title=f"{len(rows)} events", show_lines=False, pad_edge=False)
    for col in ("date", "sub-event type", "actor1", "actor2", "where", "killed", "src"):
        table.add_column(col, overflow="fold")
    for r in rows:
        where_ = ", ".join(x for x in (r["location"], r["admin1"], r["iso"]) if x)
        cells = (r["date"] or "undated", r["sub_event_type"], r["actor1"] or "-",
                 r["actor2"] or "-", f"{where_} (p{r['geo_precision']})",
                 "" if r["fatalities"] is None else str(r["fatalities"]), str(r["corroboration"]))
        table.add_row(*(escape(str(c)) for c in cells))  # names come from articles: never markup
    return table


def metrics_table(m: dict[str, Any]) -> Table:
    table = Table(title=f"eval on {m['articles']} articles, {m['gold_events']} gold events "
                        f"(gold {m['gold_digest']})")
    table.add_column("metric")
    table.add_column("value")
    ev = m["events"]
    table.add_row("events P / R / F1", f"{ev['precision']:.3f} / {ev['recall']:.3f} / {ev['f1']:.3f} "
                                      f"(tp {ev['tp']}, fp {ev['fp']}, fn {ev['fn']})")
    for key in ("sub_event_type", "actor1", "actor2", "date", "fatalities"):
        a = m[key]
        table.add_row(f"{key} accuracy (matched)", f"{a['accuracy']:.3f} ({a['correct']}/{a['n']})")
    inv = m["invented_fatalities"]
    table.add_row("invented fatalities", f"{inv['invented']} of {inv['unstated']} unstated ({inv['rate']:.3f})")
    lk = m["linking_bcubed"]
    table.add_row("event linking B-cubed P / R / F1",
                  "n/a (no incident identity in the gold)" if lk["f1"] is None else
                  f"{lk['precision']:.3f} / {lk['recall']:.3f} / {lk['f1']:.3f} (n {lk['n']})")
    st = m["stories_bcubed"]
    table.add_row("stories B-cubed P / R / F1", f"{st['precision']:.3f} / {st['recall']:.3f} / {st['f1']:.3f}")
    rel = m["relations"]
    table.add_row("relations P / R / F1", f"{rel['precision']:.3f} / {rel['recall']:.3f} / {rel['f1']:.3f}")
    return table
