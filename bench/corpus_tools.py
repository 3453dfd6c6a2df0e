"""What the corpus benches share: reading a corpus, turning a cleaned article into the scorer's
prediction, loading the corpus's own scorer and printing its figures."""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

from reader.model import CAPTION, HEADING, ITEM, PARAGRAPH, Cleaned


def read_corpus(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def prediction(record_id: str, cleaned: Cleaned) -> dict:
    body = "\n\n".join(b.text for b in cleaned.blocks if b.kind in (PARAGRAPH, HEADING, ITEM))
    # the caption with its credit: the scorer takes either form of a gold caption
    captions = [(b.text + " " + b.credit).strip() for b in cleaned.blocks if b.kind == CAPTION]
    return {"id": record_id, "body": body, "title": cleaned.title or None, "captions": captions}


def load_scorer(path: Path):
    """The corpus's own scorer, loaded from its file so the figures are the ones it prints."""
    spec = importlib.util.spec_from_file_location("corpus_evaluate", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def figures(res: dict) -> str:
    std = f" ± {res['body_f1_std']:.3f}" if "body_f1_std" in res else ""
    return (
        f"body P {res['body_precision']:.3f} R {res['body_recall']:.3f} F1 {res['body_f1']:.3f}{std} "
        f"(F1avg {res['body_f1_avg']:.3f}, {res['body_empty']} empty)  "
        f"title exact {res['title_exact']:.3f} fuzzy {res['title_fuzzy']:.3f}  "
        f"captions P {res['cap_precision']:.3f} R {res['cap_recall']:.3f} F1 {res['cap_f1']:.3f} "
        f"({res['cap_tp']}/{res['cap_pred']}/{res['cap_gold']})"
    )


