"""Models and knowledge, loaded once per process and passed to every stage.

No module keeps global caches: a `Resources` object owns the gazetteer, the
actor resolver and the lexicons, so the same input gives the same output and
tests can build their own. Everything loads lazily, on first use.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from eventscope.data import data_version

if TYPE_CHECKING:
    from eventscope.extract.event_model import EventModel
    from eventscope.extract.triggers import TriggerLexicon
    from eventscope.nlp.entities import EntityTagger
    from eventscope.nlp.parse import Parser
    from eventscope.resolve.actors import ActorResolver
    from eventscope.resolve.gazetteer import Gazetteer

DATA_FILES = (
    "lexicons/triggers.v1.tsv",
    "lexicons/nonevents.v1.tsv",
    "actors/aliases.v1.tsv",
    "places/supplement.v1.tsv",
    "places/admin1.v1.tsv",
    "places/countries.v1.tsv",
    "places/admin2.v1.tsv",
    "actors/agents.v1.tsv",
    "actors/nationalities.v1.tsv",
    "actors/definite_countries.v1.tsv",
    "actors/territory_forces.v1.tsv",
    "actors/sources.v1.tsv",
    "lexicons/relation_cues.v1.tsv",
    "lexicons/state_metonyms.v1.tsv",
    "models/event_model/meta.json",
    "models/event_model/weights.npz",
    "models/event_model/encoder.npz",
)


class Resources:
    @cached_property
    def triggers(self) -> TriggerLexicon:
        from eventscope.extract.triggers import TriggerLexicon

        return TriggerLexicon.load()

    @cached_property
    def event_model(self) -> EventModel:
        from eventscope.extract.event_model import EventModel

        return EventModel()

    @cached_property
    def parser(self) -> Parser:
        from eventscope.nlp.parse import Parser

        return Parser()

    @cached_property
    def entities(self) -> EntityTagger:
        from eventscope.nlp.entities import EntityTagger

        return EntityTagger()

    @cached_property
    def gazetteer(self) -> Gazetteer:
        from eventscope.resolve.gazetteer import Gazetteer

        return Gazetteer.load()

    @cached_property
    def actors(self) -> ActorResolver:
        from eventscope.resolve.actors import ActorResolver

        return ActorResolver.load()

    def data_versions(self) -> dict[str, str]:
        """Digests of the knowledge files a run used, stored with the run."""
        versions = {}
        for name in DATA_FILES:
            try:
                versions[name] = data_version(name)
            except Exception:  # a file not shipped yet is recorded as absent, not fatal
                versions[name] = "absent"
        return versions
