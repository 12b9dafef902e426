"""The parse names the act's verb of a sentence that has no trigger word (loads spaCy's model)."""

import pytest

from eventscope.nlp.parse import Parser


@pytest.fixture(scope="module")
def parser() -> Parser:
    return Parser()


@pytest.mark.parametrize("text, verb", [
    ("Haitian gangs set fire to a police station on Monday.", "set"),
    ("Officials said gunmen stormed a church in Owo on Sunday.", "stormed"),
    ("Police in Kaduna seized 40 rifles from a hideout.", "seized"),
])
def test_main_verb_is_the_reported_act(parser, text, verb):
    start, end = parser.main_verb(text)
    assert text[start:end] == verb


def test_a_verbless_fragment_has_no_main_verb(parser):
    assert parser.main_verb("Heavy gunfire near the border crossing") is None
