"""From one article to its mentions: one per incident it reports as having happened.

The cheap pass (sentence split + trigger lexicon) picks candidate sentences;
only those are geocoded, searched for actors, dates, tolls and claims. Two
sentences about one incident (a headline and its lead) merge into one mention.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import replace

from eventscope.extract.claims import find_claim
from eventscope.extract.dates import (
    find_anchor,
)
from eventscope.extract.event_model import Prediction
from eventscope.extract.fatalities import find_fatalities
from eventscope.extract.incident_dates import sentence_date
from eventscope.extract.merging import (
    PLACE_ANAPHOR,
    drop_country_level,
    merge_within_article,
    place_in_sole_country,
    placeless_reports,
)
from eventscope.extract.places import Located, drop_named_actors, drop_person_names, incident_places
from eventscope.extract.relations import dedupe, incident_relations, statement_relations
from eventscope.extract.roles import drop_generic_after_named, victim_from_parse
from eventscope.extract.sentence_events import (
    UNARMED,
    choose_type,
    codebook_constraints,
    found_alone,
    in_doubt,
    model_type,
    rejects,
    report_units,
    rescore_units,
    score_units,
    type_confidence,
)
from eventscope.extract.triggers import Trigger
from eventscope.extract.typing import classify, is_armed
from eventscope.models import (
    ActorMention,
    Article,
    ArticleResult,
    Claim,
    DateValue,
    Mention,
    Place,
    PlaceMention,
    Span,
)
from eventscope.nlp.sentences import Sentence, split_sentences
from eventscope.resolve.actor_roles import assign_roles
from eventscope.resolve.gazetteer import Toponym
from eventscope.resolve.geo_rank import GeoContext
from eventscope.resources import Resources

# A definite noun trigger ("The capture of the hospital was...", "The fighting flared") points back
# at something already told; it is weaker evidence of a new incident than a verb.
_ANAPHORIC = re.compile(r"\b(?:the|this|these|that|such|its|their)\s+(?:\w+\s+)?$", re.IGNORECASE)
_ANAPHORIC_PENALTY = 30
# List items inherit their header's type unless they report a different kind of act.
_ITEM_OWN_CLASSES = {"abduct", "sexual", "protest", "riot", "arrest", "suicide", "chemical", "agreement"}


# "two days after a suicide bombing", "linked to Friday's attack", "in connection with the
# bombing": the trigger names an earlier incident the sentence only refers to.
_REFERENCE_CLAUSE = re.compile(
    r"\b(?:(?:days?|weeks?|months?|hours?|years?)\s+(?:after|before|since)|since|"
    r"in (?:retaliation|revenge|response) (?:for|to)|in connection with|"
    r"linked to|blamed for|responsible for|claimed (?:responsibility )?for|behind|suspected of|"
    r"accused of)\s+(?:(?:a|an|the|this|that|last|its|their|\w+'s)\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_REFERENCE_PENALTY = 50
# "..., as armed men kidnapped 20 passengers": a second act told in a subordinate clause.
_SECOND_CLAUSE = re.compile(r"[,;]\s+(?:as|while|whereas|meanwhile)\s", re.IGNORECASE)
_SECOND_CLAUSE_PENALTY = 30


def _score(text: str, sent: Sentence, t: Trigger) -> int:
    before = text[max(sent.start, t.span.start - 25):t.span.start]
    noun_like = not t.span.text.lower().endswith("ed")
    score = t.priority - (_ANAPHORIC_PENALTY if noun_like and _ANAPHORIC.search(before) else 0)
    if _REFERENCE_CLAUSE.search(text, max(sent.start, t.span.start - 45), t.span.start):
        score -= _REFERENCE_PENALTY
    if _SECOND_CLAUSE.search(text, sent.start, t.span.start):
        score -= _SECOND_CLAUSE_PENALTY
    return score


def _main_clause_end(res: Resources, text: str, sent: Sentence, chosen: Trigger) -> int | None:
    """Where a clause that only refers to another act ("two days after a suicide bombing",
    ", as armed men kidnapped...") begins after the chosen trigger, if one does: the model
    reads the words before it when it questions the rule's type."""
    cuts = []
    for t in res.triggers.find(text, chosen.span.end, sent.end):
        window = max(sent.start, t.span.start - 45)
        ref = _REFERENCE_CLAUSE.search(text, window, t.span.start)
        if ref is not None:
            cuts.append(ref.start())
        second = _SECOND_CLAUSE.search(text, chosen.span.end, t.span.start)
        if second is not None:
            cuts.append(second.start())
    cuts = [c for c in cuts if c >= chosen.span.end]
    return min(cuts) if cuts else None


