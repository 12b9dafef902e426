"""The gazetteer: GeoNames cities500 + admin1 + admin2 + countries + a checked supplement,
with toponym finding and context-ranked resolution.

    gaz = Gazetteer.load()                       # once per process (~1 s from cache)
    ctx = gaz.document_context(text)             # countries/admin1s the article names
    for t in gaz.find_toponyms(text, s, e):      # dictionary scan, not NER
        place = gaz.resolve(t, ctx)              # best candidate, or None

Precision is explicit: a town is geo_precision 1, a city district resolves to its
city with precision 2, a county or district ("Laurel County", "Avoyelles Parish") is
feature "admin2" with precision 2, a province-only or country-only mention is feature
"admin1"/"country" with precision 3 — never a silent centroid.

Ranking is per article: each toponym's readings are scored with the countries and
regions the article names, then re-scored with their distance to the plausible
readings of the article's other toponyms (local news names neighbouring towns), and
every mention of one name shares one answer.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from eventscope.data import read_tsv
from eventscope.models import Place
from eventscope.resolve.countries import country_name, country_table
from eventscope.resolve.geo_index import MIN_SKELETON, REGION_WORDS, GeoIndex, load_index
from eventscope.resolve.geo_rank import GeoContext, score
from eventscope.resolve.geo_scan import grams_at, looks_like_person, tokenize
from eventscope.resolve.name_variants import backoffs, demonym_stems
from eventscope.resolve.placenames import name_key, skeleton, strip_article

__all__ = ["Gazetteer", "GeoContext", "Toponym", "distance_km"]

MIN_SIMILARITY = 0.8  # skeleton hits: letters shared with the gazetteer's primary name
BIG_PLACE = 200_000  # a common-word name this large is probably meant as the place
SHADOW_RATIO = 10  # a primary-name bearer shadows an alternate one at most this many times larger,
SHADOW_TOWN = 5_000  # ... or any when it is a town this large ("Berea", Kentucky, not Aleppo's old name)
LOCATIVE_TOWN = 15_000  # ... as is a town this large right after "in", "near", "outside"
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|outside|around|across|into|towards?)\s+$")
ANCHOR_T = 0.25  # score difference that makes a reading e (2.7) times less plausible
ANCHOR_MIN = 0.1  # readings less plausible than this give no point
ANCHOR_MAX = 8  # points per toponym at most
ANCHOR_ROUNDS = 2
_DEMONYM_FEATURES = frozenset({"country", "continent", "admin1"})  # "Ohioans", "European"
_NO_ANCHOR = frozenset({"country", "continent", "admin1"})  # too large to anchor a town
_REGION_AFTER = frozenset(REGION_WORDS) | {"provinces", "states", "governorates", "regions", "parish"}
_CITY_AFTER = frozenset({"city", "town", "village"})
_REGION_BEFORE = re.compile(r"\b(?:" + "|".join(_REGION_AFTER) + r") of (?:the )?$", re.I)


def _ends_with_region_word(name: str) -> bool:
    """"Laurel County", "Avoyelles Parish": the name itself says it is a region."""
    return name.rsplit(" ", 1)[-1].casefold() in _REGION_AFTER


def region_word_near(text: str, start: int, end: int) -> bool:
    """"Idlib province", "province of Raqqa": the name is meant as the region."""
    word = re.match(r"[ \t-]*([^\W\d_]+)", text[end:end + 16])
    after = word.group(1).casefold() if word else ""
    return after in _REGION_AFTER or _REGION_BEFORE.search(text, max(0, start - 20), start) is not None


@dataclass
class Toponym:
    """A place name found in text: offsets into that text and its gazetteer candidates."""

    start: int
    end: int
    text: str
    candidates: list[Place]
    refs: tuple[int, ...] = field(default=(), repr=False, compare=False)
    via_skeleton: bool = field(default=False, repr=False, compare=False)
    region_word: bool = field(default=False, repr=False, compare=False)
    initial: bool = field(default=False, repr=False, compare=False)  # sentence-initial


def distance_km(a: Place, b: Place) -> float:
    """Great-circle (haversine) distance; inf when either place lacks coordinates."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


