"""Fit the plain-text cleaner's line models on a corpus and write reader/ingest/cleaner_weights.py.

    .venv/bin/python bench/train_cleaner.py CORPUS.jsonl.gz [--out reader/ingest/cleaner_weights.py]

Logistic models, pure Python (no numpy), Adagrad with L2: body/noise per line over sparse line
and neighbour features; a second body stage over the first stage's logits around each line
(fitted on out-of-fold logits, two halves of the training pages); a keep/cut Viterbi whose
switch cost (and optional best-segment clip) is chosen on the training pages; a headline ranker
(softmax over each page's candidate lines, bagged over bootstrap samples of the pages); a caption
classifier whose threshold is chosen for F1 on the training candidates. Labels come from the corpus's gold fields: a line is
body when its word 4-grams are in the gold body (short lines: when they continue the gold body
where the previous body line ended), the headline is the line equal to the gold title, a caption
line is one whose words match a gold caption visible in the text (token F1 >= 0.8).
Body lines are weighted so that every page weighs the same in all, shared among its lines in
proportion to their words: the scorer averages over articles, not over lines. The pages are
put in a canonical order (by id) first, so a fit depends on its seed (`seed=`), never on the
order of the records; `body_seeds=N` averages N body fits.
`fit(records)` is also used by bench/evaluate_cleaning.py --cv to fit on some pages and score others.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import math
import random
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reader.ingest import plaintext as pt  # noqa: E402
from reader.ingest.linemodel import score, smooth  # noqa: E402

SCORER = REPO / ".." / "shared" / "corpus" / "evaluate.py"
_W = re.compile(r"\w+")


def load_scorer(path: Path = SCORER):
    spec = importlib.util.spec_from_file_location("corpus_evaluate", path.resolve())
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


E = load_scorer()


def read_corpus(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# ------------------------------------------------------------------ labels


def body_labels(lines, gold_body: str) -> list[int]:
    gold = _W.findall(gold_body)
    gshingles = set(tuple(gold[k : k + 4]) for k in range(max(1, len(gold) - 3)))
    joined = " " + " ".join(gold) + " "
    labels = []
    pointer = -1  # char offset in `joined` just after the last matched body line
    for ln in lines:
        toks = _W.findall(ln.text)
        lab = 0
        if len(toks) >= 4:
            sh = [tuple(toks[k : k + 4]) for k in range(len(toks) - 3)]
            hit = sum(1 for s in sh if s in gshingles) / len(sh)
            if hit >= 0.5:
                lab = 1
                pos = joined.find(" " + " ".join(toks) + " ")
                pointer = pos + len(" ".join(toks)) + 1 if pos >= 0 else -1
        elif toks and pointer >= 0:
            frag = " " + " ".join(toks) + " "
            pos = joined.find(frag, pointer - 1)
            if 0 <= pos <= pointer + 1:
                lab = 1
                pointer = pos + len(frag) - 1
        labels.append(lab)
    return labels


def title_label(lines, gold_title: str) -> int:
    want = E.norm_title(gold_title)
    for i, ln in enumerate(lines):
        if E.norm_title(ln.text) == want:
            return i
    return -1


def caption_label(block_text: str, line_text: str, record, taken: set[int] | None = None) -> int:
    """1 for a line matching a visible gold caption not matched before, -1 for a repeat, else 0."""
    for k, (cap, credit) in enumerate(E.visible_captions(record)):
        variants = [cap] + ([cap + " " + credit] if credit else [])
        for v in variants:
            if E.token_f1(v, block_text) >= 0.8 or E.token_f1(v, line_text) >= 0.8:
                if taken is None:
                    return 1
                if k in taken:
                    return -1
                taken.add(k)
                return 1
    return 0


# ------------------------------------------------------------------ logistic regression


def _vec(feats) -> list[tuple[str, float]]:
    return [("bias", 1.0)] + [(n, 1.0) for n in feats[0]] + list(feats[1])


def fit_binary(rows: list[tuple[object, int]], l2: float = 1e-3, epochs: int = 25, lr: float = 0.3,
               seed: int = 0, pos_weight: float = 1.0) -> dict[str, float]:
    """Logistic regression by Adagrad SGD over sparse named features."""
    data = [(_vec(r[0]), r[1], r[2] if len(r) > 2 else 1.0) for r in rows]
    w: dict[str, float] = {}
    g2: dict[str, float] = {}
    rnd = random.Random(seed)
    order = list(range(len(data)))
    for _ in range(epochs):
        rnd.shuffle(order)
        for k in order:
            x, y, sw = data[k]
            z = sum(w.get(n, 0.0) * v for n, v in x)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            err = (p - y) * (pos_weight if y else 1.0) * sw
            for n, v in x:
                wn = w.get(n, 0.0)
                g = err * v + l2 * wn
                acc = g2.get(n, 1e-8) + g * g
                g2[n] = acc
                w[n] = wn - lr * g / math.sqrt(acc)
    return {n: round(v, 4) for n, v in w.items() if abs(v) >= 1e-4}


def fit_ranker(groups: list[tuple[list[object], int]], l2: float = 1e-3, epochs: int = 40, lr: float = 0.3,
               seed: int = 0) -> dict[str, float]:
    """Softmax ranker: one group per page, the gold candidate's index in it."""
    data = [([_vec(f) for f in cands], gold) for cands, gold in groups if 0 <= gold < len(cands)]
    w: dict[str, float] = {}
    g2: dict[str, float] = {}
    rnd = random.Random(seed)
    for _ in range(epochs):
        rnd.shuffle(data)
        for cands, gold in data:
            zs = [sum(w.get(n, 0.0) * v for n, v in x) for x in cands]
            mx = max(zs)
            es = [math.exp(z - mx) for z in zs]
            tot = sum(es)
            grad: dict[str, float] = {}
            for k, x in enumerate(cands):
                p = es[k] / tot - (1.0 if k == gold else 0.0)
                if abs(p) < 1e-6:
                    continue
                for n, v in x:
                    grad[n] = grad.get(n, 0.0) + p * v
            for n, g in grad.items():
                wn = w.get(n, 0.0)
                g += l2 * wn
                acc = g2.get(n, 1e-8) + g * g
                g2[n] = acc
                w[n] = wn - lr * g / math.sqrt(acc)
    return {n: round(v, 4) for n, v in w.items() if abs(v) >= 1e-4}


