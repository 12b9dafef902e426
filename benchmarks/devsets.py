#!/usr/bin/env python3
"""Run the main job over the public dev sets and print one table.

    python benchmarks/devsets.py --mirror DIR [--only case21,hrdsattack,ecbplus]
        [--eventscope PATH] [--json OUT] [--keep DIR (keep the work dir there)] [--timeout SECONDS]

DIR holds `fetch` snapshots as OWNER+NAME/repo (bare, or with a .git inside). Each set goes through
the CLI (`run`, `export`), so the figures are those of the command an analyst runs. Only dev splits
are read (CASE odd ids, HRDsAttack train + dev, ECB+ topics 1-35): the others judge the project.
Scoring follows ../shared/devsets/; a failed CLI call fails its set only; files go to one temp dir.
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

Row = dict[str, Any]

# CASE 2021 Task 2 codes -> ACLED (codebook 2019) sub-event types, the taxonomy the task names.
CASE_CODES = {
    "ARMED_CLASH": "Armed clash", "GOV_REGAINS_TERIT": "Government regains territory", "OTHER": "Other",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory", "GRENADE": "Grenade",
    "CHEM_WEAP": "Chemical weapon", "AIR_STRIKE": "Air/drone strike", "SUIC_BOMB": "Suicide bomb",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack", "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence", "ATTACK": "Attack", "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "PEACE_PROTEST": "Peaceful protest", "PROTEST_WITH_INTER": "Protest with intervention",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters", "MOB_VIOL": "Mob violence",
    "VIOL_DEMONSTR": "Violent demonstration", "AGREEMENT": "Agreement", "ARREST": "Arrests",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity", "DISR_WEAP": "Disrupted weapons use",
    "HQ_ESTABLISHED": "Headquarters or base established", "PROPERTY_DISTRUCT": "Looting/property destruction",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory"}
CASE_CONTROLS = {"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"}
CASE_TSV = "task2/test_dataset/test_set_final_release_with_labels.tsv"
HRDS_SPLITS = ("data/train.json", "data/dev.json")  # data/test.json is held out
HRDS_FIELDS = ("year", "month", "day", "country", "city")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
# The HRDsAttack authors' own gold corrections (their load_examples), keyed by GLOBALEVENTID.
HRDS_FIXES = {1004122033: {"date": "09", "year": "2021", "month": "September"},
              885531401: {"date": "13", "year": "1839"}, 876209412: {"month": "March", "year": "2015"}}
# Standard names of one country, so that "USA" and "United States" both score as right.
COUNTRY_NAMES = (
    "united states|united states of america|usa|us|u s|u s a|america;united kingdom|uk|u k|great britain"
    "|britain|england|scotland|wales|northern ireland|united kingdom of great britain and northern ireland;"
    "china|people s republic of china|prc;palestine|state of palestine|palestinian territory|palestinian"
    " territories|occupied palestinian territory;russia|russian federation;iran|islamic republic of iran;"
    "syria|syrian arab republic;myanmar|burma;vietnam|viet nam;south korea|republic of korea|korea republic"
    " of;north korea|dprk|democratic people s republic of korea;democratic republic of the congo|dr congo"
    "|drc|congo kinshasa;republic of the congo|congo brazzaville;cote d ivoire|ivory coast;turkey|turkiye;"
    "united arab emirates|uae;czechia|czech republic;laos|lao people s democratic republic;tanzania"
    "|united republic of tanzania")
COUNTRY = {v: min(g.split("|")) for g in COUNTRY_NAMES.split(";") for v in g.split("|")}
ECB_TOPICS = range(1, 36)  # 36-45 are held out


class SetFailed(Exception):
    """A dev set could not be prepared, run or exported; the message is for the reader."""


def fold(s: object) -> str:
    """Case-, accent- and punctuation-blind form, so 'Côte d'Ivoire' equals 'cote d ivoire'."""
    s = unicodedata.normalize("NFKD", "" if s is None else str(s)).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", s.lower()).split())


