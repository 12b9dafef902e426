"""Reports written for the store-linking tests, and a helper that stores them as a run would.

The texts are invented but written as the outlets write; the mention rows are what
extraction gives for them (`mention_rows.mention`).
"""

from __future__ import annotations

import json
from typing import Any

from eventscope.store.db import Store
from tests.link.mention_rows import mention
from tests.link.wire_texts import AFP_DARKUSH, AP_MOGADISHU, OWN_REPORT

ISIL, FSA, BOKO = "Islamic State of Iraq and the Levant", "Free Syrian Army", "Boko Haram"

NIGERIA_REUTERS = (
    "MAIDUGURI, Nigeria (Reuters) - Suspected Boko Haram gunmen killed 18 villagers in an overnight "
    "raid near Dikwa in Borno state, residents and a local official said on Thursday. The attackers "
    "set fire to homes and a market in the village before fleeing into the bush, witnesses said. "
    "The army has been fighting the insurgents in the northeast since 2009.")
NIGERIA_PUNCH = (
    "Eighteen residents of a village near Dikwa in Borno State were killed when Boko Haram fighters "
    "stormed the community on Wednesday night, a local government official told our correspondent. "
    "The insurgents burnt houses and the village market and carted away food before troops arrived. "
    "Residents who fled to Maiduguri said the gunmen came on motorcycles.")
DARKUSH_2013 = (
    "BEIRUT (AFP) - Syrian rebels clashed with government troops around the town of Darkush in Idlib "
    "province near the Turkish border on Friday, a monitoring group said. The Syrian Observatory for "
    "Human Rights said fighters of the Free Syrian Army attacked an army checkpoint on the road to "
    "Jisr al-Shughur and that at least nine soldiers were killed. Regime aircraft later bombed "
    "villages in the area, activists said.")
DIGEST = (
    "World news in brief. Syria: at least 34 people were killed on Tuesday in fighting between rebels "
    "and jihadists of the Islamic State of Iraq and the Levant around Darkush in Idlib province, "
    "the Syrian Observatory for Human Rights said. Nigeria: Boko Haram gunmen killed 18 villagers in "
    "a night raid near Dikwa in Borno state, officials said.")

# id: (outlet, published, title, text, actors, countries, mention rows)
REPORTS: dict[str, tuple[str, str, str, str, list[str], list[str], list[dict[str, Any]]]] = {
    "afp": ("AFP", "2014-01-08", "Syrian rebels seize jihadist HQ in Aleppo", AFP_DARKUSH, [ISIL], ["SY"],
            [mention("afp-1", "afp", "Armed clash", "2014-01-07", "Darkush", actor1=ISIL, fatalities=34)]),
    "own": ("CNN", "2014-01-08", "Rebels drive ISIS from Aleppo base", OWN_REPORT, [ISIL], ["SY", "TR"],
            [mention("own-1", "own", "Armed clash", "2014-01-07", "Darkush", actor1=ISIL)]),
    "ng": ("Reuters", "2014-01-09", "Gunmen kill 18 in Nigeria's Borno", NIGERIA_REUTERS, [BOKO], ["NG"],
           [mention("ng-1", "ng", "Attack", "2014-01-08", "Dikwa", actor1=BOKO, fatalities=18)]),
    "ng2": ("Punch", "2014-01-10", "Boko Haram kills 18 in Borno village", NIGERIA_PUNCH, [BOKO], ["NG"],
            [mention("ng2-1", "ng2", "Attack", "2014-01-08", "Dikwa", actor1=BOKO, fatalities=18)]),
    "ap": ("AP", "2014-01-11", "Car bomb kills 11 at Mogadishu hotel", AP_MOGADISHU, ["Al-Shabaab"], ["SO"],
           [mention("ap-1", "ap", "Remote explosive/landmine/IED", "2014-01-11", None, fatalities=11)]),
    "darkush2013": ("AFP", "2013-03-02", "Rebels attack army checkpoint near Darkush", DARKUSH_2013, [FSA],
                    ["SY"], [mention("d13-1", "darkush2013", "Armed clash", "2013-03-01", "Darkush", actor1=FSA,
                                     fatalities=9)]),
    "digest": ("Daily Digest", "2014-01-10", "World news in brief", DIGEST, [ISIL, BOKO], ["SY", "NG"],
               [mention("dg-1", "digest", "Armed clash", "2014-01-07", "Darkush", actor1=ISIL, fatalities=34),
                mention("dg-2", "digest", "Attack", "2014-01-08", "Dikwa", actor1=BOKO, fatalities=18)]),
}


def store_article(db: Store, aid: str, outlet: str, published: str | None, title: str, text: str,
                  actors: list[str], countries: list[str], mentions: list[dict[str, Any]],
                  run_id: str = "r1") -> None:
    """Write one article and its mention rows as `Store.write_batch` would."""
    db._insert("articles", [{"id": aid, "source": f"{aid}.txt", "title": title, "url": None, "outlet": outlet,
                             "published": published, "published_source": "metadata", "language": "en",
                             "kind": None, "text": title + "\n" + text, "actors": json.dumps(actors),
                             "countries": json.dumps(countries), "run_id": run_id}])
    rows = []
    for seq, m in enumerate(mentions):
        row = {k: v for k, v in m.items() if k not in ("outlet", "published")}
        rows.append({**row, "actor1_type": None, "actor2_type": None, "associated": "[]",
                     "verified": None, "event_id": None, "seq": seq})
    db._insert("mentions", rows)


def store_reports(db: Store, ids: list[str], run_id: str = "r1") -> None:
    """Write these reports and their mentions."""
    for aid in ids:
        store_article(db, aid, *REPORTS[aid], run_id=run_id)


def groups(pairs: dict[str, str]) -> list[list[str]]:
    """A partition as sorted lists of members, whatever the ids."""
    out: dict[str, list[str]] = {}
    for k, v in sorted(pairs.items()):
        out.setdefault(v, []).append(k)
    return sorted(out.values())


def store_two_edits(db: Store) -> None:
    """Two sites' edits of one AFP dispatch (too different to be taken for copies of each
    other), each with its clash at Darkush: two sources of one incident, before linking."""
    words = AFP_DARKUSH.split()
    gulf = " ".join(words[:40] + [f"alpha{i}" for i in range(11)] + words[51:])
    news24 = " ".join(words[:160] + [f"beta{i}" for i in range(11)] + words[171:])
    for aid, outlet, text in (("gulf", "Gulf News", gulf), ("news24", "News24", news24)):
        store_article(db, aid, outlet, "2014-01-08", "Syria rebels overrun jihadist HQ", text, [ISIL], ["SY"],
                      [mention(f"{aid}-1", aid, "Armed clash", "2014-01-07", "Darkush", actor1=ISIL)])
