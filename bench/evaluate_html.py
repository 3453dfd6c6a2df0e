"""Score the HTML path (reader.ingest.html.clean_html) on a corpus's saved pages and print its speed."""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import reader.ingest.html as html_module  # noqa: E402
from reader.ingest.html import HTML_CLEANER_VERSION, clean_html  # noqa: E402
from bench.corpus_tools import figures, load_scorer, prediction, read_corpus  # noqa: E402


def speed(records: list[dict], passes: int = 3) -> tuple[float, float]:
    """Pages per second on one core, the median of `passes` passes over all pages: by the wall
    clock, and by this process's CPU time (steadier when other work shares the machine)."""
    clean_html(records[0]["html"])  # warm-up: imports and compiled patterns
    wall, cpu = [], []
    for _ in range(passes):
        start, start_cpu = time.perf_counter(), time.process_time()
        for r in records:
            clean_html(r["html"])
        wall.append(len(records) / (time.perf_counter() - start))
        cpu.append(len(records) / (time.process_time() - start_cpu))
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", type=Path, help="articles.jsonl(.gz) with an `html` field")
    ap.add_argument("--predictions", type=Path, help="write the predictions (JSON Lines) here")
    ap.add_argument("--scorer", type=Path, default=REPO.parent / "shared" / "corpus" / "evaluate.py")
    ap.add_argument("--cv", type=int, default=0, metavar="K",
                    help="also score K page folds apart (the HTML path fits nothing, so each fold is "
                         "scored as it is: the spread shows how much the figures vary between page sets)")
    ap.add_argument("--bootstrap", type=int, default=1000)
    ap.add_argument("--per-article", type=Path, help="write per-article scores (TSV) here")
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args()

    html_module.RAISE_ERRORS = True  # a crash here is a bug to see, not a page to fall back on
    records = [r for r in read_corpus(args.corpus) if r.get("html")]
    scorer = load_scorer(args.scorer)
    preds = [prediction(r["id"], clean_html(r["html"])) for r in records]
    if args.predictions:
        with open(args.predictions, "w", encoding="utf-8") as f:
            for p in preds:
                f.write(json.dumps(p, ensure_ascii=False) + "\n")
    res, per = scorer.evaluate(records, preds, n_bootstrap=args.bootstrap)
    print(f"HTML cleaner v{HTML_CLEANER_VERSION} on {args.corpus} ({len(records)} pages)")
    print("  " + figures(res))
    vis, _ = scorer.evaluate(records, preds, visible_only=True)
    print(f"  captions visible in the text only: P {vis['cap_precision']:.3f} R {vis['cap_recall']:.3f} "
          f"F1 {vis['cap_f1']:.3f}")
    if args.per_article:
        keys = sorted({k for r in per for k in r} - {"id"})
        with open(args.per_article, "w", encoding="utf-8") as f:
            f.write("id\t" + "\t".join(keys) + "\n")
            for row in per:
                f.write(row["id"] + "\t" + "\t".join(
                    "" if row.get(k) is None else (f"{row[k]:.4f}" if isinstance(row[k], float) else str(row[k]))
                    for k in keys) + "\n")
    if args.cv:
        k = args.cv
        f1s = []
        for i in range(k):
            fold = records[i::k]  # records are sorted by id: a fixed, content-blind split
            ids = {r["id"] for r in fold}
            fres, _ = scorer.evaluate(fold, [p for p in preds if p["id"] in ids])
            f1s.append(fres)
            print(f"  fold {i + 1}/{k} ({len(fold)} pages): {figures(fres)}")
        for key, name in (("body_f1", "body F1"), ("title_exact", "title exact"), ("cap_f1", "captions F1")):
            vals = [f[key] for f in f1s]
            print(f"  {k}-fold {name}: mean {statistics.mean(vals):.3f}, min {min(vals):.3f}, max {max(vals):.3f}")
    if not args.no_speed:
        wall, cpu = speed(records)
        print(f"  speed: {wall:.1f} pages/s by the wall clock, {cpu:.1f} pages/s of CPU time "
              f"(one core, median of 3 passes)")


if __name__ == "__main__":
    main()
