"""Labelled sentences for the event model, from the project's own corpus and public splits.

Public text is read from fetched snapshots (bare git directories under a mirror folder,
as the `fetch` tool lays them out) at training time and never written into the project.
Only the splits named in shared/DATASETS.md are read: CASE 2021 Task 2 odd ids, the
ConfliBERT copies of IndiaPoliceEvents and CAMEO-class train files.
"""

from __future__ import annotations

import csv
import io
import subprocess
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from eventscope.extract.sentence_events import TYPE_OF_SUB

NONE = "none"

SUB_TYPES = tuple(TYPE_OF_SUB)  # the 25 ACLED sub-event types, in the codebook's order
LABELS = (*SUB_TYPES, NONE)

# CASE 2021 Task 2 codes -> ACLED sub-event names; the five non-ACLED controls are "none".
CASE_CODES = {
    "ARMED_CLASH": "Armed clash", "GOV_REGAINS_TERIT": "Government regains territory",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "CHEM_WEAP": "Chemical weapon", "AIR_STRIKE": "Air/drone strike", "SUIC_BOMB": "Suicide bomb",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "REM_EXPLOS": "Remote explosive/landmine/IED", "GRENADE": "Grenade",
    "SEX_VIOL": "Sexual violence", "ATTACK": "Attack",
    "ABDUCT_DISSAP": "Abduction/forced disappearance", "PEACE_PROTEST": "Peaceful protest",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "VIOL_DEMONSTR": "Violent demonstration", "MOB_VIOL": "Mob violence", "AGREEMENT": "Agreement",
    "ARREST": "Arrests", "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "DISR_WEAP": "Disrupted weapons use", "HQ_ESTABLISHED": "Headquarters or base established",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory", "OTHER": "Other",
    "ORG_CRIME": NONE, "NATURAL_DISASTER": NONE, "MAN_MADE_DISASTER": NONE, "DIPLO": NONE,
    "ATTRIB": NONE,
}


@dataclass(frozen=True)
class Example:
    text: str
    label: str
    source: str  # corpus name, for provenance and per-source figures
    key: str = ""  # an id within the source (CASE snippet id), for folds


def own_corpus() -> list[Example]:
    """The project's hand-written sentences (src/eventscope/data/training/)."""
    path = resources.files("eventscope.data") / "training" / "event_sentences.v1.tsv"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    rows = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    header, body = rows[0], rows[1:]
    col = {name: i for i, name in enumerate(header)}
    out = []
    for n, row in enumerate(body):
        label = row[col["label"]]
        if label not in LABELS:
            raise ValueError(f"event_sentences.v1.tsv row {n + 2}: unknown label {label!r}")
        out.append(Example(row[col["text"]], label, "eventscope", f"own-{n}"))
    return out


def _gitdir(mirror: Path, repo: str) -> Path:
    base = mirror / repo.replace("/", "+") / "repo"
    return base / ".git" if (base / ".git").is_dir() else base


def _show(mirror: Path, repo: str, path: str) -> str:
    out = subprocess.run(["git", "--git-dir", str(_gitdir(mirror, repo)), "show", f"HEAD:{path}"],
                         capture_output=True, check=True)
    return out.stdout.decode("utf-8", errors="replace")


def case_odd(mirror: Path) -> list[Example]:
    """CASE 2021 Task 2 test snippets with an odd id (the dev half; even ids are held out)."""
    text = _show(mirror, "emerging-welfare/case-2021-shared-task",
                 "task2/test_dataset/test_set_final_release_with_labels.tsv")
    rows = list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    out = []
    for row in rows[1:]:
        if len(row) >= 3 and row[0].isdigit() and int(row[0]) % 2 == 1:
            out.append(Example(row[1], CASE_CODES[row[2]], "case2021-odd", row[0]))
    return out


def india_police_arrests(mirror: Path) -> list[Example]:
    """IndiaPoliceEvents sentences (train + dev) labelled ARREST only: ACLED 'Arrests'.

    Columns after the text: kill, arrest, any action, fail to act, force. Sentences with
    no police action are not used as negatives: many still tell riots the police missed.
    """
    out = []
    for split in ("train", "dev"):
        text = _show(mirror, "eventdata/ConfliBERT", f"data/IndiaPoliceEvents_sents/{split}.tsv")
        for n, line in enumerate(text.splitlines()):
            parts = line.split("\t")
            if len(parts) == 6 and parts[1:] == ["0", "1", "1", "0", "0"] and len(parts[0].split()) >= 6:
                out.append(Example(parts[0], "Arrests", "indiapoliceevents", f"{split}-{n}"))
    return out


def cameo_nonviolent(mirror: Path) -> list[Example]:
    """CAMEO-class train sentences of the four non-violent quad classes (0-3): diplomacy,
    aid, verbal conflict, sanctions and courts, all of which ACLED does not code."""
    text = _show(mirror, "eventdata/ConfliBERT", "data/cameo_class/train.tsv")
    out = []
    for n, line in enumerate(text.splitlines()):
        parts = line.rsplit("\t", 1)
        if len(parts) == 2 and parts[1] in ("0", "1", "2", "3"):
            out.append(Example(parts[0], NONE, "cameo-class", f"train-{n}"))
    return out


def public_examples(mirror: Path) -> list[Example]:
    return india_police_arrests(mirror) + cameo_nonviolent(mirror)
