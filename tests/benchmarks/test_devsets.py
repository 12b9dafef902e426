"""benchmarks/devsets.py: held-out splits never read, scoring matches hand-computed figures,
and a failing CLI fails only its set. Tiny fake git mirrors; the real CLI is never run."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "devsets.py"
GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false",
       "-c", "init.defaultBranch=main"]


def _load():
    spec = importlib.util.spec_from_file_location("devsets_bench", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["devsets_bench"] = mod
    spec.loader.exec_module(mod)
    return mod


ds = _load()


@pytest.fixture(autouse=True)
def _no_user_cache(monkeypatch, tmp_path):
    """main() copies the user's gazetteer cache into its work dir; here there is none to copy."""
    monkeypatch.setenv("EVENTSCOPE_CACHE", str(tmp_path / "no-cache"))


def _repo(mirror: Path, name: str, files: dict[str, str], bare: bool) -> None:
    """A committed snapshot at mirror/OWNER+NAME/repo: bare, or a work tree with .git."""
    src = mirror / "_src" / name.replace("/", "+") if bare else mirror / name.replace("/", "+") / "repo"
    src.mkdir(parents=True)
    for path, text in files.items():
        (src / path).parent.mkdir(parents=True, exist_ok=True)
        (src / path).write_text(text, encoding="utf-8")
    for cmd in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "snapshot"]):
        subprocess.run([*GIT, *cmd], cwd=src, check=True, capture_output=True)
    if bare:
        dest = mirror / name.replace("/", "+") / "repo"
        subprocess.run([*GIT, "clone", "-q", "--bare", str(src), str(dest)], check=True, capture_output=True)


def _hrd(eid: int, text: str, **gold: object) -> dict:
    return {"sample": {"Input.GLOBALEVENTID": eid, "Input.title": f"t{eid}", "Input.publish_date": "2021-03-08 23:00:34",
                       "Input.article_interface": f"<p>{text}</p><p>Second &amp; last.</p>"},
            "merged_sample": {"year": "2021.0", "month": "02", "date": "26.0", "city": "None",
                              "region": "Zamfara", "country": "Nigeria", **gold}}


def _ecb(sentences: list[list[str]]) -> str:
    toks = "".join(f'<token t_id="{i}{j}" sentence="{i}" number="{j}">{t}</token>'
                   for i, s in enumerate(sentences) for j, t in enumerate(s))
    return f'<Document doc_name="d">{toks}</Document>'


@pytest.fixture(scope="module")
def mirror(tmp_path_factory) -> Path:
    m = tmp_path_factory.mktemp("mirror")
    tsv = ("id\tEventSnippet\tSubType\n1\tJets struck the village.\tAIR_STRIKE\n"
           "2\tEVEN-HELD-OUT protest.\tPEACE_PROTEST\n3\tGang smuggled fuel.\tORG_CRIME\n"
           "4\tEVEN-HELD-OUT arrest.\tARREST\n")
    _repo(m, "emerging-welfare/case-2021-shared-task", {ds.CASE_TSV: tsv}, bare=False)
    _repo(m, "dataminr-ai/HRDsAttack", {
        "data/train.json": json.dumps([_hrd(11, "Girls were kidnapped in Zamfara.")]),
        "data/dev.json": json.dumps([_hrd(885531401, "A lawyer was shot.", city="City", country="USA")]),
        "data/test.json": json.dumps([_hrd(99, "TEST-HELD-OUT")])}, bare=True)
    _repo(m, "cltl/ECB-parser", {
        "ECB+/1/1_1ecb.xml": _ecb([["Lindsay", "Lohan", "checks", "into", "rehab", "."]]),
        "ECB+/1/1_2ecbplus.xml": _ecb([["http", "://", "example.org/a"], ["A", "55", "-", "year", "-",
                                                                         "old", "star", "left", "."]]),
        "ECB+/36/36_1ecb.xml": _ecb([["TOPIC36-HELD-OUT"]])}, bare=False)
    return m


def _texts(indir: Path) -> str:
    return "\n".join(p.read_text() for p in sorted(indir.iterdir()))


def test_case_reads_odd_ids_only(mirror, tmp_path):
    gold, n = ds.Case21().prepare(mirror, tmp_path / "in")
    assert gold == [("1", "AIR_STRIKE"), ("3", "ORG_CRIME")] and n == 2
    assert sorted(p.name for p in (tmp_path / "in").iterdir()) == ["1.txt", "3.txt", "articles.jsonl"]
    assert "EVEN-HELD-OUT" not in _texts(tmp_path / "in")


