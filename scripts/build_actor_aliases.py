"""Turn PETRARCH2 dictionary facts into rows for data/actors/aliases.v1.tsv.

Why a script: PETRARCH's Phoenix.MilNonState.actors.txt lists spelling variants
for many armed groups, mixed with leaders' names and mis-filed entries. We take
only the headwords mapped below (to our ACLED-style canonical names), drop the
variants listed in DROP, and print TSV rows (canonical, actor_type, country,
aliases, when_country, source) to paste into the aliases file. Only facts
(names and spellings) are taken, no code. Run:

    python scripts/build_actor_aliases.py /path/to/petrarch2.git > /tmp/petrarch_rows.tsv
"""

from __future__ import annotations

import re
import subprocess
import sys

DICT = "petrarch2/data/dictionaries/Phoenix.MilNonState.actors.txt"

#: PETRARCH headword -> (canonical, ACLED actor type, ISO alpha-2 or "").
MAPPING: dict[str, tuple[str, str, str]] = {
    "BOKO_HARAM": ("Boko Haram", "Rebel group", "NG"),
    "HAMAS_": ("Hamas", "Rebel group", "PS"),
    "KURDISTAN_WORKERS'_PARTY": ("Kurdistan Workers' Party", "Rebel group", "TR"),
    "PKK": ("Kurdistan Workers' Party", "Rebel group", "TR"),
    "HEZBOLLAH_": ("Hezbollah", "Political militia", "LB"),
    "LORD'S_RESISTANCE_ARMY": ("Lord's Resistance Army", "Rebel group", ""),
    "TALIBAN_": ("Taliban", "Rebel group", "AF"),
    "TIGRAY_PEOPLES_LIBERATION_FRONT": ("Tigray People's Liberation Front", "Rebel group", "ET"),
    "NEW_PEOPLE'S_ARMY": ("New People's Army", "Rebel group", "PH"),
    "ABU_SAYYAF_GROUP": ("Abu Sayyaf Group", "Rebel group", "PH"),
    "AL-QAEDA_IN_THE_ARABIAN_PENINSULA": ("Al-Qaeda in the Arabian Peninsula", "Rebel group", "YE"),
    "AL-SHABAAB": ("Al-Shabaab", "Rebel group", "SO"),
    "BALOCH_LIBERATION_ARMY_": ("Baloch Liberation Army", "Rebel group", "PK"),
    "LASHKAR-E-TAIBA_(LET)_": ("Lashkar-e-Taiba", "Rebel group", "PK"),
    "PALESTINIAN_ISLAMIC_JIHAD": ("Palestinian Islamic Jihad", "Rebel group", "PS"),
    "JAISH-E-MOHAMMAD_(JEM)_": ("Jaish-e-Mohammed", "Rebel group", "PK"),
    "HIZBUL_MUJAHIDEEN_(HM)_": ("Hizbul Mujahideen", "Rebel group", "IN"),
    "LASHKAR-E-JHANGVI_(LEJ)_": ("Lashkar-e-Jhangvi", "Rebel group", "PK"),
    "MORO_NATIONAL_LIBERATION_FRONT": ("Moro National Liberation Front", "Rebel group", "PH"),
    "ANSAR_AL-ISLAM_": ("Ansar al-Islam", "Rebel group", "IQ"),
    "AL-QAEDA_ORGANIZATION_IN_THE_ISLAMIC_MAGHREB_": (
        "Al-Qaeda in the Islamic Maghreb", "Rebel group", ""),
    "HIZB-I-ISLAMI_": ("Hezb-e-Islami", "Rebel group", "AF"),
}

#: Variants that are people, other groups or too generic to keep.
DROP = {
    "AL-AQSA_FOUNDATION", "KHALED_MESHAAL", "KHK_", "ISLAMIC_JIHAD_",
    "ISLAMIC_JIHAD_FOR_THE_LIBERATION_OF_PALESTINE_", "ORGANIZATION_OF_THE_OPPRESSED_ON_EARTH_",
    "REVOLUTIONARY_JUSTICE_ORGANIZATION_", "THE_ISLAMIC_RESISTANCE_", "ISLAMIC_PARTY_",
    "HM_OF_THE_JAMAAT-E-ISLAMI_", "SUPPORTERS_OF_ISLAM", "MLF", "AL_QAEDA", "AL-QAEDA",
    "NATIONAL_MOVEMENT_FOR_THE_RESTORATION_OF_PAKISTANI_SOVEREIGNTY_AND_ARMY_OF_THE_PROPHET_",
    "ARMY_OF_MOHAMMED_", "ARMY_OF_THE_PROPHET_", "MOHAMMEDS_ARMY_", "HIZBUL_SHABAAB",
}
#: Words a person's name is made of in these blocks: a variant containing one is dropped.
PERSON_HINTS = re.compile(
    r"NASRALLAH|KONY|ONGWEN|OTTI|ACHELLAM|LUKWIYA|ODHIAMBO|LATEK|LAMOLA|ORYANGA|WUHAYSHI|"
    r"MUGHNIY|MOUGHNIY|WAHAYSHI|WAHISHI|ABU_BASIR|AWLAKI|AWLAQI|AULAQI|AHMAD_UMAR|ZUBEYR|GODANE")
ACRONYMS = {"HSM", "PKK", "MNLF", "AQAP", "KGK", "LTTE"}
LOWER = {"al", "of", "the", "and", "in", "wa", "ul", "e", "i", "for", "to", "ash", "el"}
SOURCE = "PETRARCH2 Phoenix.MilNonState.actors.txt (MIT, Copyright (c) 2014 Open Event Data)"


def pretty(word: str) -> str:
    """PETRARCH 'HARAKAT_AL-SHABAAB_AL-MUJAHIDEEN' -> 'Harakat al-Shabaab al-Mujahideen'."""
    text = re.sub(r"\(.*?\)?_?$", "", word).strip("_").replace("_", " ")
    out = []
    for part in re.split(r"(\s|-)", text):
        low = part.lower()
        if part in (" ", "-") or not part:
            out.append(part)
        elif low in LOWER and out:
            out.append(low)
        elif part in ACRONYMS:
            out.append(part)
        else:
            out.append(part[:1].upper() + low[1:])
    return "".join(out).strip()


def blocks(text: str) -> dict[str, list[str]]:
    """Headword -> its '+' variants, in file order."""
    result: dict[str, list[str]] = {}
    current: str | None = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("+"):
            if current is not None:
                result[current].append(line[1:].split("#")[0].strip())
        elif not line.startswith(("\t", " ", "[")):
            current = line.split("[")[0].split("#")[0].strip()
            result.setdefault(current, [])
    return result


def main(gitdir: str) -> None:
    text = subprocess.run(["git", "--git-dir", gitdir, "show", f"HEAD:{DICT}"],
                          check=True, capture_output=True, text=True).stdout
    found = blocks(text)
    merged: dict[str, tuple[str, str, list[str]]] = {}
    for head, (canonical, actor_type, country) in MAPPING.items():
        variants = [head] + found.get(head, [])
        keep = [pretty(v) for v in variants if v not in DROP and not PERSON_HINTS.search(v)]
        entry = merged.setdefault(canonical, (actor_type, country, []))
        for alias in keep:
            if alias and alias.lower() != canonical.lower() and alias not in entry[2]:
                entry[2].append(alias)
    for canonical, (actor_type, country, aliases) in merged.items():
        print("\t".join([canonical, actor_type, country, " | ".join(aliases or [canonical]), "", SOURCE]))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/work/.mirror/openeventdata+petrarch2/repo/.git")
