"""Load and check the actor knowledge files (data/actors/*.tsv) into match entries.

Why a separate module: the resolver's matching code should see one uniform list of
`Entry` objects (named actors, claim sources, generic agent words, anaphors and
nationality words), each with its alias tokens and per-token case rules, while the
files stay in the shape a person edits. Every row must name its source; a bad row
raises DataFileError naming the file, so a broken data file fails at load, not
silently at match time.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from eventscope.data import read_tsv
from eventscope.errors import DataFileError

ALIASES = "actors/aliases.v1.tsv"
AGENTS = "actors/agents.v1.tsv"
SOURCES = "actors/sources.v1.tsv"
NATIONALITIES = "actors/nationalities.v1.tsv"
DEFINITE = "actors/definite_countries.v1.tsv"
TERRITORY_FORCES = "actors/territory_forces.v1.tsv"

ACTOR_TYPES = frozenset({
    "State forces", "Rebel group", "Political militia", "Identity militia", "Rioters",
    "Protesters", "Civilians", "External/Other forces", "Political party/organisation",
})
CLAIM_SOURCE = "Claim source"
ANAPHOR = "Anaphor"
#: Actor types whose named members can be the antecedent of "the group", "the militants".
NON_STATE_ARMED = frozenset({"Rebel group", "Political militia", "Identity militia"})

#: Words (inner apostrophes kept: "Hay'at"), a possessive "'s" as its own token, other
#: punctuation one token each; hyphens are dropped so "al-Nusra" == "al Nusra".
TOKEN_RE = re.compile(r"\w+(?:['’](?![sS]\b)\w+)*|['’][sS]\b|[^\w\s\-‐‑]")
APOSTROPHES = str.maketrans("", "", "'’")
_KEYS: dict[str, str] = {}

# Per-token case rules.
ANY, CAPITAL, EXACT = 0, 1, 2


def token_key(token: str) -> str:
    """The lookup key of a token: lowercase, no apostrophes, no diacritics (memoised)."""
    key = _KEYS.get(token)
    if key is None:
        key = token.lower().translate(APOSTROPHES) or token
        if key == "s" and token[:1] in "'’":
            key = "'s"
        if not key.isascii():
            key = "".join(c for c in unicodedata.normalize("NFKD", key)
                          if not unicodedata.combining(c))
        if len(_KEYS) < 200_000:
            _KEYS[token] = key
    return key


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """(token, start, end) triples with text offsets; "Syria's" gives "Syria", "'s"."""
    return [(m.group(), m.start(), m.end())
            for m in TOKEN_RE.finditer(text, start, len(text) if end is None else end)]


def case_rule(token: str) -> int:
    """EXACT for acronyms/internal capitals (ISIL, LeT), CAPITAL for Capitalised, else ANY."""
    letters = [c for c in token if c.isalpha()]
    if not letters:
        return ANY
    if any(c.isupper() for c in letters[1:]):
        return EXACT
    return CAPITAL if letters[0].isupper() else ANY


@dataclass(frozen=True)
class Entry:
    """One alias of one actor (or agent word, nationality word, anaphor) ready to match."""

    kind: str  # named | source | agent | anaphor | nation
    name: str  # canonical; agent: template with {country}; nation: country name
    actor_type: str
    tokens: tuple[str, ...]  # the alias as written, tokenised (for EXACT comparison)
    rules: tuple[int, ...]  # per-token case rule
    country: str | None = None  # home ISO alpha-2 (named, nation, fixed-country agents)
    when_country: str | None = None
    needs_said: bool = False
    bare: str | None = None  # agent name when no country is known
    qualifier_required: bool = False
    anaphoric: bool = False


@dataclass
class ActorData:
    """Everything the resolver needs, read once per process."""

    entries: list[Entry] = field(default_factory=list)
    types: dict[str, str] = field(default_factory=dict)  # canonical -> actor type
    countries: dict[str, str] = field(default_factory=dict)  # canonical -> ISO (named actors)
    iso_to_country: dict[str, str] = field(default_factory=dict)
    definite: set[str] = field(default_factory=set)  # ISO codes whose name takes "the" after "of"
    #: territory ISO -> the ISO of the state whose troops bare "soldiers" there are
    territory_forces: dict[str, str] = field(default_factory=dict)
    agent_templates: list[tuple[str, str, str]] = field(default_factory=list)  # template, bare, type


def _aliases(cell: str, relpath: str, row: dict[str, str]) -> list[tuple[str, str]]:
    """(alias text, marker) pairs from a " | " list; marker is "=", "~" or ""."""
    out = []
    for raw in cell.split("|"):
        alias = raw.strip()
        marker = ""
        if alias[:1] in ("=", "~"):
            marker, alias = alias[0], alias[1:].strip()
        if alias:
            out.append((alias, marker))
    if not out:
        raise DataFileError(relpath, None, f"row for {row.get('canonical') or row}: no aliases")
    return out


def _entry(kind: str, alias: str, marker: str, **kw) -> Entry | None:
    toks = tuple(t for t, _, _ in tokenize(alias))
    if not toks:
        return None
    if marker == "=":
        rules = tuple(EXACT for _ in toks)
    elif marker == "~":
        rules = tuple(ANY for _ in toks)
    else:
        rules = tuple(case_rule(t) for t in toks)
    return Entry(kind=kind, tokens=toks, rules=rules, **kw)


def _iso(value: str, relpath: str, known: dict[str, str], what: str) -> str | None:
    if not value:
        return None
    if value not in known:
        raise DataFileError(relpath, None, f"{what}: unknown ISO country code {value!r}")
    return value


def _check_type(actor_type: str, relpath: str, name: str, extra: frozenset[str] = frozenset()) -> None:
    if actor_type not in ACTOR_TYPES | extra:
        raise DataFileError(relpath, None, f"{name}: unknown actor type {actor_type!r}")


def load_actor_data() -> ActorData:
    """Read and validate the four files; raise DataFileError on the first bad row."""
    data = ActorData()
    for row in read_tsv(NATIONALITIES, required=("word", "iso2", "country", "source")):
        data.iso_to_country.setdefault(row["iso2"], row["country"])
        e = _entry("nation", row["word"], "", name=row["country"], actor_type="", country=row["iso2"])
        if e:
            data.entries.append(e)
    isos = data.iso_to_country
    data.definite = {row["iso2"] for row in read_tsv(DEFINITE, required=("iso2", "country"))}
    for row in read_tsv(TERRITORY_FORCES, required=("territory_iso2", "forces_iso2", "source")):
        territory = _iso(row["territory_iso2"], TERRITORY_FORCES, isos, "territory")
        forces = _iso(row["forces_iso2"], TERRITORY_FORCES, isos, "forces")
        if territory and forces:
            data.territory_forces[territory] = forces

    for row in read_tsv(ALIASES, required=("canonical", "actor_type", "aliases", "source")):
        name, atype = row["canonical"], row["actor_type"]
        _check_type(atype, ALIASES, name)
        if data.types.setdefault(name, atype) != atype:
            raise DataFileError(ALIASES, None, f"{name}: actor type {atype!r} disagrees with "
                                               f"an earlier row ({data.types[name]!r})")
        country = _iso(row.get("country", ""), ALIASES, isos, name)
        if country:
            data.countries.setdefault(name, country)
        when = _iso(row.get("when_country", ""), ALIASES, isos, name)
        for alias, marker in _aliases(row["aliases"], ALIASES, row) + [(name, "")]:
            e = _entry("named", alias, marker, name=name, actor_type=atype, country=country,
                       when_country=when)
            if e:
                data.entries.append(e)

    for row in read_tsv(SOURCES, required=("canonical", "kind", "aliases", "source")):
        name = row["canonical"]
        data.types.setdefault(name, CLAIM_SOURCE)
        when = _iso(row.get("when_country", ""), SOURCES, isos, name)
        needs_said = row.get("needs_said", "") == "yes"
        for alias, marker in _aliases(row["aliases"], SOURCES, row):
            e = _entry("source", alias, marker, name=name, actor_type=CLAIM_SOURCE,
                       when_country=when, needs_said=needs_said)
            if e:
                data.entries.append(e)

    required = ("phrases", "template", "bare", "actor_type", "qualifier", "source")
    for row in read_tsv(AGENTS, required=required):
        atype = row["actor_type"]
        _check_type(atype, AGENTS, row["template"], frozenset({ANAPHOR}))
        if row["qualifier"] not in ("optional", "required"):
            raise DataFileError(AGENTS, None, f"{row['template']}: qualifier must be "
                                              f"'optional' or 'required'")
        kind = "anaphor" if atype == ANAPHOR else "agent"
        if kind == "agent":
            data.agent_templates.append((row["template"], row["bare"], atype))
        fixed = _iso(row.get("country", ""), AGENTS, isos, row["template"])
        for phrase, marker in _aliases(row["phrases"], AGENTS, row):
            e = _entry(kind, phrase, marker or "~", name=row["template"], actor_type=atype,
                       bare=row["bare"], country=fixed,
                       qualifier_required=row["qualifier"] == "required",
                       anaphoric=row.get("anaphoric", "") == "yes")
            if e:
                data.entries.append(e)
    return data
