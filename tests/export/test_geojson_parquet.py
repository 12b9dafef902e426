"""GeoJSON and Parquet exports: valid GeoJSON (checked by hand and read by GDAL), typed Parquet."""

from __future__ import annotations

import datetime as dt
import json
import math

import duckdb
import pytest
from click.testing import CliRunner

from eventscope.cli.main import cli
from tests.web import store_rows


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return store_rows.build(str(tmp_path_factory.mktemp("exp") / "exp.duckdb"))


def export(db: str, *args: str) -> str:
    result = CliRunner().invoke(cli, ["export", "--db", db, *args])
    assert result.exit_code == 0, result.output
    return result.output


def assert_rfc7946(fc: dict) -> None:
    """The structural rules of RFC 7946 this export relies on."""
    assert fc["type"] == "FeatureCollection" and isinstance(fc["features"], list)
    for f in fc["features"]:
        assert f["type"] == "Feature" and isinstance(f["properties"], dict)
        assert "id" not in f or isinstance(f["id"], (str, int))
        g = f["geometry"]
        if g is None:
            continue
        assert g["type"] == "Point" and len(g["coordinates"]) == 2
        lon, lat = g["coordinates"]
        assert all(isinstance(c, float) and math.isfinite(c) for c in (lon, lat))
        assert -180 <= lon <= 180 and -90 <= lat <= 90


@pytest.mark.parametrize("what, lon_key, lat_key, n", [("events", "longitude", "latitude", 3),
                                                       ("mentions", "lon", "lat", 4)])
def test_geojson_export_is_valid_with_acled_properties(db, tmp_path, what, lon_key, lat_key, n):
    path = tmp_path / f"{what}.geojson"
    export(db, "--what", what, "--format", "geojson", "-o", str(path))
    fc = json.loads(path.read_text())
    assert_rfc7946(fc)
    assert len(fc["features"]) == n
    for f in fc["features"]:  # the point is the row's own coordinates, [lon, lat] order
        p = f["properties"]
        assert f["geometry"] is None if p[lon_key] is None else f["geometry"]["coordinates"] == [p[lon_key], p[lat_key]]
    if what == "events":
        e1 = next(f for f in fc["features"] if f["id"] == "E1")["properties"]
        assert e1["event_date"] == "2014-01-07" and e1["source"] == "Al Jazeera America; BBC News"
        assert e1["fatalities"] == 10 and e1["actor1"] == store_rows.FSA


def test_geojson_export_reads_back_in_gdal(db, tmp_path):
    raw = pytest.importorskip("pyogrio.raw")
    path = tmp_path / "events.geojson"
    export(db, "--what", "events", "--format", "geojson", "-o", str(path))
    meta, _fids, geometry, fields = raw.read(str(path))
    assert meta["geometry_type"] == "Point" and meta["crs"] == "EPSG:4326"
    assert len(geometry) == 3 and sum(g is None for g in geometry) == 1
    names = list(meta["fields"])
    assert {"event_id_cnty", "event_date", "latitude", "longitude", "fatalities"} <= set(names)
    assert sorted(fields[names.index("event_id_cnty")]) == ["E1", "E2", "E3"]


def test_geojson_to_stdout_and_refused_for_other_kinds(db):
    out = CliRunner().invoke(cli, ["export", "--db", db, "--what", "events", "--format", "geojson"])
    assert out.exit_code == 0
    fc = json.loads(out.stdout)
    assert_rfc7946(fc)
    bad = CliRunner().invoke(cli, ["export", "--db", db, "--what", "relations", "--format", "geojson"])
    assert bad.exit_code == 2 and "events and mentions" in bad.output


def _types(path) -> dict[str, str]:
    return {r[0]: r[1] for r in duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()}


def test_events_parquet_reads_back_typed(db, tmp_path):
    path = tmp_path / "events.parquet"
    export(db, "--what", "events", "--format", "parquet", "-o", str(path))
    types = _types(path)
    assert types["event_date"] == "DATE" and types["year"] == "INTEGER"
    assert types["latitude"] == types["longitude"] == "DOUBLE"
    assert types["fatalities"] == types["fatalities_best"] == types["corroboration"] == "INTEGER"
    assert types["sources"] == "JSON"
    rows = duckdb.sql(f"SELECT event_id_cnty, event_date, source, fatalities_high, year "
                      f"FROM read_parquet('{path}') ORDER BY event_id_cnty").fetchall()
    assert rows[0] == ("E1", dt.date(2014, 1, 7), "Al Jazeera America; BBC News", 14, 2014)
    assert rows[2][1] is None  # undated stays null, not a made-up day


def test_mentions_parquet_reads_back_typed(db, tmp_path):
    path = tmp_path / "mentions.parquet"
    export(db, "--what", "mentions", "--format", "parquet", "-o", str(path))
    types = _types(path)
    assert types["date"] == types["published"] == "DATE"
    assert types["verified"] == "BOOLEAN" and types["confidence"] == "DOUBLE"
    assert types["geonameid"] == "BIGINT" and types["associated_actors"] == "VARCHAR[]"
    row = duckdb.sql(f"SELECT outlet, evidence, json_extract_string(evidence_spans, '$.fatalities.text') "
                     f"FROM read_parquet('{path}') WHERE mention_id = 'm1'").fetchall()[0]
    assert row[0] == "Al Jazeera America" and row[1].startswith("At least 10") and row[2] == "At least 10"


def test_parquet_needs_an_output_file_and_leaves_no_partial_file(db, tmp_path):
    bad = CliRunner().invoke(cli, ["export", "--db", db, "--what", "events", "--format", "parquet"])
    assert bad.exit_code == 2 and "-o FILE" in bad.output
    export(db, "--what", "events", "--format", "parquet", "-o", str(tmp_path / "it's.parquet"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["it's.parquet"]


def test_events_parquet_reads_back_in_pandas_with_its_types(db, tmp_path):
    import pandas as pd

    path = tmp_path / "events.parquet"
    export(db, "--what", "events", "--format", "parquet", "-o", str(path))
    df = pd.read_parquet(path, dtype_backend="pyarrow").set_index("event_id_cnty")
    assert str(df["event_date"].dtype) == "date32[day][pyarrow]"
    assert str(df["fatalities"].dtype) == "int32[pyarrow]" and str(df["latitude"].dtype) == "double[pyarrow]"
    assert df.loc["E1", "event_date"] == dt.date(2014, 1, 7) and df.loc["E1", "fatalities_high"] == 14
    assert pd.isna(df.iloc[2]["event_date"])  # undated stays null in pandas too
