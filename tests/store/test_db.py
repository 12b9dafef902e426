import duckdb
import pytest

from eventscope.errors import StoreError
from eventscope.models import (
    ArticleResult,
    Claim,
    DateValue,
    FailedInput,
    Mention,
    Place,
    PlaceMention,
    Span,
)
from eventscope.store.db import Store
from eventscope.store.schema import SCHEMA_VERSION
from tests.conftest import make_article

TEXT = "Gunmen killed 12 villagers in Anka on Sunday, police said."


def result():
    art = make_article(TEXT, published="2021-03-08")
    place = Place("Anka", 12.11, 5.93, "Nigeria", "NG", "Zamfara", 2348773)
    m = Mention(article_id=art.id, event_type="Violence against civilians", sub_event_type="Attack",
                evidence=Span(0, len(TEXT), TEXT), trigger=Span(7, 13, "killed"),
                place=PlaceMention(place, Span(30, 34, "Anka")),
                date=DateValue("2021-03-07", "day", Span(38, 44, "Sunday")),
                claim=Claim("police", Span(46, 52, "police")), id="m1")
    return ArticleResult(art, [m], [], ["Gunmen"], ["NG"])


def test_store_writes_and_reads_a_batch(tmp_path):
    with Store(tmp_path / "a.duckdb") as db:
        db.write_batch([result()], [FailedInput("bad.txt", "empty_text", "empty")], "run1")
        assert db.count("articles") == 1
        (m,) = db.query("SELECT * FROM mentions")
        assert (m["location"], m["date"], m["time_precision"], m["claim_source"]) == ("Anka", "2021-03-07", 1, "police")
        assert db.query("SELECT code FROM failed_inputs") == [{"code": "empty_text"}]


def test_store_known_ids_detect_duplicates(tmp_path):
    with Store(tmp_path / "a.duckdb") as db:
        r = result()
        db.write_batch([r], [], "run1")
        assert db.known_article_ids([r.article.id, "nope"]) == {r.article.id}


def test_store_failed_batch_rolls_back_and_keeps_earlier_data(tmp_path):
    with Store(tmp_path / "a.duckdb") as db:
        db.write_batch([result()], [], "run1")
        with pytest.raises(StoreError):
            db.write_batch([result()], [], "run2")  # same article id again: primary key violation
        assert db.count("articles") == 1
        assert db.count("mentions") == 1


def test_store_refuses_a_newer_schema(tmp_path):
    path = tmp_path / "future.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION + 1)])
    con.close()
    with pytest.raises(StoreError, match="newer eventscope"):
        Store(path)


def test_store_read_only_needs_an_existing_file(tmp_path):
    with pytest.raises(StoreError, match="eventscope run"):
        Store(tmp_path / "missing.duckdb", read_only=True)
