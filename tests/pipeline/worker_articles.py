"""A small folder of news reports for the worker tests, written for them (no real outlet's text).

Two outlets tell one Somali attack (so events and stories link across articles), a wire
copy repeats one report word for word (a duplicate), one report has no incident, and one
file is empty (a failure), so a run exercises every outcome.
"""

from __future__ import annotations

import json
from pathlib import Path

SOMALIA_WIRE = """Al-Shabaab fighters storm army base in Lower Shabelle, killing nine soldiers

MOGADISHU, March 3 (Reuters) - Al-Shabaab militants attacked a Somali army base near \
Afgoye in the Lower Shabelle region on Sunday, killing at least nine soldiers, a military \
officer said.

The fighters detonated a car bomb at the gate of the base before gunmen stormed it, Captain \
Abdullahi Hassan told Reuters by phone from Afgoye. "We lost nine soldiers and at least \
fourteen were wounded," he said.

Al-Shabaab, which is allied to al Qaeda, said in a statement on its Andalus radio that its \
fighters had killed more than twenty soldiers. The claim could not be independently verified.

The group has stepped up attacks on government forces in central and southern Somalia since \
the army began an offensive against it last year.
"""

SOMALIA_LOCAL = """Somali soldiers killed as militants overrun base near Afgoye

At least ten Somali soldiers were killed on Sunday when al-Shabaab militants overran an \
army base outside Afgoye, about 30 km north-west of Mogadishu, residents and officials said.

Residents said they heard a loud explosion at dawn, followed by heavy gunfire that lasted \
more than an hour. "The militants came from the farms along the river," said Fadumo Ali, a \
shopkeeper in Afgoye.

A regional official said ten soldiers had died and that government forces had retaken the \
base by the afternoon.
"""

MYANMAR = """Air strike on Sagaing village kills 17, residents say

Myanmar's military carried out an air strike on a village in the Sagaing region on Tuesday, \
killing 17 people, including six children, residents and a local resistance group said.

A fighter jet dropped two bombs on Let Yet Kone village in Tabayin township in the morning, \
hitting a school and a monastery, a resident who helped bury the dead told reporters.

The junta's spokesman did not answer calls seeking comment. The military has denied \
targeting civilians in earlier strikes.
"""

NIGERIA = """Gunmen abduct 20 students from school in Kaduna state

KADUNA, Nigeria — Gunmen abducted at least 20 students from a secondary school in Kaduna \
state in north-west Nigeria on Thursday night, police said on Friday.

The attackers arrived on motorcycles and shot at a security guard before forcing the \
students into a nearby forest, police spokesman Mansir Hassan said in a statement. Security \
forces were searching the area.

Kidnappings for ransom by armed gangs, known locally as bandits, have become common across \
north-west Nigeria.
"""

KENYA = """Police fire tear gas at protesters in Nairobi

NAIROBI, July 7 (Reuters) - Kenyan police fired tear gas at hundreds of protesters in \
central Nairobi on Monday as they marched against new taxes, witnesses said.

Protesters blocked roads near parliament and threw stones at police, who also arrested at \
least 30 people, the Kenya National Commission on Human Rights said.
"""

ECONOMY = """Central bank raises interest rate to curb inflation

The Central Bank of Kenya raised its benchmark lending rate by 50 basis points to 10.5% on \
Tuesday, saying it wanted to bring inflation back within its target range.

The bank's monetary policy committee said the shilling's fall against the dollar had pushed \
up the price of fuel and imported food. Analysts had expected the move.
"""

FILES = {
    "somalia_wire.txt": (SOMALIA_WIRE, "Reuters", "2024-03-03"),
    "somalia_local.txt": (SOMALIA_LOCAL, "Hiiraan Online", "2024-03-04"),
    "myanmar.txt": (MYANMAR, "Irrawaddy", "2023-04-11"),
    "nigeria.txt": (NIGERIA, "Premium Times", "2024-03-08"),
    "kenya.txt": (KENYA, "Reuters", "2025-07-07"),
    "economy.txt": (ECONOMY, "Business Daily", "2023-06-27"),
    "somalia_wire_copy.txt": (SOMALIA_WIRE, "Reuters", "2024-03-03"),  # the same text again
}


def write_folder(folder: Path) -> Path:
    """Writes the reports, their sidecar metadata and one empty file into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    meta = []
    for name, (text, outlet, published) in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
        meta.append({"file": name, "outlet": outlet, "published": published, "language": "en",
                     "url": f"https://news.example.org/{name.removesuffix('.txt')}"})
    (folder / "articles.jsonl").write_text("".join(json.dumps(m) + "\n" for m in meta), encoding="utf-8")
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    return folder