def test_hrds_reads_train_and_dev_with_published_dates(mirror, tmp_path):
    gold, n = ds.HRDsAttack().prepare(mirror, tmp_path / "in")
    assert [g[0] for g in gold] == ["11", "885531401"] and n == 2
    assert "TEST-HELD-OUT" not in _texts(tmp_path / "in")
    assert (tmp_path / "in" / "11.txt").read_text() == "Girls were kidnapped in Zamfara.\n\nSecond & last.\n"
    meta = [json.loads(x) for x in (tmp_path / "in" / "articles.jsonl").read_text().splitlines()]
    assert meta[0] == {"file": "11.txt", "url": None, "outlet": None, "published": "2021-03-08",
                       "language": "en", "title": "t11"}
    assert gold[0][1] == {"year": 2021, "month": 2, "day": 26, "country": "Nigeria", "city": None}
    # the authors' correction for 885531401 (day 13, year 1839) and the 'City' -> 'Pune' fix
    assert gold[1][1] == {"year": 1839, "month": 2, "day": 13, "country": "USA", "city": "Pune"}


def test_ecb_reads_dev_topics_and_moves_url_to_metadata(mirror, tmp_path):
    gold, n = ds.ECBPlus().prepare(mirror, tmp_path / "in")
    assert gold == {"1_1ecb": "1_ecb", "1_2ecbplus": "1_ecbplus"} and n == 2
    assert "TOPIC36-HELD-OUT" not in _texts(tmp_path / "in")
    assert (tmp_path / "in" / "1_2ecbplus.txt").read_text() == "A 55-year-old star left.\n"
    meta = {m["file"]: m for m in map(json.loads, (tmp_path / "in" / "articles.jsonl").read_text().splitlines())}
    assert meta["1_2ecbplus.txt"]["url"] == "http://example.org/a" and meta["1_1ecb.txt"]["url"] is None


def test_weighted_f1_hand_computed():
    # A: P 1, R 1/2, F 2/3 (support 2); B: P 1/2, R 1, F 2/3 (1); C: F 0 (1); "none": F 0 (0)
    s = ds.f1_scores(["A", "A", "B", "C"], ["A", "B", "B", "none"])
    assert s["weighted_F1"] == pytest.approx((2 / 3 * 2 + 2 / 3) / 4)
    assert s["macro_F1"] == pytest.approx((2 / 3 + 2 / 3) / 4)  # union of gold and predicted labels
    assert s["accuracy"] == pytest.approx(0.5)


def test_bcubed_hand_computed():
    # one predicted cluster for all four: a, b, c get P 3/4 and d gets P 1/4; recall is 1
    p, r, f = ds.bcubed({"a": "1", "b": "1", "c": "1", "d": "2"}, dict.fromkeys("abcd", "X"))
    assert (p, r) == (pytest.approx(0.625), pytest.approx(1.0))
    assert f == pytest.approx(2 * 0.625 / 1.625)


def test_case_score_takes_most_confident_mention(tmp_path):
    rows = [{"article": "1.txt", "sub_event_type": "Armed clash", "confidence": 0.4},
            {"article": "1.txt", "sub_event_type": "Air/drone strike", "confidence": 0.9},
            {"article": "5.txt", "sub_event_type": "Peaceful protest", "confidence": 0.8}]
    (tmp_path / "mentions.jsonl").write_text("\n".join(map(json.dumps, rows)) + "\nnot json\n")
    res = ds.Case21().score([("1", "AIR_STRIKE"), ("3", "ORG_CRIME"), ("5", "ARREST"), ("7", "GRENADE")], tmp_path)
    assert res["acled_n"] == 3 and res["accuracy"] == pytest.approx(1 / 3)
    assert res["no_mention_rate"] == pytest.approx(1 / 3) and res["controls_no_event_rate"] == 1.0
    assert ds.top_mention([{"score": 1}, {"confidence": 0.2}]) == {"score": 1}
    assert ds.top_mention([{"a": 1}, {"a": 2}]) == {"a": 1} and ds.top_mention([]) is None


def test_hrds_field_reading():
    h = ds.HRDsAttack()
    thin = {"article": "1.txt", "date": "2020-01-01", "date_precision": "day"}
    full = {"article": "1.txt", "date": "2021-03-05", "date_precision": "month", "country": "Nigeria",
            "location": "Nigeria", "admin1": "Zamfara", "geo_precision": 3, "fatalities": 0}
    assert h.pred([thin, full]) == {"year": 2021, "month": 3, "day": None, "country": "Nigeria", "city": None}
    assert h.pred([{**full, "location": "Zamfara"}])["city"] is None  # admin1 at geo precision 3
    assert h.pred([{**full, "location": "Zamfara", "geo_precision": 2}])["city"] == "Zamfara"
    assert h.pred([{**full, "date": "2021-03-05", "date_precision": "day", "location": "Gusau"}])["day"] == 5
    assert h.pred([]) == dict.fromkeys(ds.HRDS_FIELDS)
    assert h.same("country", "USA", "United States") and not h.same("country", "USA", "United States", False)
    assert h.same("city", "São Paulo", "sao paulo") and h.same("day", None, None) and not h.same("day", 5, None)
    assert h.month("Ocober") == 10 and h.month("n/a") is None and h.month("unknown") == "unknown"


