"""Builds a synthetic library of N realistic articles through the Library API (seeded).

usage: python bench/make_library.py N PATH [--seed 1]
~700 words per article in paragraphs, ~10-word titles, a Zipf-distributed vocabulary of
~50,000 words topped by real English function words, 30 sources, publication dates over
ten years, 0–5 of 200 tags per article.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader import ingest, quotes  # noqa: E402
from reader.library import Library  # noqa: E402
from reader.model import PARAGRAPH, Block, Cleaned, Original  # noqa: E402

FUNCTION_WORDS = """the of and to a in that is was he for it with as his on be at by i this had not are
but from or have an they which one you were her all she there would their we him been has when who will
more no if out so said what up its about into than them can only other new some could time these two may
then do first any my now such like our over man me even most made after also did many before must through
back years where much your way well down should because each just those people how too little state good
very make world still own see men work long get here between both life being under never day same another
know while last might us great old year off come since against go came right used take three""".split()

SYLLABLES = [c + v for c in "bcdfghjklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou", "ea")]


def vocabulary(rng: random.Random, size: int = 50_000) -> list[str]:
    words = list(dict.fromkeys(FUNCTION_WORDS))
    seen = set(words)
    while len(words) < size:
        w = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((1, 2, 2, 3, 3, 4))))
        if rng.random() < 0.3:
            w += rng.choice(("s", "ed", "ing", "er", "ly", "tion"))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


def build(n: int, path: Path, seed: int = 1) -> None:
    rng = random.Random(seed)
    words = vocabulary(rng)
    cum = list(itertools.accumulate(1.0 / (r + 1) ** 1.07 for r in range(len(words))))
    sources = [f"The {' '.join(w.capitalize() for w in rng.sample(words[300:3000], 2))} {rng.choice(['Times', 'Post', 'Herald', 'Courier', 'Review', 'Daily'])}" for _ in range(30)]
    tags = list(dict.fromkeys(rng.choice(["", "politics/", "science/", "culture/", "sport/"]) + w for w in rng.sample(words[200:5000], 220)))[:200]
    start = dt.datetime(2015, 1, 1)
    t0 = time.perf_counter()
    with Library.open(path) as lib:
        done = 0
        while done < n:
            with lib.batch():
                for _ in range(min(1000, n - done)):
                    total = int(rng.gauss(700, 150))
                    toks = rng.choices(words, cum_weights=cum, k=max(total, 80) + 10)
                    title = " ".join(toks[:10]).capitalize()
                    body, pos = [], 10
                    while pos < len(toks):
                        size = rng.randint(25, 90)
                        sentence = " ".join(toks[pos:pos + size])
                        body.append(sentence[0].upper() + sentence[1:] + ".")
                        pos += size
                    published = (start + dt.timedelta(seconds=rng.randrange(10 * 365 * 86400))).replace(microsecond=0).isoformat()
                    cleaned = Cleaned(title=title, blocks=[Block(PARAGRAPH, p) for p in body], source=rng.choice(sources),
                                      author=f"{rng.choice(words[100:2000]).capitalize()} {rng.choice(words[100:2000]).capitalize()}",
                                      published=published)
                    data = ("\n\n".join([title, *body])).encode("utf-8")
                    # Marked as cleaned by the running code: synthetic articles are clean by
                    # construction, and the window must not re-derive them after it starts.
                    lib.add(cleaned, Original(data, "text", "utf-8", f"synthetic-{done}.txt"),
                            tags=rng.sample(tags, rng.randint(0, 5)),
                            cleaner_version=ingest.CLEANER_VERSION, quotes_version=quotes.QUOTES_VERSION)
                    done += 1
            print(f"\r{done:,} / {n:,} articles ({done / (time.perf_counter() - t0):,.0f}/s)", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    print(f"built {n:,} articles in {time.perf_counter() - t0:.1f} s: {path} ({path.stat().st_size / 2**20:,.0f} MB)")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("n", type=int)
    p.add_argument("path", type=Path)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    if args.path.exists():
        sys.exit(f"{args.path} exists; give a new path")
    build(args.n, args.path, args.seed)


if __name__ == "__main__":
    main()
