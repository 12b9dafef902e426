"""The cheap pass: find words that may report an incident, and drop the ones that don't.

Triggers and non-event cues are data (`data/lexicons/*.tsv`); this module only
compiles them once and applies them to a sentence. A trigger survives when no
threat / plan / hypothetical / negation / call cue governs it within its clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventscope.data import read_tsv
from eventscope.models import Span

TRIGGERS_FILE = "lexicons/triggers.v1.tsv"
NONEVENTS_FILE = "lexicons/nonevents.v1.tsv"

# Words that end the clause a cue can govern: a cue before these does not reach the trigger.
_CLAUSE_BREAK = re.compile(
    r"[;:—–]|,\s+(?:and|but|while|as|after|before|when|where|who|which)\b|\.\s|\s-\s|\b(?:but|after|before|while|when|where)\b",
    re.IGNORECASE,
)
_CUE_WINDOW = 70  # characters before a trigger in which a cue can govern it
_AROUND = 25  # characters after a trigger's start an "around" cue may reach
_QUOTE = re.compile(r"“[^”]*”|\"[^\"\n]*\"")


@dataclass(frozen=True)
class Trigger:
    cls: str
    priority: int
    span: Span


@dataclass(frozen=True)
class NonEvent:
    cls: str
    span: Span


class TriggerLexicon:
    """Compiled trigger and non-event patterns; build once per process."""

    def __init__(self, triggers: list[dict[str, str]], cues: list[dict[str, str]]) -> None:
        self.priority = {row["class"]: int(row["priority"]) for row in triggers}
        alternatives = [f"(?P<{row['class']}>{row['pattern']})" for row in triggers]
        self._triggers = re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)
        self._cues: list[tuple[str, str, re.Pattern[str]]] = [
            (row["class"], row["where"], re.compile(r"\b(?:" + row["pattern"] + r")", re.IGNORECASE))
            for row in cues
        ]

    @classmethod
    def load(cls) -> TriggerLexicon:
        return cls(
            read_tsv(TRIGGERS_FILE, required=("class", "priority", "pattern")),
            read_tsv(NONEVENTS_FILE, required=("class", "where", "pattern")),
        )

    def find(self, text: str, start: int, end: int) -> list[Trigger]:
        """All trigger words in text[start:end], in order, with their class."""
        found = []
        for m in self._triggers.finditer(text, start, end):
            cls = m.lastgroup
            assert cls is not None
            found.append(Trigger(cls, self.priority[cls], Span(m.start(), m.end(), m.group(0))))
        return found

    def governing_cue(self, text: str, sent_start: int, trigger: Trigger) -> NonEvent | None:
        """The threat/plan/negation cue that keeps `trigger` from being an incident, if any."""
        window_start = max(sent_start, trigger.span.start - _CUE_WINDOW)
        # The clause: cut the window at the last clause break before the trigger.
        for brk in _CLAUSE_BREAK.finditer(text, window_start, trigger.span.start):
            window_start = brk.end()
        for cls, where, pattern in self._cues:
            stop = trigger.span.start if where == "before" else trigger.span.start + _AROUND
            last = None
            for last in pattern.finditer(text, window_start, stop):  # noqa: B007 - the cue nearest the trigger
                pass
            if last is not None:
                return NonEvent(cls, Span(last.start(), last.end(), last.group(0)))
        return None

    @staticmethod
    def quoted(text: str, sent_start: int, sent_end: int, trigger: Trigger) -> Span | None:
        """The quotation a trigger stands in: direct speech reports words, not incidents."""
        for q in _QUOTE.finditer(text, sent_start, sent_end):
            if q.start() < trigger.span.start < q.end():
                return Span(q.start(), q.end(), q.group(0))
        return None

    def happened(self, text: str, sent_start: int, sent_end: int) -> list[Trigger]:
        """Triggers in the sentence that report something that happened."""
        return [t for t in self.find(text, sent_start, sent_end)
                if self.governing_cue(text, sent_start, t) is None
                and self.quoted(text, sent_start, sent_end, t) is None]
