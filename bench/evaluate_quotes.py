"""Score reader.quotes against a hand-annotated quote corpus and print its speed.

usage: .venv/bin/python bench/evaluate_quotes.py GOLD.jsonl.gz [--predictions OUT.jsonl]
                                                 [--scorer evaluate.py] [--show FILE]

Runs find_quotes on each record's `text`, writes predictions in the scorer's format
({id, quotes: [{start, end, speaker, mention, speaker_start, speaker_end}]}), runs the
scorer (default ../shared/corpus/quotes/evaluate.py from the repository root) and prints
its figures, then the speed: articles per second on one core, median of 3 passes, and a
first pass with the module's name caches emptied.
--show FILE prints each quote found in a text file with its speaker instead (the file is
cleaned as a pasted article first, so its headline follows the headline convention).
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.quotes import QUOTES_VERSION, find_article_quotes, find_quotes  # noqa: E402

DEFAULT_SCORER = ROOT.parent / "shared" / "corpus" / "quotes" / "evaluate.py"


def read_jsonl(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def predict(records: list[dict]) -> list[dict]:
    out = []
    for r in records:
        qs = find_quotes(r["text"])
        out.append(
            {
                "id": r["id"],
                "quotes": [
                    {
                        "start": q.start,
                        "end": q.end,
                        "speaker": q.speaker,
                        "mention": q.mention,
                        "speaker_start": q.speaker_start,
                        "speaker_end": q.speaker_end,
                    }
                    for q in qs
                ],
            }
        )
    return out


def speed(records: list[dict], passes: int = 3) -> tuple[float, float, float]:
    """Articles per second, median of passes: by CPU time of this (single-threaded) process,
    which a busy machine does not distort, and by wall-clock time; then by CPU time for a
    first pass with reader.quotes' name caches emptied (what a small import sees)."""
    import reader.quotes as rq

    texts = [r["text"] for r in records]
    cpu, wall = [], []
    for _ in range(passes):
        c0, w0 = time.process_time(), time.perf_counter()
        for t in texts:
            find_quotes(t)
        cpu.append(len(texts) / max(1e-9, time.process_time() - c0))
        wall.append(len(texts) / max(1e-9, time.perf_counter() - w0))
    for f in vars(rq).values():
        if hasattr(f, "cache_clear"):
            f.cache_clear()
    c0 = time.process_time()
    for t in texts:
        find_quotes(t)
    cold = len(texts) / max(1e-9, time.process_time() - c0)
    return statistics.median(cpu), statistics.median(wall), cold


def show(path: Path) -> None:
    from reader.ingest.plaintext import clean_text

    cleaned = clean_text(path.read_text(encoding="utf-8"))
    paragraphs = [b.text for b in cleaned.blocks]
    for q in find_article_quotes(cleaned.title, paragraphs):
        src = cleaned.title if q.block == -1 else paragraphs[q.block]
        where = "title" if q.block == -1 else f"block {q.block}"
        who = q.speaker or "(unattributed)"
        said = f" [mention {q.mention!r}]" if q.mention and q.mention != q.speaker else ""
        print(f"{where:>9}  {who}{said}: {src[q.start:q.end]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", type=Path, help="gold corpus (.jsonl or .jsonl.gz)")
    ap.add_argument("--predictions", type=Path, help="write predictions here (default: a temporary file)")
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER, help="the corpus scorer, evaluate.py")
    ap.add_argument("--show", type=Path, metavar="FILE", help="print the quotes of a text file and exit")
    a = ap.parse_args(argv)
    if a.show:
        show(a.show)
        return 0
    if a.gold is None:
        ap.error("give a GOLD file or --show FILE")
    records = read_jsonl(a.gold)
    preds = predict(records)
    with tempfile.TemporaryDirectory() as tmp:
        out = a.predictions or Path(tmp) / "predictions.jsonl"
        with open(out, "w", encoding="utf-8") as f:
            for p in preds:
                f.write(json.dumps(p, ensure_ascii=False) + "\n")
        rc = subprocess.call([sys.executable, str(a.scorer), "--gold", str(a.gold), str(out)])
    cpu, wall, cold = speed(records)
    words = sum(len(r["text"].split()) for r in records) / max(1, len(records))
    print(
        f"speed {cpu:,.0f} articles/s by CPU time, {wall:,.0f} by wall clock "
        f"(one core, median of 3; {words:.0f} words/article; QUOTES_VERSION {QUOTES_VERSION}); "
        f"first pass with empty caches {cold:,.0f} by CPU time"
    )
    return rc


if __name__ == "__main__":
    sys.exit(main())
