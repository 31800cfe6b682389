"""Generate a realistic synthetic corpus of N facts for scale benchmarks.

Facts are built from the shipped corpus's own facts (all kinds, three languages, real evidence
and keywords) with new ids, varied numbers, organisations, places and invented proper names, so
that the vocabulary grows with N as it would in a real corpus. The output is a corpus directory
that loads like the real one (its sources and archived texts are copied along).

    python benchmarks/generate.py N OUTPUT_DIR [--per-file 1000] [--seed 7]
"""

from __future__ import annotations

import argparse
import copy
import random
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT / "facts"

SYLLABLES = [
    "an",
    "ba",
    "chi",
    "do",
    "en",
    "fa",
    "gi",
    "ho",
    "ka",
    "lo",
    "mi",
    "na",
    "po",
    "qu",
    "ra",
    "su",
    "ta",
    "vi",
    "xu",
    "yo",
    "zen",
    "tech",
    "tron",
    "sem",
    "nova",
    "ly",
]
PLACES = ["Hà Nội", "Đà Nẵng", "TP. Hồ Chí Minh", "Hải Phòng", "Osaka", "Tokyo", "Austin", "San Jose", "Bắc Ninh"]
COUNTRIES = ["JP", "US", "KR", "TW", "SG", "FR", "DE", "IN", "AU", "NL"]
SECTORS = ["semiconductors", "ai", "digital-transformation", "ict", "human-resources", "investment", "startups"]


def invented_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def templates() -> list[dict]:
    facts: list[dict] = []
    for path in sorted(FACTS.glob("*.yaml")):
        if path.name in ("sources.yaml", "thesaurus.yaml", "entities.yaml"):
            continue
        facts.extend(yaml.safe_load(path.read_text(encoding="utf-8"))["facts"])
    return facts


def company_id(company: str) -> str:
    return "-".join(company.lower().split())


def vary(template: dict, index: int, rng: random.Random, companies: set[str]) -> dict:
    fact = copy.deepcopy(template)
    company = f"{invented_name(rng)} {rng.choice(['Corp', 'Group', 'JSC', 'Semiconductor', 'AI Lab'])}"
    companies.add(company)
    place = rng.choice(PLACES)
    fact["id"] = f"{template['id']}-{index}"
    fact["title"] = {lang: f"{title} ({company}, {place})" for lang, title in template["title"].items()}
    fact["summary"] = {lang: f"{summary} {company} ({place})." for lang, summary in template["summary"].items()}
    fact["organizations"] = list(dict.fromkeys([*template.get("organizations", []), company_id(company)]))
    fact["partners"] = sorted({*template.get("partners", []), *rng.sample(COUNTRIES, rng.randint(0, 1))})
    fact["sectors"] = sorted({*template["sectors"], rng.choice(SECTORS)})
    fact["keywords"]["en"] = [*template["keywords"]["en"], company, place]
    if fact.get("date"):
        fact["date"] = str(rng.randint(2015, 2026)) + fact["date"][4:]
    for name in ("amount", "value", "count", "attendance"):
        if isinstance(fact.get(name), (int, float)) and not isinstance(fact.get(name), bool):
            fact[name] = rng.choice([fact[name], rng.randint(1, 100_000)])
    return fact


def generate(count: int, output: Path, per_file: int = 1000, seed: int = 7) -> Path:
    rng = random.Random(seed)
    base = templates()
    if output.exists():
        shutil.rmtree(output)
    output.mkdir(parents=True)
    shutil.copy(FACTS / "sources.yaml", output / "sources.yaml")
    shutil.copy(FACTS / "thesaurus.yaml", output / "thesaurus.yaml")
    shutil.copytree(FACTS / "sources", output / "sources")
    companies: set[str] = set()
    for start in range(0, count, per_file):
        batch = [vary(base[i % len(base)], i, rng, companies) for i in range(start, min(count, start + per_file))]
        text = yaml.dump({"facts": batch}, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=100)
        (output / f"generated-{start // per_file:05d}.yaml").write_text(text, encoding="utf-8")
    # the shipped entities, and each invented company as an organisation (fact fields hold ids)
    entities = yaml.safe_load((FACTS / "entities.yaml").read_text(encoding="utf-8"))["entities"]
    entities += [{"id": company_id(name), "type": "organization", "name": name} for name in sorted(companies)]
    text = yaml.dump({"entities": entities}, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=100)
    (output / "entities.yaml").write_text(text, encoding="utf-8")
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("output", type=Path)
    parser.add_argument("--per-file", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    generate(args.count, args.output, args.per_file, args.seed)
    print(f"wrote {args.count} facts to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