# ------------------------------------------------------------------ fitting


def _pages(records):
    out = []
    for r in records:
        lines = pt._lines(r["text"])
        page = pt.prepare(lines)
        if page is not None:
            out.append((r, page))
    return out


def _body_f1(pages_keep, pages) -> float:
    rows = []
    for (r, page), keep in zip(pages, pages_keep):
        body = "\n".join(ln.text for ln, k in zip(page.lines, keep) if k)
        rows.append(E.body_article_scores(*E.body_counts(r["gold_body"], body)))
    return E.body_aggregate(rows)["f1"]


def _mean(models: list[dict[str, float]]) -> dict[str, float]:
    """The average of linear models' weights (a weight a model lacks counts as 0)."""
    total: dict[str, float] = {}
    for m in models:
        for n, v in m.items():
            total[n] = total.get(n, 0.0) + v / len(models)
    return {n: round(v, 4) for n, v in total.items() if abs(v) >= 1e-4}


def _line_weights(page, mode: float) -> list[float]:
    """Training weight of each line. The scorer averages over articles, so a long page should not
    outweigh a short one: mode 1 gives every page the same total weight (lines equal within it),
    mode 2 the same, shared within the page in proportion to each line's words + 1."""
    n = len(page.lines)
    if not mode or not n:
        return [1.0] * n
    if mode == 1:
        return [AVG_LINES / n] * n
    size = [(ln.words + 1.0) ** (1.0 if mode == 2 else 0.5) for ln in page.lines]
    total = sum(size)
    return [AVG_LINES * s / total for s in size]


AVG_LINES = 180.0  # (the weights' scale: a page's lines weigh this much in all)


