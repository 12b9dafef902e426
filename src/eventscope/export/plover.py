"""ACLED sub-event types mapped to PLOVER event categories and modes (a data file)."""

from __future__ import annotations

from dataclasses import dataclass

from eventscope.data import read_tsv

CROSSWALK_FILE = "crosswalk/acled_plover.v1.tsv"


@dataclass(frozen=True)
class PloverCode:
    event: str
    modes: tuple[str, ...]
    quad: str


class PloverCrosswalk:
    def __init__(self, rows: list[dict[str, str]]) -> None:
        self._codes = {
            (r["event_type"], r["sub_event_type"]): PloverCode(
                r["plover_event"], tuple(m for m in r["plover_mode"].split(";") if m), r["quad"])
            for r in rows
        }

    @classmethod
    def load(cls) -> PloverCrosswalk:
        return cls(read_tsv(CROSSWALK_FILE, required=("event_type", "sub_event_type", "plover_event", "quad")))

    def code(self, event_type: str | None, sub_event_type: str | None) -> PloverCode | None:
        return self._codes.get((event_type or "", sub_event_type or ""))

    def __len__(self) -> int:
        return len(self._codes)
