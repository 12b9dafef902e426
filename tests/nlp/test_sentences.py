from eventscope.nlp.sentences import split_sentences

REPORT = """Gunmen kill 12 in Zamfara village raid

Gunmen killed at least 12 villagers in Zamfara state late on Sunday, police said. Mr. Abubakar, a local official, said the attackers came on motorcycles.

Attacks have been reported in:
  • Anka, where 5 people died
  • Gusau and Tsafe, with homes torched
"""


def test_sentences_keep_offsets():
    for s in split_sentences(REPORT):
        assert REPORT[s.start:s.end] == s.text


def test_sentences_do_not_split_on_abbreviations():
    texts = [s.text for s in split_sentences(REPORT)]
    assert "Mr. Abubakar, a local official, said the attackers came on motorcycles." in texts


def test_sentences_headline_is_a_heading():
    first = split_sentences(REPORT)[0]
    assert first.kind == "heading"
    assert first.text.startswith("Gunmen kill 12")


def test_sentences_list_items_remember_their_header():
    items = [s for s in split_sentences(REPORT) if s.kind == "item"]
    assert [i.text for i in items] == ["Anka, where 5 people died", "Gusau and Tsafe, with homes torched"]
    assert all(i.header is not None and i.header.text == "Attacks have been reported in:" for i in items)


def test_sentences_index_is_position():
    sents = split_sentences(REPORT)
    assert [s.index for s in sents] == list(range(len(sents)))


def test_sentences_a_long_first_line_without_a_full_stop_is_a_heading():
    text = ("Ukraine war latest: Dnipro strike death toll rises to 11; Russia shells Nikopol, drones hit Kharkiv\n\n"
            "The death toll from the missile attack on Dnipro on Oct. 3 has risen to 11, officials said.")
    first = split_sentences(text)[0]
    assert first.kind == "heading"
    assert first.text.endswith("drones hit Kharkiv")
    assert split_sentences(text)[-1].kind == "sentence"