def _best_trigger(res: Resources, text: str, sent: Sentence) -> Trigger | None:
    own = res.triggers.happened(text, sent.start, sent.end)
    if sent.kind == "item" and sent.header is not None:
        head = res.triggers.happened(text, sent.header.start, sent.header.end)
        own_special = [t for t in own if t.cls in _ITEM_OWN_CLASSES]
        if own_special:
            own = own_special
        elif head:
            best_head = max(head, key=lambda t: t.priority)
            anchor = own[0].span if own else Span(sent.start, sent.start, "")
            return Trigger(best_head.cls, best_head.priority, anchor if own else best_head.span)
    if not own:
        return None
    return max(own, key=lambda t: (_score(text, sent, t), -t.span.start))


# "KABUL, May 17 (Reuters) -", "Bamako (AFP) -", "CAIRO (Reuters) -": where the report was filed.
_DATELINE_AFTER = re.compile(
    r"(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"\s*(?:\([A-Z][\w .&/-]{1,30}\))?\s*[-—–:]\s")
# Words that put an armed party in a sentence even when no actor is resolved.
_ARMED_WORDS = re.compile(
    r"\b(?:soldiers?|troops|army|military|militar(?:y|ies)|forces|fighters|militants?|rebels?|insurgents?|"
    r"gunmen|jihadists?|militi(?:a|as|amen)|police(?:men)?|guerrillas?|combatants|paramilitar(?:y|ies)|"
    r"bandits|terrorists|armed (?:men|group|groups)|commandos|snipers?|tanks?|artillery|positions)\b",
    re.IGNORECASE)


def _is_dateline(text: str, sent_start: int, start: int, end: int) -> bool:
    return start == sent_start and bool(_DATELINE_AFTER.match(text, end))


def _fuzzy_outside_named_region(top: Toponym, place: Place, resolved: list[tuple[Toponym, Place]]) -> bool:
    """A spelling-variant match ("Robotyne" -> Rybotyn) in another province than the one the
    sentence names ("in the Zaporizhzhia region") is a different place we do not know."""
    if not top.via_skeleton or place.feature not in ("city", "district", "supplement"):
        return False
    regions = {p.admin1 for t, p in resolved
               if p.iso == place.iso and (p.feature == "admin1" or (t.region_word and not t.via_skeleton))}
    return bool(regions) and place.admin1 not in regions


def _main_country(context: GeoContext, located: list[Located]) -> str | None:
    """The article's country for generic actors: the context's, else its places' commonest."""
    named: str | None = getattr(context, "main_country", None)
    if named:
        return named
    counts = Counter(p.place.iso for p in located if p.place.iso)
    return counts.most_common(1)[0][0] if counts else None


class MentionExtractor:
    """Extracts the mentions of one article; owns no state between articles."""

    def __init__(self, resources: Resources) -> None:
        self.res = resources

    def extract(self, article: Article) -> ArticleResult:
        text = article.text
        sentences = split_sentences(text)
        # Headlines restate the lead in telegraphic form (no date, merged tolls): the body tells it.
        units = report_units(sentences)
        if all(s.kind == "heading" for s in sentences):
            sentences = units
        predictions = score_units(self.res.event_model, units)
        words = {s.index: self.res.triggers.find(text, s.start, s.end) for s in units}
        candidates = [s for s in units
                      if words[s.index] or (s.kind == "item" and s.header is not None)
                      or found_alone(predictions[s.index])]
        gaz = self.res.gazetteer
        context = gaz.document_context(text)
        located_by_sentence: dict[int, list[Located]] = {}
        all_located: list[Located] = []
        by_unit = [[(top, place) for top in gaz.find_toponyms(text, s.start, s.end)
                    if not _is_dateline(text, s.start, top.start, top.end)
                    for place in [gaz.resolve(top, context)] if place is not None] for s in candidates]
        by_unit = drop_person_names(text, [(s.start, s.end) for s in candidates], by_unit, self.res.entities.persons)
        for s, resolved in zip(candidates, by_unit, strict=True):
            located = [Located(place, Span(top.start, top.end, text[top.start:top.end]))
                       for top, place in resolved if not _fuzzy_outside_named_region(top, place, resolved)]
            located_by_sentence[s.index] = located
            all_located.extend(located)
        default_iso = _main_country(context, all_located)
        anchor = find_anchor(text, article.published)
        actors_by_sentence = self._actors_by_sentence(text, sentences, default_iso)
        located_by_sentence = drop_named_actors(located_by_sentence, actors_by_sentence)
        all_located = [p for ps in located_by_sentence.values() for p in ps]
        if default_iso != (iso := _main_country(context, all_located)):
            default_iso = iso  # "Taliban" is also a town in Turkey: the group's name no longer votes
            actors_by_sentence = self._actors_by_sentence(text, sentences, default_iso)

        lede_end = _lede_end(sentences)
        dates = {s.index: sentence_date(text, sentences, s, anchor, lede_end) for s in candidates}
        # The MiniLM head, in one batch, for the candidates in doubt that their dates leave in;
        # which candidates stand without a trigger word stays the first head's call.
        first = dict(predictions)
        predictions.update(rescore_units(self.res.event_model, [
            s for s in candidates if not dates[s.index].ruled_out and in_doubt(predictions[s.index])]))
        mentions: list[Mention] = []
        for s in candidates:
            if dates[s.index].ruled_out:
                continue
            pred = predictions[s.index]
            trigger = _best_trigger(self.res, text, s)
            if trigger is None:
                if words[s.index]:
                    continue  # every trigger word is threatened, denied or quoted: a hard constraint
                if not found_alone(first[s.index]):
                    continue
                trigger = self._model_trigger(text, s)
            mentions.extend(self._sentence_mentions(article, sentences, s, trigger, pred,
                                                    located_by_sentence[s.index],
                                                    actors_by_sentence.get(s.index, []), default_iso,
                                                    dates[s.index].when))
        mentions = drop_country_level(mentions)
        mentions = merge_within_article(mentions, lede_end, standalone=placeless_reports(mentions))
        if any(m.place is None for m in mentions):
            place_in_sole_country(mentions, self._sole_country(text, context, all_located))
        relations = dedupe(statement_relations(article, sentences, actors_by_sentence, article.published)
                           + incident_relations(mentions))
        named = sorted({a.name for acts in actors_by_sentence.values() for a in acts
                        if not a.is_claim_source and "(" not in a.name})
        countries = sorted({p.place.iso for p in all_located if p.place.iso} | ({default_iso} if default_iso else set()))
        return ArticleResult(article, mentions, relations, named, countries)

    def _sole_country(self, text: str, context: GeoContext, located: list[Located]) -> PlaceMention | None:
        """The country an article names, where it names exactly one, at its first mention."""
        named = {iso for iso, w in context.countries.items() if w > 0}
        named |= {p.place.iso for p in located if p.place.iso}
        if len(named) != 1:
            return None
        (iso,) = named
        gaz = self.res.gazetteer
        for top in sorted(gaz.find_toponyms(text), key=lambda t: t.start):
            place = gaz.resolve(top, context)
            if place is not None and place.iso != iso:
                return None  # a place in another country the context did not count
            if place is not None and place.feature == "country":
                return PlaceMention(place, Span(top.start, top.end, text[top.start:top.end]))
        return None

    def _actors_by_sentence(self, text: str, sentences: list[Sentence],
                            default_iso: str | None) -> dict[int, list[ActorMention]]:
        """One actor pass over the whole article, bucketed by sentence."""
        found = drop_generic_after_named(self.res.actors.find(text, 0, len(text), default_country=default_iso), text)
        out: dict[int, list[ActorMention]] = {}
        i = 0
        for s in sentences:
            while i < len(found) and found[i].span.start < s.start:
                i += 1
            j = i
            while j < len(found) and found[j].span.end <= s.end:
                j += 1
            if j > i:
                out[s.index] = found[i:j]
            i = j
        return out


    def _sentence_mentions(self, article: Article, sentences: list[Sentence], s: Sentence,
                           trigger: Trigger, pred: Prediction | None, located: list[Located],
                           actors: list[ActorMention], default_iso: str | None,
                           when: DateValue | None) -> list[Mention]:
        text = article.text
        from_header = s.kind == "item" and s.header is not None
        model = self.res.event_model
        if rejects(pred) and not from_header:
            return []
        learned = model_type(pred)
        sites: list[PlaceMention | None] = list(incident_places(text, s.start, located))
        if not sites:
            if learned is None and (located or not PLACE_ANAPHOR.search(text, s.start, s.end)):
                return []
            sites = [None]  # joins an incident already placed; stands alone only if the model is sure

        roles = assign_roles(text, actors, _verb_of(trigger.span))
        actor1, actor2 = roles.actor1, roles.actor2
        following = sentences[s.index + 1].text if s.index + 1 < len(sentences) else ""
        rule = None if trigger.cls == "model" else classify(
            trigger.cls, text[s.start:s.end], trigger.span.end - s.start, actor1, actor2, following)
        cut = None if rule is None else _main_clause_end(self.res, text, s, trigger)
        if cut is not None:  # the model judges the main clause, not the act it refers to
            pred = (model.rescore if pred is not None and pred.rescored else model.predict)([text[s.start:cut]])[0]
        etype = choose_type(rule, pred, from_header, actor2.actor_type if actor2 else None)
        if etype is None:
            return []
        etype = codebook_constraints(etype, actor1.actor_type if actor1 else None)
        actor1, actor2 = _recast_for_type(etype.event_type, actor1, actor2, sites[0], text, s)
        if actor2 is None and etype.event_type in _HARMS_PEOPLE:
            iso = sites[0].place.iso if sites[0] is not None else default_iso
            actor2 = victim_from_parse(self.res, text, s, _verb_of(trigger.span), actors, iso)
        # Province- or country-wide mentions need a day to be an incident rather than a summary.
        placed = [p for p in sites if p is not None]
        if learned is None and (any(p.place.feature == "country" for p in placed) or (
                placed and min(p.place.geo_precision for p in placed) >= 3 and (when is None or when.precision != "day"))):
            return []
        fatalities = find_fatalities(text, s.start, s.end) if len(sites) == 1 else None
        if s.kind != "item":  # a list item has its header's context ("Clashes were reported in:")
            if learned is None and (when is None or when.value is None) and actor1 is None and actor2 is None \
                    and fatalities is None:
                return []  # a type and a place alone ("the fighting lasted an hour") is no incident report
            if etype.event_type == "Battles" and not (is_armed(actor1) or is_armed(actor2)
                                                      or _ARMED_WORDS.search(text, s.start, s.end)):
                return []  # a "fight" with no armed party is a brawl or a match
        claim = self._claim(text, s)
        out = []
        for site in sites:
            m = Mention(
                article_id=article.id,
                event_type=etype.event_type,
                sub_event_type=etype.sub_event_type,
                evidence=Span(s.start, s.end, s.text),
                trigger=trigger.span,
                actor1=actor1,
                actor2=actor2,
                associated=[a for a in actors if a not in (actor1, actor2) and not a.is_claim_source],
                place=site,
                date=when,
                fatalities=fatalities,
                claim=claim,
            )
            learned_p = type_confidence(pred, m.sub_event_type)
            m.confidence = learned_p if learned_p is not None else _confidence(m, trigger, s)
            m.id = _mention_id(article.id, trigger.span, site)
            out.append(m)
        return out

    def _model_trigger(self, text: str, s: Sentence) -> Trigger:
        """The act of a sentence the model found without a trigger word: its main verb from
        the parse, around which roles are read (a zero-width anchor if it has none)."""
        verb = self.res.parser.main_verb(s.text)
        if verb is None:
            return Trigger("model", 0, Span(s.start, s.start, ""))
        start, end = s.start + verb[0], s.start + verb[1]
        return Trigger("model", 0, Span(start, end, text[start:end]))

    def _claim(self, text: str, s: Sentence) -> Claim:
        claim = find_claim(text, s.start, s.end)
        if claim.source is None:
            return claim
        canonical = self.res.actors.canonical_name(claim.source)
        name = canonical or re.sub(r"^(?:the|an?)\s+", "", claim.source.strip(), flags=re.IGNORECASE)
        return replace(claim, source=name)


#: Event types whose second actor is whoever the act was done to.
_HARMS_PEOPLE = frozenset({"Violence against civilians", "Explosions/Remote violence"})


def _recast_for_type(event_type: str, actor1: ActorMention | None, actor2: ActorMention | None,
                     site: PlaceMention | None, text: str, s: Sentence
                     ) -> tuple[ActorMention | None, ActorMention | None]:
    """ACLED puts protesters (rioters) first in Protests (Riots) events, the force they faced second."""
    if event_type not in ("Protests", "Riots"):
        return actor1, actor2
    label = "Protesters" if event_type == "Protests" else "Rioters"
    crowd = next((a for a in (actor1, actor2) if a and a.actor_type in UNARMED), None)
    force = next((a for a in (actor1, actor2) if a and a is not crowd), None)
    iso = site.place.iso if site else None
    name = f"{label} ({site.place.country})" if site and site.place.country else label
    span = crowd.span if crowd else None
    if span is None:
        m = re.search(r"\b(?:protesters|demonstrators|rioters|residents|crowds?|students|workers)\b",
                      text[s.start:s.end], re.IGNORECASE)
        if m is None:
            return None, force
        span = Span(s.start + m.start(), s.start + m.end(), m.group(0))
    return ActorMention(name, label, span, iso), force


def _verb_of(trigger: Span) -> Span:
    """ "attacked army positions": roles read around the verb; its object is a target, not the act."""
    first, _, rest = trigger.text.partition(" ")
    if rest and first.lower().endswith("ed") and first.lower() not in ("suspected", "improvised", "armed"):
        return Span(trigger.start, trigger.start + len(first), first)
    return trigger


def _lede_end(sentences: list[Sentence], n: int = 3) -> int:
    """Where the first n body sentences (after headlines) end."""
    body = [s for s in sentences if s.kind == "sentence"][:n]
    return body[-1].end if body else 0


def _confidence(m: Mention, trigger: Trigger, s: Sentence) -> float:
    score = 0.35
    score += 0.15 if m.place and m.place.place.geo_precision == 1 else 0.05
    score += 0.15 if m.date and m.date.precision == "day" else 0.0
    score += 0.1 if m.actor1 else 0.0
    score += 0.05 if m.actor2 else 0.0
    score += 0.1 if trigger.priority >= 70 else 0.0
    score += 0.05 if m.fatalities else 0.0
    score -= 0.1 if s.kind == "heading" else 0.0
    return max(0.05, min(0.95, score))


def _mention_id(article_id: str, trigger: Span, site: PlaceMention | None) -> str:
    key = f"{article_id}:{trigger.start}:{site.span.start if site else -1}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]
