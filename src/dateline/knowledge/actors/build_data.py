"""Build the derived actor dictionaries from the reference files in ../shared/reference/actors.

    python -m dateline.knowledge.actors.build_data [REFERENCE_DIR]

- ``actors_agents.tsv`` from PETRARCH's ``Phoenix.agents.txt`` (MIT, Open Event Data Alliance):
  agent nouns ("SPOKES!PERSON! [~MED]") as lower-case phrases with their primary sector.
- ``actors_leaders.tsv`` from the CC0 Wikidata lists (current heads of state and government,
  foreign ministers) with ``actors_leaders_curated.tsv`` (written for the project) merged over them.

Not imported at run time; the outputs are committed.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterator
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
DEFAULT_REFERENCE = Path(__file__).resolve().parents[5] / "shared" / "reference" / "actors"

_SUBSTITUTIONS = {"!PERSON!": ("man", "woman", "person"), "!MINIST!": ("minister", "ministry")}
_AGENT_LINE = re.compile(r"^([A-Z0-9_'.!-]+)\s*(?:\{([^}]*)\})?\s*\[~([A-Z]{3})[A-Z]*\]")
# Sectors PETRARCH uses that the project keeps; the others (religions, ethnic groups) are dropped.
_KEEP_SECTORS = {"GOV", "MIL", "LEG", "JUD", "OPP", "REB", "COP", "SPY", "BUS", "EDU", "MED", "HLH", "CVL",
                 "LAB", "NGO", "IGO", "REF", "PTY", "ELI", "UAF", "AGR", "CRM", "ENV", "HRI", "DEV"}


def _expand(token: str) -> Iterator[str]:
    for marker, words in _SUBSTITUTIONS.items():
        if marker in token:
            for word in words:
                yield from _expand(token.replace(marker, word))
            return
    yield token


def _phrase(token: str) -> str:
    return " ".join(token.replace("_", " ").lower().split())


def agent_rows(agents_file: Path) -> Iterator[tuple[str, str, str]]:
    """(phrase, sector, person|persons) for each agent noun in Phoenix.agents.txt."""
    for line in agents_file.read_text(encoding="utf-8", errors="replace").splitlines():
        match = _AGENT_LINE.match(line.strip())
        if not match or match.group(3) not in _KEEP_SECTORS:
            continue
        token, plural, sector = match.groups()
        for form in _expand(token):
            phrase = _phrase(form)
            if phrase and not phrase.endswith(" of") and "{" not in phrase:
                yield phrase, sector, "person"
                yield (_phrase(plural) if plural else _plural(phrase)), sector, "persons"


def _plural(phrase: str) -> str:
    if phrase.endswith(("man",)):
        return phrase[:-3] + "men"
    if phrase.endswith(("s", "x", "ch", "sh")):
        return phrase + "es"
    if phrase.endswith("y") and phrase[-2:-1] not in "aeiou":
        return phrase[:-1] + "ies"
    return phrase + "s"


def _country_codes() -> dict[str, str]:
    codes: dict[str, str] = {}
    for line in (DATA / "actors_countries.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cols = line.split("\t")
            for name in cols[1].split("|"):
                codes[name.strip().casefold()] = cols[0]
    return codes


def _sector_of(position: str) -> str:
    lowered = position.casefold()
    return "MIL" if "defen" in lowered or "armed forces" in lowered else "GOV"


def wikidata_leader_rows(ref: Path, codes: dict[str, str]) -> Iterator[list[str]]:
    """Current holders (no end) from the CC0 Wikidata lists, as leaders.tsv rows."""
    leaders = ref / "leaders"
    with (leaders / "world-leaders-2021.wikidata.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            country = codes.get(row["country"].casefold())
            if country and not row["end_year"] and row["officeholderLabel"]:
                title = row["positionLabel"].split(" of ")[0]
                yield [row["officeholderLabel"], "", country, title, "GOV", row["start_year"], ""]
    with (leaders / "foreign-ministers-2022.wikidata.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            country = codes.get(row["countryLabel"].casefold())
            if country and row["name"]:
                yield [row["name"], "", country, row["positionLabel"], _sector_of(row["positionLabel"]),
                       row["start"][:10], ""]


def leader_rows(ref: Path) -> list[list[str]]:
    curated = [line.split("\t") for line in (DATA / "actors_leaders_curated.tsv").read_text("utf-8").splitlines()
               if line.strip() and not line.startswith("#")]
    seen = {name.casefold() for row in curated for name in [row[0], *row[1].split("|")] if name}
    rows = [row + [""] * (7 - len(row)) for row in curated]
    for row in wikidata_leader_rows(ref, _country_codes()):
        if row[0].casefold() not in seen:
            seen.add(row[0].casefold())
            rows.append(row)
    return rows


def write_tsv(path: Path, header: str, rows: list[list[str]] | list[tuple[str, str, str]]) -> None:
    lines = [header] + ["\t".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    ref = Path(argv[0]) if argv else DEFAULT_REFERENCE
    agents = list(dict.fromkeys(agent_rows(ref / "petrarch2" / "Phoenix.agents.txt")))
    write_tsv(DATA / "actors_agents.tsv",
              "# Derived from PETRARCH Phoenix.agents.txt (MIT, (c) 2014 Open Event Data Alliance) by\n"
              "# dateline.knowledge.actors.build_data.  phrase\tsector\tperson|persons", agents)
    write_tsv(DATA / "actors_leaders.tsv",
              "# Office holders: actors_leaders_curated.tsv merged over CC0 Wikidata lists by\n"
              "# dateline.knowledge.actors.build_data.  name\taliases\tcountry\ttitle\tsector\tsince\tuntil",
              leader_rows(ref))
    print(f"{len(agents)} agent phrases, leaders written to {DATA}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
