from eventscope.extract.roles import drop_generic_after_named
from eventscope.models import ActorMention, Span


def mention(text, phrase, name, kind="Rebel group", source=False):
    i = text.index(phrase)
    return ActorMention(name, kind, Span(i, i + len(phrase), phrase), is_claim_source=source)


def test_roles_generic_word_after_group_is_the_group():
    text = "Isis gunmen fired at residents."
    actors = [mention(text, "Isis", "Islamic State of Iraq and the Levant"),
              mention(text, "gunmen", "Unidentified Armed Group (Syria)")]
    assert [a.name for a in drop_generic_after_named(actors, text)] == ["Islamic State of Iraq and the Levant"]


def test_roles_generic_word_after_a_bracketed_acronym_is_the_group():
    text = "Suspected Islamic State West Africa Province (ISWAP) insurgents killed 12 villagers."
    actors = [mention(text, "Islamic State West Africa Province", "Islamic State West Africa Province"),
              mention(text, "ISWAP", "Islamic State West Africa Province"),
              mention(text, "insurgents", "Rebels (Nigeria)")]
    assert [a.name for a in drop_generic_after_named(actors, text)] == ["Islamic State West Africa Province"] * 2


# --- the victim from the parse: the act's object, whatever modifiers it has ---------------

import pytest  # noqa: E402

from eventscope.extract.mentions import MentionExtractor  # noqa: E402
from eventscope.resources import Resources  # noqa: E402
from tests.conftest import make_article  # noqa: E402


@pytest.fixture(scope="module")
def extractor() -> MentionExtractor:
    return MentionExtractor(Resources())


def only_mention(extractor, text, published="2024-03-06"):
    (m,) = extractor.extract(make_article(text, published)).mentions
    return m


@pytest.mark.slow
def test_a_victim_behind_an_age_is_a_civilian(extractor):
    m = only_mention(extractor, "Gunmen killed a 15-year-old boy in Kaduna on Monday, police said.")
    assert m.actor2 is not None and m.actor2.name == "Civilians (Nigeria)"
    assert m.actor2.span.text == "boy"


@pytest.mark.slow
def test_the_subject_of_a_passive_is_the_victim(extractor):
    m = only_mention(extractor, "A 62-year-old farmer was shot dead by gunmen in Kaduna on Monday.")
    assert m.actor2 is not None and m.actor2.name == "Civilians (Nigeria)"


@pytest.mark.slow
def test_an_object_that_names_no_person_is_no_victim(extractor):
    m = only_mention(extractor, "Gunmen torched a 200-year-old church in Kaduna on Monday, police said.")
    assert m.actor2 is None or m.actor2.actor_type != "Civilians"


@pytest.mark.slow
def test_the_issue_nablus_raid_is_israeli_forces_against_a_civilian(extractor):
    m = only_mention(extractor, "Soldiers killed a 15-year-old boy during a raid on Nablus on Monday, "
                                "the health ministry said.")
    assert (m.sub_event_type, m.actor1.name, m.actor2.name) == (
        "Attack", "Military Forces of Israel", "Civilians (Palestine)")
    assert (m.place.place.name, m.date.value, m.fatalities.best) == ("Nablus", "2024-03-04", 1)
