import pytest

from eventscope.extract.triggers import TriggerLexicon


@pytest.fixture(scope="module")
def lexicon():
    return TriggerLexicon.load()


def classes(lexicon, text):
    return [t.cls for t in lexicon.happened(text, 0, len(text))]


@pytest.mark.parametrize("text, cls", [
    ("A suicide bomber blew himself up at a checkpoint in Mogadishu.", "suicide"),
    ("Russian drone strikes hit Kharkiv overnight.", "air"),
    ("Houthi rebels fired ballistic missiles at Marib city.", "shelling"),
    ("A roadside bomb struck a police vehicle in Kandahar.", "ied"),
    ("Boko Haram fighters abducted 30 schoolgirls in Borno.", "abduct"),
    ("Hundreds of protesters took to the streets of Cairo.", "protest"),
    ("Police arrested 14 opposition supporters in Kinshasa.", "arrest"),
    ("M23 rebels captured the town of Bunagana.", "capture"),
    ("Soldiers recaptured Palmyra from the militants.", "recapture"),
    ("The rebels took the town on Tuesday after the army withdrew.", "capture"),
    ("Al-Shabaab fighters have taken the strategic town of Bulo Burde.", "capture"),
    ("On the same day, bombs fell on a camp for displaced people near Goma.", "shelling"),
    ("Troops neutralised 22 terrorists in a firefight.", "attack"),
])
def test_triggers_find_the_act(lexicon, text, cls):
    assert cls in classes(lexicon, text)


@pytest.mark.parametrize("text", [
    "The group threatened to attack Kabul unless its prisoners were freed.",
    "Nusra called for a cease-fire between the rival factions.",
    "The army denied that it had shelled the village.",
    "Officials fear the rebels could attack the city within days.",
    '"Kill them wherever you find them," the spokesman said.',
    "If the talks fail, the militia will resume its offensive.",
])
def test_triggers_skip_threats_plans_denials_and_quotes(lexicon, text):
    assert classes(lexicon, text) == []


def test_triggers_keep_offsets(lexicon):
    text = "On Monday, gunmen opened fire on a bus near Juba."
    (t,) = lexicon.happened(text, 0, len(text))
    assert text[t.span.start:t.span.end] == t.span.text == "opened fire"


@pytest.mark.parametrize("text", [
    'Trump said at a rally in Monroe, La., on Nov. 6 that the betrayal was over.',
    "A rally in bank stocks lifted the index in Paris on Tuesday.",
    "Oil prices rallied in London on Monday after the OPEC meeting.",
])
def test_triggers_rallies_that_are_speeches_or_markets_are_not_protests(lexicon, text):
    assert "protest" not in classes(lexicon, text)
