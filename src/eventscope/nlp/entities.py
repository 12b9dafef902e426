"""Named entities, read only where a place name could be a person's name.

The gazetteer knows places, not people: "Omar", "Chima", "Hamm" and "Salem" are towns
somewhere, and "Chima Ikwunado was arrested" must not put the arrest in Colombia.
spaCy's statistical recogniser tells a person's full name from a place by context
(how its verdict is used is in `extract.places.drop_person_names`).
It runs only on the candidate sentences where a small place stands beside another
capitalised word, in one batch per article, so its cost stays off the common path.
The recogniser's other labels are not trusted over the gazetteer: the small model calls
Aleppo NORP in some sentences, and a place stays a place.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

from eventscope.nlp.parse import MODEL

#: Everything but the recogniser and the embedding it reads.
_NOT_NEEDED = ["tagger", "parser", "lemmatizer", "attribute_ruler", "senter"]


class EntityTagger:
    def __init__(self, model: str = MODEL) -> None:
        self.model = model

    @cached_property
    def nlp(self):
        import spacy

        return spacy.load(self.model, exclude=_NOT_NEEDED)

    def persons(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        """For each text, the character spans spaCy labels PERSON."""
        if not texts:
            return []
        return [[(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
                for doc in self.nlp.pipe(texts, batch_size=64)]