def test_hrds_and_ecb_scores(tmp_path):
    gold = [("1", {"year": 2021, "month": 3, "day": 5, "country": "USA", "city": None}),
            ("2", {"year": 2020, "month": None, "day": None, "country": "Iran", "city": "Tehran"})]
    (tmp_path / "mentions.jsonl").write_text(json.dumps(
        {"article": "1.txt", "date": "2021-03-05", "date_precision": "day", "country": "United States"}))
    res = ds.HRDsAttack().score(gold, tmp_path)
    assert res["articles_with_mentions"] == 1 and res["day_acc_on_gold"] == 1.0
    assert res["year_acc_on_gold"] == 0.5 and res["city_acc_on_gold"] == 0.0
    assert res["country_acc_on_gold"] == 0.5 and res["country_strict_acc_on_gold"] == 0.0
    (tmp_path / "stories.jsonl").write_text(
        "\n".join(json.dumps({"article": f"{a}.txt", "story": s}) for a, s in [("x", "S1"), ("y", "S1")]))
    res = ds.ECBPlus().score({"x": "1_ecb", "y": "1_ecb", "z": "1_ecbplus"}, tmp_path)
    assert res["bcubed_F1"] == 1.0 and res["docs_missing_from_export"] == 1 and res["predicted_stories"] == 2


def _fake_cli(tmp_path: Path, fail_on: str, code: int = 126, say: str = "boom: model missing") -> Path:
    """A stand-in `eventscope`: `run` makes the db; `export` writes an empty file; `fail_on` prints
    `say` and exits with `code`."""
    es = tmp_path / f"eventscope-{fail_on}-{code}"
    es.write_text(f"""#!{sys.executable}
import sys
a = sys.argv[1:]
open(a[a.index("--db") + 1] if a[0] == "run" else a[a.index("-o") + 1], "w").close()
if a[0] == {fail_on!r}:
    print({say!r}); sys.exit({code})
""")
    es.chmod(0o755)
    return es


def test_main_reports_a_failed_set_and_runs_the_others(mirror, tmp_path, capsys):
    out, es = tmp_path / "r.json", str(_fake_cli(tmp_path, "never"))
    rc = ds.main(["--mirror", str(mirror), "--only", "ecbplus,case21", "--eventscope", es, "--json", str(out)])
    res = json.loads(out.read_text())
    assert rc == 1 and "stories gave nothing" in res["ecbplus"]["error"]  # the fake exports nothing
    assert res["case21"]["acled_n"] == 1 and res["case21"]["weighted_F1"] == 0.0
    assert res["case21"]["controls_no_event_rate"] == 1.0 and res["case21"]["failed_inputs"] == 0
    assert "case21      weighted_F1" in capsys.readouterr().out
    assert os.environ["EVENTSCOPE_CACHE"] == str(tmp_path / "no-cache")  # the CLI's env, not ours


def test_a_failed_cli_call_carries_its_log_tail(mirror, tmp_path):
    out, keep = tmp_path / "r.json", tmp_path / "keep"
    rc = ds.main(["--mirror", str(mirror), "--only", "case21", "--eventscope", str(_fake_cli(tmp_path, "run")),
                  "--json", str(out), "--keep", str(keep)])
    err = json.loads(out.read_text())["case21"]["error"]
    assert rc == 1 and "eventscope run failed (exit 126" in err and "boom: model missing" in err
    assert [p.name for p in keep.glob("devsets-*/case21/run.log")] == ["run.log"]


def test_run_exit_1_is_one_bad_input_unless_it_crashed(mirror, tmp_path):
    out = tmp_path / "r.json"
    one_bad = _fake_cli(tmp_path, "run", 1, "509 articles read, 0 skipped as duplicates, 1 failed")
    assert ds.main(["--mirror", str(mirror), "--only", "case21", "--eventscope", str(one_bad), "--json", str(out)]) == 0
    assert json.loads(out.read_text())["case21"]["failed_inputs"] == 1
    crash = _fake_cli(tmp_path, "run", 1, "Traceback (most recent call last): ImportError")
    assert ds.main(["--mirror", str(mirror), "--only", "case21", "--eventscope", str(crash), "--json", str(out)]) == 1
    assert "ImportError" in json.loads(out.read_text())["case21"]["error"]