HYPER = {"page_weight": 2, "body_l2": 3e-3, "title_l2": 3e-4, "title_bags": 27, "caption_l2": 0.003, "epochs": 25}


def fit(records: list[dict], verbose: bool = False, **hyper: float) -> dict:
    hp = {**HYPER, **hyper}
    # a canonical order: the fit depends on its seeds, never on the order the pages come in
    pages = _pages(sorted(records, key=lambda r: r["id"]))
    seeds = [int(hp.get("seed", 0)) * 1000 + k for k in range(int(hp.get("body_seeds", 1)))]
    # 1. body
    rows = []
    feats_by_page = []
    weights_by_page = [_line_weights(page, hp.get("page_weight", 0)) for _, page in pages]
    for (r, page), lw in zip(pages, weights_by_page):
        feats = pt.body_features(page)
        feats_by_page.append(feats)
        rows.extend(zip(feats, body_labels(page.lines, r["gold_body"]), lw))
    # the body models are averaged over a few seeds (SGD order, halves of the second stage):
    # one fit varies with its seed about as much as a feature change moves it
    body = _mean([fit_binary(rows, l2=hp["body_l2"], epochs=int(hp["epochs"]), seed=sd) for sd in seeds])
    context = {}
    contexts = []
    for sd in (seeds if hp.get("stack", 1) else []):
        # second stage over the first stage's logits of the line's neighbourhood; fitted on
        # out-of-fold logits (two halves of the training pages) so that it learns how far
        # to trust the first stage on pages it has not seen
        labels_by_page = [body_labels(page.lines, r["gold_body"]) for r, page in pages]
        oof: list[list[float]] = [[] for _ in pages]
        side = [k % 2 for k in range(len(pages))]
        if sd:
            random.Random(sd).shuffle(side)
        for half in (0, 1):
            part = [row for k, ((r, page), feats) in enumerate(zip(pages, feats_by_page)) if side[k] != half
                    for row in zip(feats, labels_by_page[k], weights_by_page[k])]
            m = fit_binary(part, l2=hp["body_l2"], epochs=int(hp["epochs"]), seed=sd)
            for k, feats in enumerate(feats_by_page):
                if side[k] == half:
                    oof[k] = [score(m, f) for f in feats]
        rows2 = []
        for k, (r, page) in enumerate(pages):
            rows2.extend(zip(pt.context_features(page, oof[k]), labels_by_page[k], weights_by_page[k]))
        contexts.append(fit_binary(rows2, l2=hp["body_l2"], epochs=int(hp["epochs"]), seed=sd))
    if contexts:
        context = _mean(contexts)
    logits_by_page = [pt.body_logits(page, feats, body, context) for (r, page), feats in zip(pages, feats_by_page)]
    best_switch, best_clip, best_f1 = 0.0, 0.0, -1.0
    clips = [float(hp["clip"])] if "clip" in hp else [0.0, 1.0, 2.0, 4.0]
    switches = [float(hp["switch"])] if "switch" in hp else [0.0, 1.0, 2.0, 3.0, 4.0, 6.0]
    for clip in clips:
        for switch in switches:
            keeps = [pt.keep_lines(page, logits, switch, clip) for (r, page), logits in zip(pages, logits_by_page)]
            f1 = _body_f1(keeps, pages)
            if verbose:
                print(f"  clip {clip} switch {switch}: train body F1 {f1:.3f}")
            if f1 > best_f1:
                best_switch, best_clip, best_f1 = switch, clip, f1
    # 2. title
    groups = []
    keeps = []
    for (r, page), logits in zip(pages, logits_by_page):
        keep = pt.keep_lines(page, logits, best_switch, best_clip)
        keeps.append(keep)
        gold = title_label(page.lines, r.get("gold_title") or "")
        cands = pt.title_features(page, keep)
        idx = next((k for k, (i, _) in enumerate(cands) if i == gold), -1)
        groups.append(([f for _, f in cands], idx))
    bags = int(hp.get("title_bags", 1))
    if bags <= 1:
        title = fit_ranker(groups, l2=hp["title_l2"])
    else:
        # bagging: the average of rankers fitted on bootstrap samples of the pages varies
        # less from one training set to the next than a single ranker does
        rnd = random.Random(1)
        total: dict[str, float] = {}
        for b in range(bags):
            sample = [groups[rnd.randrange(len(groups))] for _ in groups]
            for n_, v in fit_ranker(sample, l2=hp["title_l2"], seed=b).items():
                total[n_] = total.get(n_, 0.0) + v / bags
        title = {n_: round(v, 4) for n_, v in total.items() if abs(v) >= 1e-4}
    # 3. captions
    rows = []
    page_sizes: list[int] = []
    for (r, page), keep in zip(pages, keeps):
        keep = list(keep)
        ti, best = -1, float("-inf")
        for i, f in pt.title_features(page, keep):
            s = score(title, f)
            if s > best:
                ti, best = i, s
        if ti >= 0:
            keep[ti] = False
        taken: set[int] = set()
        before = len(rows)
        for i, f, block in pt.caption_features(page, keep, ti):
            y = caption_label(block.text, page.lines[i].text, r, taken)
            if y >= 0:  # a repeat of a caption already seen is neither right nor wrong
                rows.append((f, y))
        page_sizes.append(len(rows) - before)
    cbags = int(hp.get("caption_bags", 1))
    if cbags <= 1:
        caption = fit_binary(rows, l2=hp["caption_l2"], epochs=int(hp["epochs"]))
    else:  # bagged like the ranker, by page
        by_page: list[list] = []
        start = 0
        for size in page_sizes:
            by_page.append(rows[start : start + size])
            start += size
        rnd = random.Random(2)
        total: dict[str, float] = {}
        for b in range(cbags):
            sample = [row for _ in by_page for row in by_page[rnd.randrange(len(by_page))]]
            for n_, v in fit_binary(sample, l2=hp["caption_l2"], epochs=int(hp["epochs"]), seed=b).items():
                total[n_] = total.get(n_, 0.0) + v / cbags
        caption = {n_: round(v, 4) for n_, v in total.items() if abs(v) >= 1e-4}
    # threshold: best F1 over the training candidates (captions are rare, so 0 is too strict)
    scored = [(score(caption, f), y) for f, y in rows]
    n_pos = sum(y for _, y in scored)
    best_t, best_f = 0.0, -1.0
    for t in (-2.0, -1.5, -1.0, -0.75, -0.5, -0.25, 0.0, 0.5):
        tp = sum(1 for s, y in scored if s > t and y)
        npred = sum(1 for s, _ in scored if s > t)
        f = 2 * tp / (npred + n_pos) if npred + n_pos else 0.0
        if f > best_f:
            best_t, best_f = t, f
    caption["bias"] = round(caption.get("bias", 0.0) - best_t, 4)
    return {"body": body, "context": context, "title": title, "caption": caption, "switch": best_switch,
            "clip": best_clip}


def write_models(models: dict, out: Path, corpus: str) -> None:
    lines = [
        '"""Weights of the cleaner\'s line models; written by bench/train_cleaner.py, do not edit by hand."""',
        "",
        "from typing import Any",
        "",
        f"# fitted on {corpus}",
        "MODELS: dict[str, Any] = {",
    ]
    for key in ("body", "context", "title", "caption"):
        lines.append(f"    {key!r}: {{")
        for n, v in sorted(models[key].items()):
            lines.append(f"        {n!r}: {v!r},")
        lines.append("    },")
    lines.append(f"    'switch': {models['switch']!r},")
    lines.append(f"    'clip': {models['clip']!r},")
    lines.append("}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--out", type=Path, default=REPO / "reader" / "ingest" / "cleaner_weights.py")
    args = ap.parse_args()
    records = read_corpus(args.corpus)
    models = fit(records, verbose=True)
    write_models(models, args.out, args.corpus.name)
    print(f"wrote {args.out}: body {len(models['body'])}, title {len(models['title'])}, "
          f"caption {len(models['caption'])} weights, switch {models['switch']}")


if __name__ == "__main__":
    main()
