"""Synthetic content at any size: valid, cross-referenced, with glossary terms in the text.

The proportions follow what the real site grows into: many facts and events,
fewer sources and actors, a glossary about a tenth of the items, and one topic
per hundred items. References are skewed (a few actors, sources and terms are
mentioned everywhere, most rarely), as in real news coverage.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

# Share of the total item count per kind (topics: one per hundred, at least two; series:
# one per two hundred, at least two: charts are few and curated).
PROPORTIONS = {"source": 0.18, "actor": 0.12, "term": 0.08, "event": 0.28, "fact": 0.33}
ITEMS_PER_FILE = 250  # content files stay well under the loader's size limit
FIRST_YEAR, LAST_YEAR = 1995, 2025

_WORDS = [
    "the",
    "export",
    "rule",
    "covers",
    "advanced",
    "chips",
    "and",
    "the",
    "tools",
    "that",
    "make",
    "them",
    "while",
    "firms",
    "look",
    "for",
    "domestic",
    "suppliers",
    "of",
    "memory",
    "packaging",
    "design",
    "software",
    "and",
    "cloud",
    "capacity",
    "under",
    "new",
    "licence",
    "terms",
    "that",
    "officials",
    "describe",
    "as",
    "narrow",
    "but",
    "analysts",
    "call",
    "broad",
    "since",
    "the",
    "market",
    "for",
    "accelerators",
    "keeps",
    "growing",
    "and",
    "local",
    "foundries",
    "add",
    "capacity",
    "at",
    "mature",
    "nodes",
    "with",
    "state",
    "support",
    "through",
    "funds",
    "and",
    "procurement",
    "preferences",
    "for",
    "hardware",
    "made",
    "at",
    "home",
    "over",
    "several",
    "years",
    "of",
    "trade",
    "tension",
]
_SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "zen",
    "tor",
    "vex",
    "ra",
    "shi",
    "nan",
    "qi",
    "do",
    "lun",
    "fei",
    "hua",
    "xin",
    "bo",
    "tek",
    "sor",
    "mar",
    "wen",
    "li",
    "jun",
    "pa",
    "ros",
]
_NOUNS = [
    "lithography",
    "accelerator",
    "licence",
    "foundry",
    "node",
    "rule",
    "fund",
    "controls",
    "stack",
    "compiler",
    "memory",
    "visa",
    "programme",
    "standard",
    "interconnect",
    "substrate",
]
_ACTOR_KINDS = ["company"] * 6 + ["agency"] * 2 + ["person"] * 2 + ["product", "policy", "place", "organization"]
_SOURCE_KINDS = ["news"] * 6 + ["primary"] * 2 + ["legal-summary", "secondary"]
_FACT_KINDS = ["fact"] * 6 + ["claim"] * 2 + ["analysis", "forecast"]
_PUBLISHERS = [
    "Reuters",
    "Financial Times",
    "Nikkei Asia",
    "South China Morning Post",
    "Caixin",
    "U.S. Bureau of Industry and Security",
    "Ministry of Commerce",
    "Bloomberg",
    "The Economist",
]


@dataclass(frozen=True)
class Counts:
    source: int
    actor: int
    term: int
    event: int
    fact: int
    topic: int
    series: int

    @property
    def total(self) -> int:
        return self.source + self.actor + self.term + self.event + self.fact + self.topic + self.series


def counts_for(total: int, terms: int | None = None) -> Counts:
    """Item counts per kind for about `total` items (terms fixed when given)."""
    n = {kind: max(3, round(total * share)) for kind, share in PROPORTIONS.items()}
    if terms is not None:
        n["term"] = terms
    return Counts(topic=max(2, round(total * 0.01)), series=max(2, round(total * 0.005)), **n)


class _Writer:
    def __init__(self, counts: Counts, seed: int, term_pool: int, ref_terms: int, keep_ids: dict[str, list[str]]):
        self.rng = random.Random(seed)
        self.counts = counts
        self.ids = {
            kind: [f"{kind}-{i:05d}" for i in range(getattr(counts, kind))]
            for kind in ("source", "actor", "term", "event", "fact", "topic", "series")
        }
        for kind, wanted in keep_ids.items():  # ids the hand-written pages refer to
            self.ids[kind][: len(wanted)] = wanted
        # Names exist for the whole pool; only the first `counts.term` become glossary terms,
        # so text is identical whatever the glossary size.
        self.term_names = [self._term_name(i) for i in range(max(term_pool, counts.term))]
        self.actor_names = [self._name(i) for i in range(counts.actor)]
        self.ref_terms = min(ref_terms, counts.term)

    # --- names and words ------------------------------------------------------
    def _pseudo(self, i: int, parts: int) -> str:
        word = "".join(_SYLLABLES[(i // len(_SYLLABLES) ** k + k * 7) % len(_SYLLABLES)] for k in range(parts))
        return word.capitalize()

    def _name(self, i: int) -> str:
        return f"{self._pseudo(i, 3)} {self._pseudo(i * 31 + 5, 2)}"

    def _term_name(self, i: int) -> str:
        return f"{self._pseudo(i, 3)}{self._pseudo(i // 13824, 1).lower()} {_NOUNS[i % len(_NOUNS)]}"

    def _abbreviation(self, i: int) -> str:
        letters = "BCDFGHJKLMNPQRSTVWXZ"
        code, n = "", i
        for _ in range(4):
            code, n = letters[n % 20] + code, n // 20
        return code

    def _skewed_index(self, kind: str, limit: int | None = None) -> int:
        """A position in the ids of `kind`, popular ones far more often (Zipf-like)."""
        size = min(limit, len(self.ids[kind])) if limit else len(self.ids[kind])
        if self.rng.random() < 0.5:
            return min(int(self.rng.paretovariate(1.1)) - 1, size - 1)
        return self.rng.randrange(size)

    def _skewed(self, kind: str, limit: int | None = None) -> str:
        return self.ids[kind][self._skewed_index(kind, limit)]

    def _some(self, kind: str, low: int, high: int) -> list[str]:
        return list(dict.fromkeys(self._skewed(kind) for _ in range(self.rng.randint(low, high))))

    def _topics(self) -> list[str]:
        """Topics are few and curated: items are tagged evenly across them, not by popularity."""
        return list(dict.fromkeys(self.rng.choice(self.ids["topic"]) for _ in range(self.rng.randint(0, 2))))

    def _date(self, precision_day: float = 0.7) -> str:
        year = self.rng.randint(FIRST_YEAR, LAST_YEAR)
        roll = self.rng.random()
        if roll < precision_day:
            return f"{year}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"
        if roll < 0.95:
            return f"{year}-{self.rng.randint(1, 12):02d}"
        return str(year)

    def _sentence(self, refs: bool = True) -> str:
        rng = self.rng
        words = [rng.choice(_WORDS) for _ in range(rng.randint(10, 22))]
        i = -1
        if rng.random() < 0.5:  # a glossary name in running text, linked by the glossary pass
            i = (
                min(int(rng.paretovariate(0.8)) - 1, len(self.term_names) - 1)
                if rng.random() < 0.5
                else rng.randrange(len(self.term_names))
            )
            words.insert(rng.randrange(len(words)), self.term_names[i])
        if i >= 0 and i % 3 == 0 and rng.random() < 0.5:  # the short form, if that name is a term
            words.insert(rng.randrange(len(words)), self._abbreviation(i))
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), self.actor_names[self._skewed_index("actor")])
        if refs and rng.random() < 0.35:
            kind = rng.choice(["actor", "source", "event", "fact", "term"])
            ident = self._skewed(kind, self.ref_terms if kind == "term" else None)
            words.insert(rng.randrange(len(words)), f"[[{kind}:{ident}]]")
        if rng.random() < 0.1:
            words.insert(rng.randrange(len(words)), f"**{rng.choice(_WORDS)}**")
        if rng.random() < 0.05:
            words.append(f"([report](https://example.org/report/{rng.randrange(10**6)}))")
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def _text(self, low: int, high: int, refs: bool = True) -> str:
        return " ".join(self._sentence(refs) for _ in range(self.rng.randint(low, high)))

    # --- items ------------------------------------------------------------------
    def sources(self) -> list[dict]:
        out = []
        for i, ident in enumerate(self.ids["source"]):
            item = {
                "id": ident,
                "title": f"{self._name(i * 7)} and the {_NOUNS[i % 16]} question, part {i}",
                "publisher": self.rng.choice(_PUBLISHERS),
                "kind": self.rng.choice(_SOURCE_KINDS),
                "date": self._date(),
                "url": f"https://example.org/news/{ident}",
                "summary": self._text(2, 5, refs=False),
                "key_points": [self._sentence(refs=False) for _ in range(self.rng.randint(0, 4))],
                "actors": self._some("actor", 0, 3),
            }
            out.append({k: v for k, v in item.items() if v})
        return out

    def actors(self) -> list[dict]:
        out = []
        for i, ident in enumerate(self.ids["actor"]):
            kind = self.rng.choice(_ACTOR_KINDS)
            item = {"id": ident, "name": self.actor_names[i], "kind": kind, "description": self._text(1, 3, refs=False)}
            if kind == "person":
                item["role"] = "Chief executive"
            if self.rng.random() < 0.3:
                item["zh"], item["pinyin"] = "中芯国际", "Zhōngxīn Guójì"
            if self.rng.random() < 0.2:
                item["url"] = f"https://example.org/actors/{ident}"
            out.append(item)
        return out

    def terms(self) -> list[dict]:
        out = []
        for i, ident in enumerate(self.ids["term"]):
            item = {"id": ident, "term": self.term_names[i], "definition": self._text(1, 3, refs=False)}
            if i % 3 == 0:
                item["abbreviation"] = self._abbreviation(i)
            if self.rng.random() < 0.3 and self.counts.term > 1:
                item["related"] = [t for t in dict.fromkeys(self._skewed("term") for _ in range(2)) if t != ident]
            if self.rng.random() < 0.3:
                item["actors"] = self._some("actor", 1, 2)
            if self.rng.random() < 0.3:
                item["sources"] = self._some("source", 1, 2)
            out.append({k: v for k, v in item.items() if v})
        return out

    def events(self) -> list[dict]:
        out = []
        for i, ident in enumerate(self.ids["event"]):
            item = {
                "id": ident,
                "date": self._date(),
                "title": f"{self.actor_names[self._skewed_index('actor')]} and the {self.rng.choice(_NOUNS)} {i}",
                "summary": self._text(1, 3),
                "actors": self._some("actor", 1, 3),
                "topics": self._topics(),
                "sources": self._some("source", 1, 3),
            }
            if self.rng.random() < 0.15:
                item["note"] = self._text(1, 2)
            out.append({k: v for k, v in item.items() if v})
        return out

    def facts(self) -> list[dict]:
        out = []
        for ident in self.ids["fact"]:
            kind = self.rng.choice(_FACT_KINDS)
            item = {
                "id": ident,
                "statement": self._text(1, 2),
                "kind": kind,
                "sources": self._some("source", 1, 3),
                "topics": self._topics(),
                "actors": self._some("actor", 0, 2),
            }
            if kind != "fact":
                item["said_by"] = self._skewed("actor")
            item["date" if self.rng.random() < 0.7 else "as_of"] = self._date()
            if self.rng.random() < 0.1:
                item["note"] = self._text(1, 2)
            out.append({k: v for k, v in item.items() if v})
        return out

    def series(self) -> list[dict]:
        """Yearly values that drift up and down, a third of them someone's estimate."""
        out = []
        for ident in self.ids["series"]:
            first = self.rng.randint(FIRST_YEAR, LAST_YEAR - 4)
            last = min(LAST_YEAR, first + self.rng.randint(4, 14))
            value = self.rng.uniform(10, 500)
            points = []
            for year in range(first, last + 1):
                value *= self.rng.uniform(0.8, 1.3)
                points.append({"date": str(year), "value": round(value, 1)})
            whose = self.actor_names[self._skewed_index("actor")]
            item = {
                "id": ident,
                "title": f"{self.rng.choice(_NOUNS).capitalize()} figures of {whose}",
                "unit": self.rng.choice(["usd-billion", "percent", "units-million", "wafers-thousand-per-month"]),
                "description": self._text(1, 2),
                "sources": self._some("source", 1, 2),
                "topics": self._topics() or [self.rng.choice(self.ids["topic"])],
                "actors": self._some("actor", 0, 2),
                "points": points,
            }
            if self.rng.random() < 0.3:
                item["said_by"], item["estimate"] = self._skewed("actor"), True
            out.append({k: v for k, v in item.items() if v})
        return out

    def topics(self) -> list[dict]:
        out = []
        for i, ident in enumerate(self.ids["topic"]):
            sections = [
                {
                    "heading": f"Part {k + 1}: the {self.rng.choice(_NOUNS)}",
                    "body": "\n\n".join(self._text(2, 5) for _ in range(self.rng.randint(1, 3)))
                    + ("\n\n" + "\n".join(f"- {self._sentence()}" for _ in range(3)) if k % 2 else ""),
                }
                for k in range(self.rng.randint(3, 6))
            ]
            out.append(
                {
                    "id": ident,
                    "title": f"Question {i + 1}",
                    "question": f"What happens to the {_NOUNS[i % 16]} {i}?",
                    "order": i + 1,
                    "reviewed": "2026-11",
                    "answer": self._text(2, 3),
                    "sections": sections,
                    "key_facts": self._some("fact", 2, 5),
                    "actors": self._some("actor", 1, 4),
                }
            )
        return out