class Gazetteer:
    def __init__(self, index: GeoIndex) -> None:
        self.ix = index
        self._demonyms = country_table().by_demonym
        self._last: tuple[str, list[Toponym], GeoContext] | None = None
        self._ordered: tuple[list[Toponym], list[Toponym], list[int], dict[int, int]] | None = None
        self._places: dict[int, Place] = {}
        self._similar_memo: dict[tuple[str, int], bool] = {}
        self._keys: dict[str, str] = {}
        self._name_heads = frozenset(r["word"] for r in read_tsv("places/name_heads.v1.tsv", required=("word", "kind")))
        self._heads = self._name_heads | index.stop  # "Aleppo Sunday", "Kabul University": not surnames

    def _key(self, name: str) -> str:
        """name_key, memoised: an article names the same places again and again."""
        k = self._keys.get(name)
        if k is None:
            k = name_key(name)
            if len(self._keys) < 100_000:
                self._keys[name] = k
        return k

    @classmethod
    def load(cls, use_cache: bool = True) -> Gazetteer:
        return cls(load_index(use_cache))

    # ---- places -------------------------------------------------------------------------
    def place(self, i: int) -> Place:
        """The Place for entry i (cached: Places are immutable)."""
        p = self._places.get(i)
        if p is None:
            p = self._places[i] = self._make_place(i)
        return p

    def _make_place(self, i: int) -> Place:
        ix = self.ix
        feature = ix.feature[i]
        if feature == "district":
            p = ix.parent[i]
            return Place(ix.name[p], ix.lat[p], ix.lon[p], country_name(ix.iso[p]), ix.iso[p],
                         self._admin1(p), ix.gid[p] or None, "district", 2, ix.source[i])
        if feature == "continent":
            return Place(ix.name[i], ix.lat[i], ix.lon[i], None, None, None, ix.gid[i] or None,
                         feature, 3, ix.source[i])
        precision = 3 if feature in ("admin1", "country") else 2 if feature == "admin2" else 1
        return Place(ix.name[i], ix.lat[i], ix.lon[i], country_name(ix.iso[i]), ix.iso[i],
                     self._admin1(i) if feature != "country" else None, ix.gid[i] or None,
                     feature, precision, ix.source[i])

    def _admin1(self, i: int) -> str | None:
        return self.ix.admin1_names.get(f"{self.ix.iso[i]}.{self.ix.a1[i]}") if self.ix.a1[i] else None

    def country(self, iso: str) -> Place:
        """The country as a place: feature "country", geo_precision 3."""
        i = self.ix.country_entry.get(iso.upper())
        if i is None:
            raise KeyError(f"unknown country code {iso!r}")
        return self.place(i)

    # ---- scanning -----------------------------------------------------------------------
    def _scan(self, text: str) -> tuple[list[Toponym], GeoContext]:
        if self._last is not None and self._last[0] is text:
            return self._last[1], self._last[2]
        ix = self.ix
        toks = tokenize(text)
        ctx = GeoContext()
        found: list[Toponym] = []
        pending: list[Toponym] = []  # common words and skeleton matches: judged with context
        i = 0
        while i < len(toks):
            hit = None
            for g in grams_at(text, toks, i):
                if g.i != g.j and g.key in ix.counties:  # context only: counties have no coordinates
                    codes = ix.counties[g.key]
                    ctx.vote(g.key, set(codes))
                    ctx.vote(g.key, {"US"})
                refs = ix.exact.get(g.key)
                if not refs or (g.key in ix.upper_only and not toks[g.i].raw.replace(".", "").isupper()):
                    continue
                if g.i == g.j and (g.key in ix.stop or len(g.key) < 2 or g.key in self._demonyms):
                    continue
                common = (g.i == g.j and g.key in ix.common and not any(  # "Turkey", "Canada": the country
                    ix.feature[r >> 1] == "country" for r in refs)) or all(
                    ix.feature[r >> 1] == "admin2" and r & 1 for r in refs)  # a bare county name
                weak = common or all(ix.pop[r >> 1] < BIG_PLACE and ix.feature[r >> 1] != "country"
                                     for r in refs)
                if looks_like_person(text, toks, g.i, g.j, weak, self._heads) or _acronym_in_brackets(text, toks[g.i].start,
                                                                                       toks[g.j].end):
                    continue
                hit = (g, refs, common)
                break
            if hit is None:
                tok = toks[i]
                ab = ix.abbrev.get(tok.folded[0]) if len(tok.folded) == 1 else None
                if ab and text[tok.end:tok.end + 1] == "." and text[max(0, tok.start - 2):tok.start] == ", ":
                    found.append(self._toponym(text, tok.start, tok.end + 1, ab))
                    i += 1
                    continue
                iso = self._demonyms.get(" ".join(tok.folded)) if tok.cap else None
                if iso:
                    ctx.countries[iso] += 1
                    ctx.anchors.append((tok.start, iso))
                elif tok.cap and (not tok.initial or _appositive_place(text, tok.end)):
                    sk = self._skeleton_hit(text, toks, i)
                    if sk:
                        pending.append(sk)
                        while i + 1 < len(toks) and toks[i + 1].end <= sk.end:
                            i += 1
                i += 1
                continue
            g, refs, common = hit
            t = self._toponym(text, toks[g.i].start, toks[g.j].end, refs)
            t.initial = toks[g.i].initial
            (pending if common else found).append(t)
            i = g.j + 1
        self._add_context(found, ctx)
        accepted = [t for t in pending if self._accept_pending(t, text, ctx)]
        self._add_context(accepted, ctx, explicit=False)
        topos = sorted(found + accepted, key=lambda t: t.start)
        ctx.topos = list(topos)
        self._last = (text, topos, ctx)
        return topos, ctx

    def _toponym(self, text: str, start: int, end: int, refs: list[int], skel: bool = False) -> Toponym:
        if skel:  # a skeleton hit must also look like the name: "Coalition" is not "Clutton"
            refs = [r for r in refs if self._similar(text[start:end], r >> 1)]
        cands = [self.place(r >> 1) for r in refs[:25]]
        return Toponym(start, end, text[start:end], cands, tuple(refs), skel, region_word_near(text, start, end))

    def _similar(self, name: str, i: int) -> bool:
        hit = self._similar_memo.get((name, i))
        if hit is None:
            hit = self._similar_uncached(name, i)
            if len(self._similar_memo) < 200_000:
                self._similar_memo[(name, i)] = hit
        return hit

    def _similar_uncached(self, name: str, i: int) -> bool:
        key = name_key(name)
        key = strip_article(key) or key
        other = name_key(self.ix.name[i])
        other = strip_article(other) or other
        return SequenceMatcher(None, key.replace(" ", ""), other.replace(" ", "")).ratio() >= MIN_SIMILARITY

    def _skeleton_hit(self, text: str, toks: list, i: int) -> Toponym | None:
        for g in grams_at(text, toks, i)[-3:]:
            words = g.key.split()
            if len(g.key.replace(" ", "")) < 6 or words[0] in self.ix.stop or words[0] in self.ix.common:
                continue
            if any(w in ("of", "the", "and") for w in words) or looks_like_person(text, toks, g.i, g.j, True):
                continue
            sk = skeleton(g.key)
            refs = self.ix.skel.get(sk) if len(sk) >= MIN_SKELETON else None
            if refs:
                t = self._toponym(text, toks[g.i].start, toks[g.j].end, refs, skel=True)
                if t.refs:
                    return t
        return None

    def _accept_pending(self, t: Toponym, text: str, ctx: GeoContext) -> bool:
        ix = self.ix
        if t.via_skeleton:  # only inside a country the article names
            return bool(t.refs) and any(ctx.countries.get(ix.iso[r >> 1]) for r in t.refs)
        if all(ix.feature[r >> 1] == "admin2" for r in t.refs):  # "Oconee": only where its state is meant
            key = self._key(t.text)
            return t.region_word or any(
                ctx.admin1.get(c) or ctx.votes(c, key) >= 1 for c in {f"{ix.iso[r >> 1]}.{ix.a1[r >> 1]}" for r in t.refs})
        initial = t.initial
        locative = _LOCATIVE_BEFORE.search(text, max(0, t.start - 12), t.start) is not None  # "in Amarillo"
        best = 0
        for r in t.refs:
            i = r >> 1
            big = ix.pop[i] >= BIG_PLACE or ix.feature[i] in ("country", "admin1")
            town = locative and ix.pop[i] >= LOCATIVE_TOWN  # not "in Hope"
            best = max(best, int(big or town) + int(bool(ctx.countries.get(ix.iso[i]))) + int(not initial))
        return best >= 2

    def _add_context(self, topos: list[Toponym], ctx: GeoContext, explicit: bool = True) -> None:
        ix = self.ix
        for t in topos:
            feats = {ix.feature[r >> 1] for r in t.refs}
            if explicit and "country" in feats and not t.via_skeleton:
                if "admin1" in feats:  # "Georgia": a country and a US state; let other names decide
                    ctx.vote(self._key(t.text), {ix.iso[r >> 1] for r in t.refs})
                    continue
                for r in t.refs:
                    i = r >> 1
                    if ix.feature[i] == "country":
                        ctx.countries[ix.iso[i]] += 2
                        ctx.own_countries.setdefault(self._key(t.text), Counter())[ix.iso[i]] += 2
                        ctx.anchors.append((t.start, ix.iso[i]))
                continue
            if explicit and "admin1" in feats and (t.region_word or "city" not in feats):
                for r in t.refs:
                    i = r >> 1
                    if ix.feature[i] == "admin1":
                        code = f"{ix.iso[i]}.{ix.a1[i]}"
                        ctx.admin1[code] += 2 if t.region_word else 1
                        ctx.countries[ix.iso[i]] += 1 if t.region_word else 0.5
                        ctx.anchors.append((t.start, code))
                        ctx.anchors.append((t.start, ix.iso[i]))
            real = [r >> 1 for r in t.refs if ix.pop[r >> 1] >= 1000 or ix.feature[r >> 1] != "city"]
            key = self._key(t.text)
            ctx.vote(key, {ix.iso[i] for i in real if ix.iso[i]})
            ctx.vote(key, {f"{ix.iso[i]}.{ix.a1[i]}" for i in real if ix.a1[i]})

    # ---- public API ---------------------------------------------------------------------
    def find_toponyms(self, text: str, start: int = 0, end: int | None = None) -> list[Toponym]:
        """Place names in text[start:end] (offsets into `text`), each with its candidates."""
        topos, _ = self._scan(text)
        stop = len(text) if end is None else end
        order, starts, rank = self._by_start(topos)
        out = []
        for k in range(bisect_left(starts, start), len(starts)):  # one sentence's window, not the article
            t = order[k]
            if t.start >= stop:
                break
            if t.end <= stop:
                out.append(t)
        return sorted(out, key=lambda t: rank[id(t)]) if len(out) > 1 else out

    def _by_start(self, topos: list[Toponym]) -> tuple[list[Toponym], list[int], dict[int, int]]:
        """The scan's toponyms ordered by offset (and each one's place in the scan's own
        order, which callers see), kept for the scan's text."""
        cached = self._ordered
        if cached is None or cached[0] is not topos:
            order = sorted(topos, key=lambda t: t.start)
            cached = self._ordered = (topos, order, [t.start for t in order],
                                      {id(t): i for i, t in enumerate(topos)})
        return cached[1], cached[2], cached[3]

    def document_context(self, text: str) -> GeoContext:
        """Countries (names, demonyms) and admin1 regions the article names, with offsets."""
        return self._scan(text)[1]

    def with_spans(self, context: GeoContext, text: str, spans: list[tuple[int, int]]) -> GeoContext:
        """A copy of `context` to which toponyms at these extra spans add their votes."""
        ctx = GeoContext(countries=Counter(context.countries), admin1=Counter(context.admin1),
                         implicit=Counter(context.implicit), own={k: Counter(v) for k, v in context.own.items()},
                         own_countries={k: Counter(v) for k, v in context.own_countries.items()},
                         anchors=list(context.anchors), topos=list(context.topos))
        extra = []
        for s, e in spans:
            refs, skel = self.lookup(text[s:e])
            if refs and not skel:
                extra.append(Toponym(s, e, text[s:e], [], tuple(refs), False, region_word_near(text, s, e)))
        self._add_context(extra, ctx)
        ctx.topos.extend(extra)
        return ctx

    def _anchor_points(self, ctx: GeoContext) -> None:
        """Where the article's toponyms may lie, for the proximity term of `rank`.

        Every reading of every toponym within reach of its best one becomes a point
        weighted by its plausibility, exp((score - best) / ANCHOR_T); readings are
        re-ranked with those points ANCHOR_ROUNDS times, so that names that fit each
        other ("Walker County" and "Huntsville", both in Texas) pull together even
        when each alone would pick another state. Regions and countries are too large
        to anchor a town and give no points.
        """
        ix = self.ix
        ctx.points = []  # ranking below sees no points: the first pass
        mentions: dict[str, list[int]] = {}
        reps: dict[str, Toponym] = {}
        for t in ctx.topos:
            key = self._key(t.text)
            mentions.setdefault(key, []).append(t.start)
            if t.refs and key not in reps:
                reps[key] = t
        ctx.mentions = {k: tuple(v) for k, v in mentions.items()}
        if len(reps) < 2:
            return
        for _ in range(ANCHOR_ROUNDS):
            points = []
            for key, t in reps.items():
                ranked = self.rank(t, ctx)
                if not ranked or ix.feature[ranked[0][1]] in _NO_ANCHOR:
                    continue
                best = ranked[0][0]
                n = 0
                for s, i in ranked:
                    w = math.exp((s - best) / ANCHOR_T)
                    if w < ANCHOR_MIN or n >= ANCHOR_MAX:
                        break
                    if ix.feature[i] not in _NO_ANCHOR:
                        points.append((key, ix.lat[i], ix.lon[i], w))
                        n += 1
            ctx.points = points

    def rank(self, toponym: Toponym, context: GeoContext) -> list[tuple[float, int]]:
        """(score, entry) for every candidate, best first."""
        ix = self.ix
        if context.points is None and context.topos:
            self._anchor_points(context)
        # A region gives way to a town of its name only when that is the town's own name:
        # "New York" is the state's name and only an alternate of "New York City".
        towns = {(ix.iso[r >> 1], ix.a1[r >> 1]) for r in toponym.refs
                 if ix.feature[r >> 1] not in ("admin1", "admin2") and not r & 1}
        region_word = toponym.region_word or _ends_with_region_word(toponym.text)
        # An alternate name that is also some place's own name ("Arlington" for a town
        # once called so) is weaker still: the name's bearers come first.
        # Only a town of some weight shadows: neither a village called "Jenin" nor the
        # governorate named after the city makes its English name (a GeoNames alternate
        # of "Janīn") a weak reading.
        primary_pop = max((ix.pop[r >> 1] for r in toponym.refs
                           if not r & 1 and ix.feature[r >> 1] not in ("admin1", "admin2")), default=-1)

        key = self._key(toponym.text)
        # One name, one place per article: every mention of the name counts as where it is.
        offsets = context.mentions.get(key, (toponym.start,))
        out = []
        for r in toponym.refs:
            i = r >> 1
            if toponym.via_skeleton and not context.countries.get(ix.iso[i]):
                continue
            s = score(context, key=key, iso=ix.iso[i], a1=ix.a1[i], pop=ix.pop[i], feature=ix.feature[i],
                      alternate=bool(r & 1) + (bool(r & 1) and (primary_pop * SHADOW_RATIO >= ix.pop[i]
                                                                 or primary_pop >= SHADOW_TOWN)),
                      via_skeleton=toponym.via_skeleton, neighbours=ix.neighbours.get(ix.iso[i], ()),
                      region_word=region_word,
                      namesake_town=(ix.iso[i], ix.a1[i]) in towns, offset=offsets,
                      lat=ix.lat[i], lon=ix.lon[i])
            out.append((s, i))
        out.sort(key=lambda x: (-x[0], -ix.pop[x[1]], x[1]))
        return out

    def resolve(self, toponym: Toponym, context: GeoContext) -> Place | None:
        """The best candidate given the article's context, or None when there is none."""
        ranked = self.rank(toponym, context)
        if not ranked:
            return None
        best = self.place(ranked[0][1])
        if best.feature == "country":  # a city-state: "Hong Kong", "Singapore" name the city too
            for _, i in ranked[1:4]:
                city = self.place(i)
                if city.feature == "city" and city.iso == best.iso and name_key(city.name) == name_key(best.name):
                    return city
        return best

    def lookup(self, name: str) -> tuple[list[int], bool]:
        """Index refs for a free-standing name: exact key, article-less key, then skeleton."""
        key = name_key(name)
        iso = self._demonyms.get(key)
        if iso and iso in self.ix.country_entry:  # "Turkish" as a toponym means Turkey
            return [self.ix.country_entry[iso] << 1], False
        if key in self.ix.abbrev and (name.endswith(".") or name.isupper()):
            return self.ix.abbrev[key], False
        refs = self.ix.exact.get(key) or self.ix.exact.get(strip_article(key) or "")
        if refs:
            return refs, False
        sk = skeleton(key)
        if len(sk) >= MIN_SKELETON and len(key.replace(" ", "")) >= 6:
            return [r for r in self.ix.skel.get(sk, []) if self._similar(name, r >> 1)], True
        return [], False

    def resolve_name(self, name: str, context: GeoContext | None = None, *, start: int = 0,
                     region_word: bool = False) -> Place | None:
        """Resolve a name given on its own (a gold span, a form field); None if unknown."""
        end = start + len(name)
        head, _, last = name.rpartition(" ")
        if head and last.casefold() in ("co.", "co", "cnty."):  # AP style: "Loudon Co."
            name = f"{head} County"
        refs, skel = self.lookup(name)
        if not refs and name_key(name) in self.ix.counties:
            return self._county_state(name, context or GeoContext())
        if not refs:
            words = name.rsplit(" ", 1)
            if len(words) == 2 and words[1].casefold() in (_REGION_AFTER | _CITY_AFTER):
                region_word = words[1].casefold() in _REGION_AFTER
                refs, skel = self.lookup(words[0])
        if not refs:
            refs = self._variant_refs(name)
            skel = False
        if not refs:
            return self._county_state(name, context or GeoContext())
        t = Toponym(start, end, name, [], tuple(refs), skel, region_word)
        return self.resolve(t, context or GeoContext())

    def _variant_refs(self, name: str) -> list[int]:
        """Refs for the place a name the index lacks points at (see name_variants):
        the place inside "Port of Los Angeles", the region of "Ohioans"."""
        for alt in backoffs(name, self._name_heads):
            refs, skel = self.lookup(alt)
            if refs and not skel:
                return refs
        for alt in demonym_stems(name):
            refs, skel = self.lookup(alt)
            big = [r for r in refs if not skel and (self.ix.feature[r >> 1] in _DEMONYM_FEATURES
                                                    or self.ix.pop[r >> 1] >= BIG_PLACE)]
            if big:
                return big
        return []

    def _county_state(self, name: str, context: GeoContext) -> Place | None:
        """A US county (no coordinates in our data) resolves to its state, explicitly:
        feature "admin1", geo_precision 3. The state is the one the article points at
        among those that have a county of that name."""
        key = name_key(name)
        states = self.ix.counties.get(key)
        if not states:
            return None
        best = max(states, key=lambda c: (context.admin1.get(c, 0) * 2 + context.votes(c, key),
                                          self.ix.pop[self.ix.admin1_entry.get(c, 0)]))
        i = self.ix.admin1_entry.get(best)
        return self.place(i) if i is not None else None


def _acronym_in_brackets(text: str, start: int, end: int) -> bool:
    """ "the Malian Armed Forces (FAMa)", "(FARDC)": an organisation's acronym, not a place."""
    word = text[start:end]
    if text[start - 1:start] != "(" or text[end:end + 1] != ")" or " " in word:
        return False
    return sum(c.isupper() for c in word) >= 2 and "." not in word and "," not in word


_APPOSITIVE_REGION = re.compile(r",\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+(?:province|governorate|state|region|district|county|oblast)\b")


def _appositive_place(text: str, end: int) -> bool:
    """ "Atareb, Aleppo province": a sentence-initial word placed in a named region is a toponym."""
    return bool(_APPOSITIVE_REGION.match(text, end))


def context_from_countries(isos: list[str]) -> GeoContext:
    """A context naming these countries (for callers that know them from metadata)."""
    return GeoContext(countries=Counter({iso: 2 for iso in isos}))