def git(mirror: Path, repo: str, *args: str) -> bytes:
    """One git call on a snapshot (bare, or a work tree's .git); a failure fails the set only."""
    gd = mirror / repo.replace("/", "+") / "repo"
    gd = gd / ".git" if (gd / ".git").is_dir() else gd
    p = subprocess.run(["git", f"--git-dir={gd}", *args], capture_output=True)
    if p.returncode:
        raise SetFailed(f"git {' '.join(args)} in {gd}: {p.stderr.decode(errors='replace').strip()}")
    return p.stdout


def write_inputs(indir: Path, docs: list[tuple[str, str, Row]]) -> int:
    """NAME.txt per document plus the articles.jsonl sidecar that `eventscope run` reads."""
    indir.mkdir(parents=True)
    with (indir / "articles.jsonl").open("w", encoding="utf-8") as meta:
        for name, text, extra in docs:
            (indir / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
            row = {"file": f"{name}.txt", "url": None, "outlet": None, "published": None,
                   "language": "en", "title": None, **extra}
            meta.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(docs)


def by_article(path: Path) -> dict[str, list[Row]]:
    """Export rows by input file stem (our document id), in file order; a broken line scores as a miss."""
    out: dict[str, list[Row]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines() if path.exists() else []:
        try:
            r = json.loads(line)
        except ValueError:
            continue
        if isinstance(r, dict):
            out[Path(str(r.get("article") or r.get("file") or "")).stem].append(r)
    return out


def f1_scores(y_true: list[str], y_pred: list[str]) -> dict[str, float]:
    """sklearn's average='weighted' and 'macro' F1 (zero_division=0) and accuracy, in plain
    Python: weights are gold support; macro runs over the union of gold and predicted labels."""
    tp = Counter(t for t, p in zip(y_true, y_pred, strict=True) if t == p)
    n_true, n_pred = Counter(y_true), Counter(y_pred)
    f1 = {}
    for lab in set(n_true) | set(n_pred):
        prec, rec = tp[lab] / (n_pred[lab] or 1), tp[lab] / (n_true[lab] or 1)
        f1[lab] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"weighted_F1": sum(f * n_true[lab] for lab, f in f1.items()) / (len(y_true) or 1),
            "macro_F1": sum(f1.values()) / (len(f1) or 1), "accuracy": tp.total() / (len(y_true) or 1)}


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 over the items of gold (pred must cover them)."""
    g_sets, p_sets = defaultdict[str, set[str]](set), defaultdict[str, set[str]](set)
    for item, g in gold.items():
        g_sets[g].add(item)
        p_sets[pred[item]].add(item)
    n = len(gold) or 1
    prec = sum(len(g_sets[g] & p_sets[pred[i]]) / len(p_sets[pred[i]]) for i, g in gold.items()) / n
    rec = sum(len(g_sets[g] & p_sets[pred[i]]) / len(g_sets[g]) for i, g in gold.items()) / n
    return prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def top_mention(ms: list[Row]) -> Row | None:
    """The mention the system is surest of (highest numeric confidence, first on ties), else the first."""
    def conf(m: Row) -> float | None:
        vals = (m.get(k) for k in ("confidence", "score"))
        return next((float(v) for v in vals if isinstance(v, int | float) and not isinstance(v, bool)), None)
    return max(enumerate(ms), key=lambda im: (conf(im[1]) is not None, conf(im[1]) or 0.0, -im[0]),
               default=(0, None))[1]


class Case21:
    """CASE 2021 Task 2: the ACLED sub-type of a snippet. The even ids are held out."""

    export = "mentions"
    sub_code = {fold(s): c for c, s in CASE_CODES.items()}

    def prepare(self, mirror: Path, indir: Path) -> tuple[list[tuple[str, str]], int]:
        """One .txt per snippet with an odd id; even-id rows are dropped as they are parsed."""
        raw = git(mirror, "emerging-welfare/case-2021-shared-task", "show", f"HEAD:{CASE_TSV}").decode()
        reader = csv.reader(io.StringIO(raw, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE)
        if next(reader, None) != ["id", "EventSnippet", "SubType"]:
            raise SetFailed(f"{CASE_TSV}: unexpected header")
        rows = [r[:3] for r in reader if len(r) >= 3 and r[0].strip().isdigit() and int(r[0]) % 2 == 1]
        n = write_inputs(indir, [(sid.strip(), text, {}) for sid, text, _ in rows])
        return [(sid.strip(), code) for sid, _, code in rows], n

    def score(self, gold: list[tuple[str, str]], work: Path) -> Row:
        """Sub-type F1 over the ACLED snippets; the controls should yield no event at all."""
        preds = by_article(work / "mentions.jsonl")
        acled = [(sid, code) for sid, code in gold if code in CASE_CODES]
        controls = [sid for sid, code in gold if code in CASE_CONTROLS]
        tops = [top_mention(preds.get(sid, [])) for sid, _ in acled]  # no mention -> "none"
        y_pred = ["none" if m is None else self.sub_code.get(fold(m.get("sub_event_type")),
                                                              f"?{m.get('sub_event_type')}") for m in tops]
        return {"snippets": len(gold), "acled_n": len(acled), **f1_scores([c for _, c in acled], y_pred),
                "no_mention_rate": y_pred.count("none") / (len(acled) or 1), "controls_n": len(controls),
                "controls_no_event_rate": sum(not preds.get(c) for c in controls) / (len(controls) or 1),
                "mentions_per_snippet": sum(len(preds.get(s, [])) for s, _ in gold) / (len(gold) or 1),
                **self.by_confidence(tops, [c for _, c in acled], y_pred),
                **self.calibration(tops, [c for _, c in acled], y_pred,
                                   [top_mention(preds[c]) for c in controls if preds.get(c)])}

    @staticmethod
    def by_confidence(tops: list[Row | None], y_true: list[str], y_pred: list[str]) -> Row:
        """Precision (right sub-type) / recall of the top mentions kept at each confidence floor."""
        out: Row = {}
        for floor in (0.0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
            kept = [t == p for m, t, p in zip(tops, y_true, y_pred, strict=True)
                    if m is not None and float(m.get("confidence") or 0) >= floor]
            out[f"P/R at confidence >= {floor:.1f}"] = f"{sum(kept) / (len(kept) or 1):.3f} / {sum(kept) / (len(y_true) or 1):.3f} (n={len(kept)})"
        return out


    @staticmethod
    def calibration(tops: list[Row | None], y_true: list[str], y_pred: list[str],
                    control_tops: list[Row | None]) -> Row:
        """Reliability of the top mentions' confidence: in each band, the mean confidence
        beside the share that is right (the right sub-type; any mention on a control is
        wrong), and the expected calibration error over all of them."""
        pairs = [(float(m.get("confidence") or 0), t == p)
                 for m, t, p in zip(tops, y_true, y_pred, strict=True) if m is not None]
        pairs += [(float(m.get("confidence") or 0), False) for m in control_tops if m is not None]
        out: Row = {}
        ece = 0.0
        bands = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))
        for lo, hi in bands:
            band = [(c, ok) for c, ok in pairs if lo <= c < hi]
            if not band:
                continue
            mean_c, acc = sum(c for c, _ in band) / len(band), sum(ok for _, ok in band) / len(band)
            ece += len(band) / len(pairs) * abs(mean_c - acc)
            out[f"confidence {lo:.1f}-{min(hi, 1.0):.1f}: mean / right"] = f"{mean_c:.3f} / {acc:.3f} (n={len(band)})"
        out["expected_calibration_error"] = round(ece, 3)
        return out


class HRDsAttack:
    """HRDsAttack: date and place of the attack a full article reports. Test is held out."""

    export = "mentions"

    def prepare(self, mirror: Path, indir: Path) -> tuple[list[tuple[str, Row]], int]:
        """Full articles of train + dev, with their publication date as sidecar metadata."""
        def text(page: str) -> str:  # the article HTML -> its paragraphs, a blank line between
            paras = (html.unescape(re.sub(r"<[^>]+>", " ", p)) for p in re.split(r"</p\s*>", page))
            return "\n\n".join(q for p in paras if (q := re.sub(r"[ \t\r\f\v]+", " ", p).strip()))
        recs = [r for f in HRDS_SPLITS for r in json.loads(git(mirror, "dataminr-ai/HRDsAttack", "show", f"HEAD:{f}"))]
        docs = [(str(r["sample"]["Input.GLOBALEVENTID"]), text(r["sample"]["Input.article_interface"]),
                 {"published": (r["sample"].get("Input.publish_date") or "")[:10] or None,
                  "title": r["sample"].get("Input.title")}) for r in recs]
        return [(d[0], self.gold(r)) for d, r in zip(docs, recs, strict=True)], write_inputs(indir, docs)

    def place(self, x: object) -> str | None:
        """A place name, or None for the dataset's and the exports' ways of saying 'unknown'."""
        return None if x is None or str(x).strip().lower() in ("", "n/a", "none") else str(x).strip()

    def num(self, x: object) -> int | None:
        """'2021.0' -> 2021, as the authors read years and days; '' or junk -> None."""
        try:
            return int(float(str(x).strip()))
        except (TypeError, ValueError):
            return None

    def month(self, x: object) -> int | str | None:
        """Month name or number -> 1..12; an unreadable value stays a string that never matches."""
        s = "" if x is None else str(x).strip().lower()
        s = {"decenmber": "december", "ocober": "october"}.get(s, s)
        if s in ("", "none", "n/a", "n//a"):
            return None
        n = MONTHS.index(s) + 1 if s in MONTHS else self.num(s)
        return n if n and 1 <= n <= 12 else s

    def gold(self, rec: Row) -> Row:
        """One article's gold, normalised like the authors' loader (with their corrections)."""
        g = {**rec["merged_sample"], **HRDS_FIXES.get(self.num(rec["sample"]["Input.GLOBALEVENTID"]) or 0, {})}
        city = self.place(g.get("city"))
        return {"year": self.num(g.get("year")) if g.get("year") else None, "month": self.month(g.get("month")),
                "day": self.num(g.get("date")) if g.get("date") else None,
                "country": self.place(g.get("country")), "city": "Pune" if city == "City" else city}

    def pred(self, ms: list[Row]) -> Row:
        """The fullest mention (first on ties) answers: year/month/day from its date cut to its
        precision, its country, its location as city unless that names the country (or admin1)."""
        p: Row = dict.fromkeys(HRDS_FIELDS)
        if not ms:
            return p
        skip = {"article", "evidence", "event_id", "file"}  # max() keeps the first on ties
        m = max(ms, key=lambda m: sum(k not in skip and v not in (None, "", [], {}) for k, v in m.items()))
        if d := re.match(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", str(m.get("date") or "")):
            prec = str(m.get("date_precision") or "").lower()
            p["year"] = int(d.group(1))
            p["month"] = int(d.group(2)) if d.group(2) and prec != "year" else None
            p["day"] = int(d.group(3)) if d.group(3) and prec not in ("month", "year") else None
        p["country"], city = self.place(m.get("country")), self.place(m.get("location"))
        region = str(m.get("geo_precision")) == "3" and fold(city) == fold(self.place(m.get("admin1")))
        p["city"] = None if city and (fold(city) == fold(p["country"]) or region) else city
        return p

    def same(self, field: str, g: object, p: object, lenient: bool = True) -> bool:
        """Numbers compare equal; names folded (countries through the variant table)."""
        if g is None or p is None or field in ("year", "month", "day"):
            return g == p
        fg, fp = fold(g), fold(p)
        if lenient and field == "country":
            fg, fp = COUNTRY.get(fg, fg), COUNTRY.get(fp, fp)
        return fg == fp

    def score(self, gold: list[tuple[str, Row]], work: Path) -> Row:
        """Per field, accuracy over the articles whose gold is not null (the paper's view)."""
        preds = by_article(work / "mentions.jsonl")
        pairs = [(g, self.pred(preds.get(aid, []))) for aid, g in gold]
        res: Row = {"articles": len(gold), "articles_with_mentions": sum(bool(preds.get(a)) for a, _ in gold)}
        for field, lenient, key in [(f, True, f) for f in HRDS_FIELDS] + [("country", False, "country_strict")]:
            ok = [self.same(field, g[field], p[field], lenient) for g, p in pairs if g[field] is not None]
            res[f"{key}_acc_on_gold"] = sum(ok) / (len(ok) or 1)
        return res


class ECBPlus:
    """ECB+ topics 1-35 as story clustering: gold story = subtopic (two real events a topic)."""

    export = "stories"

    def prepare(self, mirror: Path, indir: Path) -> tuple[dict[str, str], int]:
        """The dev topics' documents (git is asked for nothing else); gold = topic + ecb/ecbplus."""
        names = git(mirror, "cltl/ECB-parser", "ls-tree", "--name-only", "HEAD", "ECB+/").decode().split("\n")
        topics = [p for p in names if p[5:].isdigit() and int(p[5:]) in ECB_TOPICS]
        if not topics:
            raise SetFailed("no ECB+ dev topics in the snapshot")
        gold, docs = {}, []
        with tarfile.open(fileobj=io.BytesIO(git(mirror, "cltl/ECB-parser", "archive", "HEAD", *topics))) as tar:
            for m in (m for m in tar.getmembers() if m.isfile() and m.name.endswith(".xml")):
                stem, topic = Path(m.name).stem, Path(m.name).parent.name
                url, text = self.doc(tar.extractfile(m).read())  # type: ignore[union-attr]
                gold[stem] = f"{topic}_{'ecbplus' if 'plus' in stem else 'ecb'}"
                docs.append((stem, text, {"url": url, "title": text.split("\n", 1)[0][:300]}))
        return gold, write_inputs(indir, docs)

    def doc(self, xml: bytes) -> tuple[str | None, str]:
        """(source URL, text): 'plus' documents open with their address as sentence 0 (metadata)."""
        sents: dict[int, list[str]] = defaultdict(list)
        for tok in ET.fromstring(xml).iter("token"):
            sents[int(tok.get("sentence") or 0)].append(tok.text or "")
        url = "".join(sents[0]) if (sents.get(0) or [""])[0].lower() in ("http", "https", "www") else None
        text = "\n".join(self.detok(sents[k]) for k in sorted(sents) if k or url is None)
        return url, re.sub(r'"[ ]?([^"]*?)[ ]?"', r'"\1"', text)  # plain quotes open and close in turn

    @staticmethod
    def detok(tokens: list[str]) -> str:
        """Tokens -> prose the NLP reads as news: no space before closing punctuation and
        clitics or after opening brackets; `` and '' become '"'; '55 - year' -> '55-year'."""
        s = " ".join(tokens).replace("``", '"').replace("''", '"')
        s = re.sub(r"(?<=[A-Za-z0-9]) (-) (?=[A-Za-z0-9])|(?<=\d) (:) (?=\d)", lambda m: m[1] or m[2], s)
        s = re.sub(r" (?=[,.;:!?)\]}%]|'(?:s|S|re|ve|ll|d|m)\b|'(?: |$)|n't\b|’s\b|\.\.\.)", "", s)
        return re.sub(r"([(\[{$#]) ", r"\1", s)

    def score(self, gold: dict[str, str], work: Path) -> Row:
        """Story B-cubed over documents; a document missing from the export is its own story."""
        pred = {a: str(rows[0].get("story")) for a, rows in by_article(work / "stories.jsonl").items()}
        if not pred:
            raise SetFailed(f"export --what stories gave nothing (log: {work / 'export.log'})")
        full = {d: pred.get(d, f"__alone__{d}") for d in gold}
        prec, rec, f1 = bcubed(gold, full)
        return {"documents": len(gold), "gold_stories": len(set(gold.values())),
                "predicted_stories": len(set(full.values())), "bcubed_P": prec, "bcubed_R": rec,
                "bcubed_F1": f1, "docs_missing_from_export": sum(d not in pred for d in gold)}


DEVSETS: dict[str, Case21 | HRDsAttack | ECBPlus] = {
    "case21": Case21(), "hrdsattack": HRDsAttack(), "ecbplus": ECBPlus()}


def cli(es: str, args: list[str], work: Path, log: str, timeout: float, env: dict[str, str], ok: range,
        says: str = "") -> int:
    """One CLI call in the work dir (stray files land there); a failure carries the log tail. `run` exits
    with its count of failed inputs (scored as misses), and 1 on a crash too: so it must say `says`."""
    with (work / log).open("a", encoding="utf-8") as fh:
        try:
            rc: int | None = subprocess.run([es, *args], cwd=work, stdout=fh, stderr=subprocess.STDOUT,
                                            timeout=timeout, env=env).returncode
        except subprocess.TimeoutExpired:
            rc = None
    why = f"exit {rc}" if rc is not None else f"timed out after {timeout:.0f} s"
    text = (work / log).read_text(encoding="utf-8", errors="replace")
    if rc not in ok or (rc and says not in text):
        tail = "\n".join(text.splitlines()[-20:])
        raise SetFailed(f"eventscope {args[0]} failed ({why}, log {work / log}):\n{tail}")
    return rc or 0


def run_set(name: str, mirror: Path, es: str, work: Path, timeout: float, env: dict[str, str]) -> Row:
    """Prepare, run (timed), export and score one dev set."""
    ds = DEVSETS[name]
    gold, n = ds.prepare(mirror, work / "in")
    db, out = str(work / "db.duckdb"), str(work / f"{ds.export}.jsonl")
    t0 = time.perf_counter()
    failed = cli(es, ["run", str(work / "in"), "--db", db, "--quiet"], work, "run.log", timeout, env, range(126),
                 says=" articles read, ")
    secs = time.perf_counter() - t0
    cli(es, ["export", "--db", db, "--what", ds.export, "--format", "jsonl", "-o", out],
        work, "export.log", timeout, env, range(1))
    return {**ds.score(gold, work), "failed_inputs": failed, "run_seconds": round(secs, 2),
            "articles_per_s": round(n / secs, 2) if secs else 0.0}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mirror", required=True, type=Path, help="folder of OWNER+NAME/repo snapshots")
    ap.add_argument("--only", default=",".join(DEVSETS), help="comma-separated: " + ",".join(DEVSETS))
    ap.add_argument("--eventscope", help="the CLI to run (default: beside python, else on PATH)")
    ap.add_argument("--json", type=Path, help="also write the results here as JSON")
    ap.add_argument("--keep", type=Path, help="keep the work dir (inputs, logs, exports) under DIR")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds allowed per CLI call")
    args = ap.parse_args(argv)
    names = [n.strip() for n in args.only.split(",") if n.strip()]
    if unknown := [n for n in names if n not in DEVSETS]:
        ap.error(f"unknown dev set(s): {', '.join(unknown)}")
    beside = Path(sys.executable).parent / "eventscope"
    es = args.eventscope or (str(beside) if beside.exists() else shutil.which("eventscope"))
    if not es:
        ap.error("no eventscope beside python or on PATH; give --eventscope")
    (args.keep or Path(tempfile.gettempdir())).mkdir(parents=True, exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix="devsets-", dir=args.keep))
    # The CLI writes nothing outside root: no bytecode; its gazetteer cache is a copy of the user's.
    user_cache = Path(os.environ.get("EVENTSCOPE_CACHE") or Path.home() / ".cache" / "eventscope")
    env = {**os.environ, "EVENTSCOPE_CACHE": str(root / "cache"), "PYTHONDONTWRITEBYTECODE": "1"}
    results: dict[str, Row] = {}
    try:
        if user_cache.is_dir():
            shutil.copytree(user_cache, root / "cache")
        for name in names:
            (work := root / name).mkdir()
            print(f"== {name} (work dir {work})", file=sys.stderr)
            try:
                results[name] = run_set(name, args.mirror.resolve(), es, work, args.timeout, env)
            except (SetFailed, ET.ParseError, ValueError, KeyError, OSError, tarfile.TarError) as e:
                print(f"{name} FAILED: {e}", file=sys.stderr)
                results[name] = {"error": str(e)}
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    print(f"{'dev set':<11} {'metric':<32} value\n" + "-" * 60)
    for name, res in results.items():
        for k, v in res.items():
            val = f"{v:.3f}" if isinstance(v, float) else str(v).replace("\n", " | ")[:400]
            print(f"{name:<11} {k:<32} {val}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if any("error" in r for r in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
