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
