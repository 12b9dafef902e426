from eventscope.extract.roles import assign_roles, drop_generic_after_named
from eventscope.models import ActorMention, Span


def mention(text, phrase, name, kind="Rebel group", source=False):
    i = text.index(phrase)
    return ActorMention(name, kind, Span(i, i + len(phrase), phrase), is_claim_source=source)


def trig(text, word):
    i = text.index(word)
    return Span(i, i + len(word), word)


def test_roles_attributive_group_owns_the_bombing():
    text = "The rebels, who on Tuesday saw 20 of their fighters killed in an ISIL suicide car bombing, regrouped."
    actors = [mention(text, "rebels", "Rebels (Syria)"), mention(text, "ISIL", "Islamic State of Iraq and the Levant")]
    a1, a2 = assign_roles(text, 0, len(text), trig(text, "suicide car bombing"), actors)
    assert (a1.name, a2.name) == ("Islamic State of Iraq and the Levant", "Rebels (Syria)")


def test_roles_subject_is_agent_object_is_target():
    text = "M23 rebels attacked Congolese army positions near Goma on Friday."
    actors = [mention(text, "M23", "M23"), mention(text, "Congolese army", "Military Forces of DR Congo", "State forces")]
    a1, a2 = assign_roles(text, 0, len(text), trig(text, "attacked"), actors)
    assert (a1.name, a2.name) == ("M23", "Military Forces of DR Congo")


def test_roles_passive_by_names_the_agent():
    text = "Twelve villagers were killed by Boko Haram fighters in Borno."
    actors = [mention(text, "villagers", "Civilians (Nigeria)", "Civilians"), mention(text, "Boko Haram", "Boko Haram")]
    a1, a2 = assign_roles(text, 0, len(text), trig(text, "killed"), actors)
    assert (a1.name, a2.name) == ("Boko Haram", "Civilians (Nigeria)")


def test_roles_claim_sources_are_never_actors():
    text = "Government airstrikes killed 19 people, the Observatory said."
    actors = [mention(text, "Government", "Military Forces of Syria", "State forces"),
              mention(text, "people", "Civilians (Syria)", "Civilians"),
              mention(text, "Observatory", "Syrian Observatory for Human Rights", "Claim source", True)]
    a1, a2 = assign_roles(text, 0, len(text), trig(text, "airstrikes"), actors)
    assert (a1.name, a2.name) == ("Military Forces of Syria", "Civilians (Syria)")


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
