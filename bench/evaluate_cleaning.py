"""Score the plain-text cleaner on an evaluation corpus and print its speed; or show one cleaned file."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reader.ingest import compiled  # noqa: E402
from reader.ingest.decode import decode_text  # noqa: E402
from reader.ingest.plaintext import CLEANER_VERSION, clean_text  # noqa: E402
from bench.corpus_tools import figures, load_scorer, prediction, read_corpus  # noqa: E402
from reader.model import CAPTION, HEADING, ITEM  # noqa: E402


def cross_validated(records: list[dict], k: int, seed: int = 0) -> list[dict]:
    """Predictions for every page from models fitted (with `seed`) on the other pages (k folds by page)."""
    sys.path.insert(0, str(REPO / "bench"))
    from train_cleaner import fit  # noqa: PLC0415

    folds = [records[i::k] for i in range(k)]  # records are sorted by id: a fixed, content-blind split
    preds = {}
    for i, held in enumerate(folds):
        train = [r for j, fold in enumerate(folds) if j != i for r in fold]
        models = fit(train, seed=seed)
        for r in held:
            preds[r["id"]] = prediction(r["id"], clean_text(r["text"], models))
    return [preds[r["id"]] for r in records]


def score_predictions(args, records: list[dict], preds: list[dict], heading: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "predictions.jsonl"
        with open(out, "w", encoding="utf-8") as f:
            for p in preds:
                f.write(json.dumps(p, ensure_ascii=False) + "\n")
        scorer = load_scorer(args.scorer.resolve())
        gold = scorer.read_jsonl(args.corpus)
        preds_read = scorer.read_jsonl(out)
        print(heading)
        for visible in (False, True):
            res, _ = scorer.evaluate(gold, preds_read, visible_only=visible)
            label = "captions visible in text" if visible else "all gold captions"
            print(f"[{label}] {figures(res)}")
    return res  # (captions visible in text)


def speed(records: list[dict]) -> tuple[float, float]:
    """Articles per second by the wall clock and by this process's CPU time (median of 3 passes):
    the CPU figure is the one-core speed even when other work shares the machine."""
    texts = [r["text"] for r in records]
    wall, cpu = [], []
    for _ in range(3):
        t0, c0 = time.perf_counter(), time.process_time()
        for t in texts:
            clean_text(t)
        wall.append(len(texts) / (time.perf_counter() - t0))
        cpu.append(len(texts) / (time.process_time() - c0))
    return sorted(wall)[1], sorted(cpu)[1]


def show(path: Path) -> None:
    text, encoding = decode_text(path.read_bytes(), path.name)
    c = clean_text(text)
    print(f"file:         {path} ({encoding})")
    print(f"title:        {c.title}")
    print(f"source:       {c.source}")
    print(f"author:       {c.author}")
    print(f"published:    {c.published}")
    print(f"reading time: {c.reading_time}")
    for n in c.notices:
        print(f"notice:       {n}")
    print("\n--- article")
    for b in c.blocks:
        if b.kind == CAPTION:
            print(f"[caption] {b.text}\n          credit: {b.credit}")
        elif b.kind == HEADING:
            print(f"[heading] {b.text}")
        elif b.kind == ITEM:
            print(f"[item] {b.text}")
        else:
            print(f"[paragraph] {b.text}")
        print()
    print("--- removed")
    for b in c.removed:
        print(f"({b.reason}) {b.text}")


def html_main(args) -> None:
    """`--html`: bench/evaluate_html.py's scoring of the HTML path, with these arguments."""
    sys.path.insert(0, str(REPO / "bench"))
    import evaluate_html  # noqa: PLC0415

    argv = [str(args.corpus), "--scorer", str(args.scorer)]
    if args.predictions:
        argv += ["--predictions", str(args.predictions)]
    if args.cv:
        argv += ["--cv", str(args.cv)]
    if args.per_article:
        argv += ["--per-article", str(args.per_article)]
    saved = sys.argv
    sys.argv = ["evaluate_html.py", *argv]
    try:
        evaluate_html.main()
    finally:
        sys.argv = saved


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", nargs="?", type=Path, help="articles.jsonl(.gz) with text and gold fields")
    ap.add_argument("--predictions", type=Path, help="write the predictions (JSON Lines) here")
    ap.add_argument("--scorer", type=Path, default=REPO / ".." / "shared" / "corpus" / "evaluate.py")
    ap.add_argument("--per-article", type=Path, help="write per-article scores (JSON Lines) here")
    ap.add_argument("--cv", type=int, metavar="K", help="also score K-fold cross-validated predictions "
                    "(the line models refitted on the other folds' pages)")
    ap.add_argument("--repeats", type=int, default=3, metavar="R",
                    help="with --cv: repeat it with R training seeds and print the mean (default 3)")
    ap.add_argument("--show", type=Path, help="print the cleaned article of this text file and stop")
    ap.add_argument("--html", action="store_true", help="score the HTML path instead (each record's `html` "
                    "through reader.ingest.html.clean_html, as bench/evaluate_html.py does; same --predictions "
                    "format; --cv K prints the figures of K page folds, the HTML path fitting nothing)")
    args = ap.parse_args()
    if args.show:
        show(args.show)
        return
    if not args.corpus:
        ap.error("give a corpus or --show FILE")
    if args.html:
        html_main(args)
        return
    records = read_corpus(args.corpus)
    preds = [prediction(r["id"], clean_text(r["text"])) for r in records]
    with tempfile.TemporaryDirectory() as tmp:
        out = args.predictions or Path(tmp) / "predictions.jsonl"
        with open(out, "w", encoding="utf-8") as f:
            for p in preds:
                f.write(json.dumps(p, ensure_ascii=False) + "\n")
        print(f"cleaner version {CLEANER_VERSION}, {len(records)} articles from {args.corpus}")
        print("shipped models (fitted on whatever corpus bench/train_cleaner.py was given):")
        scorer = load_scorer(args.scorer.resolve())
        gold = scorer.read_jsonl(args.corpus)
        preds_read = scorer.read_jsonl(out)
        for visible in (False, True):
            res, per = scorer.evaluate(gold, preds_read, visible_only=visible)
            label = "captions visible in text" if visible else "all gold captions"
            print(f"[{label}] {figures(res)}")
            if args.per_article and visible:
                with open(args.per_article, "w", encoding="utf-8") as f:
                    for row in sorted(per, key=lambda r: r["body_f1"]):
                        f.write(json.dumps(row) + "\n")
    if args.cv:
        runs = []
        for seed in range(args.repeats):
            runs.append(score_predictions(
                args, records, cross_validated(records, args.cv, seed),
                f"{args.cv}-fold cross-validation by page (models fitted on the other folds, training seed {seed}):"))
        if len(runs) > 1:
            # one fit varies with its training seed: the mean over seeds is the figure to quote
            mean = {key: sum(r[key] for r in runs) / len(runs) for key in ("body_f1", "title_exact", "cap_f1")}
            spread = {key: (min(r[key] for r in runs), max(r[key] for r in runs)) for key in mean}
            print(f"cross-validation, mean of {len(runs)} training seeds (captions visible in text): "
                  + "  ".join(f"{name} {mean[key]:.3f} ({spread[key][0]:.3f}-{spread[key][1]:.3f})"
                              for name, key in (("body F1", "body_f1"), ("title exact", "title_exact"),
                                                ("captions F1", "cap_f1"))))
    wall, cpu = speed(records)
    build = "compiled by mypyc" if compiled.is_compiled() else "run as Python (no compiled build: see setup.py)"
    print(f"speed: {cpu:.0f} articles/s of CPU time ({wall:.0f} by the wall clock), one core, cleaner alone, "
          f"median of 3 passes; the cleaner is {build}")


if __name__ == "__main__":
    main()
