"""Build the derived actor dictionaries from the reference files in ../shared/reference/actors.

    python -m dateline.knowledge.actors.build_data [REFERENCE_DIR]

- ``actors_agents.tsv`` from PETRARCH's ``Phoenix.agents.txt`` (MIT, Open Event Data Alliance):
  agent nouns ("SPOKES!PERSON! [~MED]") as lower-case phrases with their primary sector.
- ``actors_history.tsv.gz`` from PETRARCH's ``Phoenix.Countries.actors.txt`` (MIT, Open Event Data
  Alliance, derived from CountryInfo.txt): the people with a country-coded role, their ``+`` aliases
  and dated roles (``[KGZGOV 901027-050411]`` becomes ``KGZGOV:19901027-20050411``), gzip-compressed.
- ``actors_leaders.tsv`` from the CC0 Wikidata lists (current heads of state and government,
  foreign ministers) with ``actors_leaders_curated.tsv`` (written for the project) merged over them.
- ``actors_official_names.tsv`` from the ``countryinfo`` package's spellings (MIT): the English official
  long names of the countries in ``actors_countries.tsv`` ("Russian Federation", "Islamic Republic of
  Iran", "Syrian Arab Republic"), so that a state named formally is the same actor as by its short name.

Not imported at run time; the outputs are committed.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import sys
from collections.abc import Iterator
from importlib import resources
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


_ROMAN = re.compile(r"^[IVX]{2,4}$")
_COMMENT = re.compile(r"<!--.*?-->|#.*$|;.*$")
_ROLE = re.compile(r"^\[([A-Z]{3})([A-Z]{3})?[A-Z]*\s*([<>]?\d{6,8})?(?:-(\d{6,8}))?\s*\]$")
# CAMEO country codes that are not ISO 3166 alpha-3.
_CAMEO_ISO = {"ROM": "ROU", "UKG": "GBR", "JAP": "JPN", "ZAI": "COD", "KSV": "XKX"}


def _date(text: str) -> str:
    """PETRARCH dates: YYYYMMDD, or YYMMDD with years before 30 read as 20YY."""
    if len(text) == 8:
        return text
    return ("20" if int(text[:2]) < 30 else "19") + text


def _role(line: str, countries: set[str]) -> str | None:
    match = _ROLE.match(line.strip())
    if not match:
        return None
    country, sector, first, second = match.groups()
    country = _CAMEO_ISO.get(country, country)
    if country not in countries:
        return None
    code = country + (sector if sector and sector in _KEEP_SECTORS else "")
    if not first:
        return code
    if first.startswith("<"):
        return f"{code}:-{_date(first[1:])}"
    if first.startswith(">"):
        return f"{code}:{_date(first[1:])}-"
    return f"{code}:{_date(first)}-{_date(second) if second else ''}"


def _name(token: str) -> str:
    words = " ".join(token.replace("_", " ").split())
    return " ".join(w if _ROMAN.match(w) else w.capitalize() for w in words.split())


def history_rows(actors_file: Path) -> list[list[str]]:
    """(name, aliases, roles) for each person of Phoenix.Countries.actors.txt with a country-coded role."""
    countries = {line.split("\t")[0] for line in (DATA / "actors_countries.tsv").read_text("utf-8").splitlines()
                 if line.strip() and not line.startswith("#")}
    rows: list[list[str]] = []
    entry: list[list[str]] | None = None
    person = False
    for raw in actors_file.read_text(encoding="utf-8", errors="replace").splitlines():
        is_person = "CountryInfo" in raw
        line = _COMMENT.sub("", raw).rstrip()
        if not line.strip():
            continue
        if line.startswith("+"):
            if entry is not None:
                entry[1].append(_name(line[1:]))
        elif line[:1].isspace() or line.startswith("["):
            role = _role(line, countries) if entry is not None and person else None
            if entry is not None and role and role not in entry[2]:
                entry[2].append(role)
        else:
            if entry is not None and entry[2]:
                rows.append(["\t".join([entry[0][0], "|".join(dict.fromkeys(entry[1])), "|".join(entry[2])])])
            person = is_person and "[" not in line
            entry = [[_name(line.split("[")[0])], [], []]
    if entry is not None and entry[2]:
        rows.append(["\t".join([entry[0][0], "|".join(dict.fromkeys(entry[1])), "|".join(entry[2])])])
    return rows


# A spelling is an official long name when it has one of these words ("Republic of Iran", "Kingdom of
# Spain", "Swiss Confederation"); inverted index forms ("Iran, Islamic Republic of"), native spellings
# and bracketed ones are left out.
_OFFICIAL_FORM = re.compile(r"\b(?:Republic|Kingdom|Federation|States?|Commonwealth|Emirates?|Sultanate|"
                            r"Principality|Union|Confederation|Duchy)\b")
_NOT_ENGLISH = frozenset({"des", "de", "la", "del", "ya", "wa"})


def _official(spelling: str) -> bool:
    words = spelling.split()
    return (len(words) > 1 and spelling.isascii() and not any(c in spelling for c in ",()")
            and _OFFICIAL_FORM.search(spelling) is not None and not _NOT_ENGLISH.intersection(words))


def official_name_rows() -> list[list[str]]:
    """(alpha3, official name) for the countries of actors_countries.tsv, from countryinfo's spellings;
    names the countries file already gives (to any country) are left out."""
    known = _country_codes()
    countries = set(known.values())
    rows: dict[str, list[str]] = {}
    for entry in sorted(resources.files("countryinfo").joinpath("data").iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        data = json.loads(entry.read_text(encoding="utf-8"))
        code = (data.get("ISO") or {}).get("alpha3")
        for spelling in data.get("altSpellings") or []:
            name = spelling[4:] if spelling.startswith("the ") else spelling
            key = name.casefold()
            if code in countries and _official(name) and key not in known and key not in rows:
                rows[key] = [code, name]
    return sorted(rows.values())


def write_history(path: Path, rows: list[list[str]]) -> None:
    header = ("# People with country-coded roles, derived from PETRARCH Phoenix.Countries.actors.txt (MIT,\n"
              "# (c) 2014 Open Event Data Alliance; from CountryInfo.txt) by dateline.knowledge.actors.build_data.\n"
              "# name\taliases (|)\troles (|): COUNTRY[SECTOR][:FROM-TO], dates YYYYMMDD, open ends empty\n")
    body = header + "".join(r[0] + "\n" for r in rows)
    path.write_bytes(gzip.compress(body.encode("utf-8"), compresslevel=9, mtime=0))


def write_tsv(path: Path, header: str, rows: list[list[str]] | list[tuple[str, str, str]]) -> None:
    lines = [header] + ["\t".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_official_names() -> None:
    write_tsv(DATA / "actors_official_names.tsv",
              "# Official long names of the countries of actors_countries.tsv, from the countryinfo package's\n"
              "# spellings (MIT) by dateline.knowledge.actors.build_data.  alpha3\tofficial name",
              official_name_rows())


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
    write_official_names()
    history = history_rows(ref / "petrarch2" / "Phoenix.Countries.actors.txt")
    write_history(DATA / "actors_history.tsv.gz", history)
    print(f"{len(history)} people with dated roles, {len(agents)} agent phrases, leaders written to {DATA}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
