"""Countries: ISO codes, English names, short forms ("DRC", "the US") and demonyms ("Syrian").

Small and import-cheap (one 250-row TSV), so the actor resolver can ask "which
country is 'Congolese'?" without loading the 235,000-place gazetteer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from eventscope.data import read_tsv
from eventscope.resolve.placenames import fold

COUNTRIES_FILE = "places/countries.v1.tsv"


@dataclass(frozen=True)
class Country:
    iso: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]


@dataclass(frozen=True)
class CountryTable:
    by_iso: dict[str, Country]
    by_demonym: dict[str, str]  # folded demonym -> iso


def _split(cell: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in cell.split("|") if x.strip())


@lru_cache(maxsize=1)
def country_table() -> CountryTable:
    """The parsed countries file, read once per process."""
    by_iso: dict[str, Country] = {}
    by_demonym: dict[str, str] = {}
    for row in read_tsv(COUNTRIES_FILE, required=("iso", "name")):
        c = Country(row["iso"], row["name"], _split(row.get("aliases", "")), _split(row.get("demonyms", "")))
        by_iso[c.iso] = c
        for d in c.demonyms:
            by_demonym.setdefault(fold(d), c.iso)
    return CountryTable(by_iso, by_demonym)


def country_by_demonym(word: str) -> str | None:
    """ISO code for a demonym or adjective ("Syrian", "Congolese", "Afghans"), else None."""
    return country_table().by_demonym.get(fold(word))


def country_name(iso: str) -> str:
    """English short name for an ISO alpha-2 code ("SY" -> "Syria"); the code itself if unknown."""
    c = country_table().by_iso.get(iso.upper())
    return c.name if c else iso
