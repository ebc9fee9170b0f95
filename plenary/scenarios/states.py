"""The UN member states, read from the country_converter dataset (its UN membership column)."""

import csv
import importlib.metadata
import importlib.resources
import re
from dataclasses import dataclass

DATASET = "country_converter"


@dataclass(frozen=True)
class MemberState:
    iso2: str
    name: str
    region: str
    subregion: str


def dataset_source() -> dict[str, str]:
    version = importlib.metadata.version("country-converter")
    return {
        "title": f"country_converter {version}, country_data.tsv (column UNmember)",
        "url": "https://github.com/IndEcol/country_converter",
    }


def _iso2(cell: str) -> str:
    # A few rows hold a pattern such as "^GB$|^UK$": the first code is the ISO one.
    match = re.search(r"[A-Z]{2}", cell)
    if match is None:
        raise ValueError(f"No ISO code in {cell!r}")
    return match.group(0)


def un_member_states() -> list[MemberState]:
    """All UN member states with their region and subregion (UN M49)."""
    path = importlib.resources.files(DATASET) / "country_data.tsv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    states = [
        MemberState(
            iso2=_iso2(row["ISO2"]),
            name=row["name_short"],
            region="Americas" if row["continent"] == "America" else row["continent"],
            subregion=row["UNregion"],
        )
        for row in rows
        if row["UNmember"].strip() not in {"", "nan"}
    ]
    return sorted(states, key=lambda s: s.name)