def write_content(
    content_dir: Path,
    total: int,
    *,
    terms: int | None = None,
    term_pool: int = 0,
    ref_terms: int = 10**9,
    keep_ids: dict[str, list[str]] | None = None,
    seed: int = 1,
) -> Counts:
    """Write synthetic content for about `total` items under content_dir; return the counts.

    terms: glossary size (default: the usual share of total); term_pool: how many
    term names the text draws from (default: the glossary size); ref_terms: only
    the first this-many terms are referenced with [[term:...]] or ids; keep_ids:
    ids that must exist (those the hand-written pages refer to), per kind.
    """
    keep_ids = {kind: list(dict.fromkeys(ids)) for kind, ids in (keep_ids or {}).items()}
    counts = counts_for(total, terms)
    counts = Counts(**{kind: max(n, len(keep_ids.get(kind, ()))) for kind, n in asdict(counts).items()})
    writer = _Writer(counts, seed, term_pool, ref_terms, keep_ids)
    kinds = {
        "topics": writer.topics,
        "sources": writer.sources,
        "actors": writer.actors,
        "terms": writer.terms,
        "events": writer.events,
        "facts": writer.facts,
        "series": writer.series,
    }
    content_dir.mkdir(parents=True, exist_ok=True)
    for plural, make in kinds.items():
        writer.rng = random.Random(f"{seed}-{plural}")  # one stream per kind: a kind's size changes no other text
        items = make()
        folder = content_dir / plural
        folder.mkdir(exist_ok=True)
        for start in range(0, len(items), ITEMS_PER_FILE):
            chunk = items[start : start + ITEMS_PER_FILE]
            (folder / f"part-{start // ITEMS_PER_FILE:03d}.yml").write_text(
                yaml.safe_dump(chunk, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
            )
    return counts
