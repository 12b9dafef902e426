"""Realistic wire reprints and independent reports, written for the wire and story tests."""

AFP_DARKUSH = (
    "BEIRUT (AFP) - Syrian rebels seized control on Wednesday of the headquarters of the "
    "jihadist Islamic State of Iraq and the Levant in the northern city of Aleppo, a monitoring "
    "group said, as infighting between opposition factions spread across the north. The Syrian "
    "Observatory for Human Rights said the rebels, including fighters from the Islamic Front and "
    "the Mujahideen Army, stormed the children's hospital that ISIL had used as its base in the "
    "Qadi Askar district and freed dozens of prisoners held there. Fighting also raged in the "
    "province of Idlib, where at least 34 people were killed on Tuesday around the town of "
    "Darkush near the Turkish border, the Observatory said. The clashes began on Friday after "
    "ISIL fighters were accused of torturing to death a doctor who belonged to the Ahrar al-Sham "
    "movement. Activists say anger at the group's brutal methods, including kidnappings of "
    "journalists and aid workers, has been building for months. The Observatory, which relies "
    "on a network of activists, doctors and lawyers on the ground, said nearly 300 people had "
    "been killed since the fighting began, among them 46 civilians. The opposition National "
    "Coalition, based in Istanbul, welcomed the offensive and said ISIL served the interests "
    "of President Bashar al-Assad's regime. ISIL has not commented on the losses, but a "
    "statement posted on jihadist forums called on its fighters to hold their positions.")

# The same dispatch as reprinted by three sites: new headline and dateline, a reworded
# sentence, a dropped closing paragraph, typographic changes.
REPRINT_GULF = (
    "Syria rebels overrun jihadist HQ in Aleppo\n\n" + AFP_DARKUSH.replace(
        "BEIRUT (AFP) - ", "BEIRUT: ").replace(
        "a monitoring group said", "a monitor said"))
REPRINT_NEWS24 = AFP_DARKUSH.replace("BEIRUT (AFP) - ", "Beirut - ").replace(
    "ISIL has not commented on the losses, but a statement posted on jihadist forums called on "
    "its fighters to hold their positions.", "").replace(
    "Activists say", "Activists said")
REPRINT_TRIMMED = AFP_DARKUSH.split(" The Observatory, which relies")[0] + " - AFP"

# Another outlet's own report of the same incidents: same facts, different words.
OWN_REPORT = (
    "ALEPPO, Syria - Opposition fighters drove militants of the al-Qaeda offshoot known as ISIS "
    "out of their main base in Aleppo on Wednesday, activists reported, the latest blow in a "
    "week of fighting that pits Syria's rebels against their former allies. The base, a former "
    "children's hospital in Qadi Askar, was taken after a night of clashes and about 50 "
    "detainees were released, according to the Syrian Observatory for Human Rights. In Idlib "
    "province, dozens died in fighting near Darkush, close to the border with Turkey. The "
    "rebellion against ISIS was sparked by the killing of a physician from Ahrar al-Sham who "
    "had been held by the group. Residents of rebel-held areas have long complained of the "
    "group's abductions and summary executions, and many welcomed its retreat.")

# A different agency dispatch on another story (controls).
AP_MOGADISHU = (
    "MOGADISHU, Somalia (AP) - A car bomb exploded outside a busy hotel in Somalia's capital on "
    "Saturday, killing at least 11 people, police said. Captain Mohamed Hussein said the "
    "explosives-laden vehicle rammed the gate of the hotel, which is popular with government "
    "officials, before a gunfight broke out. The al-Shabab extremist group claimed "
    "responsibility in a statement on its radio station. The group, which is linked to al-Qaida, "
    "frequently targets hotels and government buildings in Mogadishu. African Union troops "
    "helped Somali forces secure the area, witnesses said. The attack came days after the "
    "government announced a new offensive against the militants in the south of the country.")
AP_MOGADISHU_REPRINT = AP_MOGADISHU.replace("MOGADISHU, Somalia (AP) - ", "").replace(
    "killing at least 11 people", "killing at least 11 people and wounding dozens")
