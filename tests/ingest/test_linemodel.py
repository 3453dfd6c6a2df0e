"""The cleaner's learned parts: keep/cut smoothing, credit kinds, and fitting models from gold pages."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reader.ingest.captions import credit_kind
from reader.ingest.linemodel import best_segment, score, smooth
from reader.ingest.plaintext import MODELS, clean_text
from reader.model import CAPTION, HEADING, ITEM, PARAGRAPH

BENCH = Path(__file__).resolve().parents[2] / "bench"


def test_smoothing_bridges_a_weak_gap_only_when_switching_costs() -> None:
    logits = [4.0, 4.0, -1.0, 4.0, 4.0]
    assert smooth(logits, 0.0) == [True, True, False, True, True]
    assert smooth(logits, 2.0) == [True] * 5
    assert smooth([], 1.0) == []


def test_best_segment_is_the_heaviest_run() -> None:
    assert best_segment([-3.0, 2.0, 2.0, -1.0, 3.0, -5.0, 1.0], 10.0) == (1, 5)
    # clipping stops one very confident line from dragging a whole stretch in
    assert best_segment([9.0, -1.0, -1.0, 1.0, 1.0, 1.0], 1.0) == (3, 6)


def test_score_adds_named_weights() -> None:
    w = {"bias": -1.0, "a": 2.0, "x": 0.5}
    assert score(w, (["a", "unknown"], [("x", 4.0)])) == pytest.approx(3.0)


@pytest.mark.parametrize(
    ("credit", "kind"),
    [
        ("Photo: Lea Kim / Getty Images", "photo"),
        ("Courtesy of Lina Park", "photo"),
        ("Kin Cheung / AP Photo / TASS", "agency"),
        ("© Jonas Wirth / AFP", "agency"),
        ("© Valley Gazette 2024", "copyright"),
        ("Lena Morrow / Harbourside Courier", "slashed"),
        ("Amira Haddad for The Lantern Review", "name"),
    ],
)
def test_credit_kinds(credit: str, kind: str) -> None:
    assert credit_kind(credit) == kind


def test_shipped_models_have_every_part() -> None:
    assert {"body", "context", "title", "caption", "switch", "clip"} <= set(MODELS)


PARAS = [
    "The harbour board said on Monday that the new ferry terminal would open in the spring, two years later than planned.",
    "Engineers found that the old quay could not carry the weight of the new cranes and had to be rebuilt from the seabed.",
    '"We would rather open late than open something that is not safe," said board chair Mina Oduya at a press conference.',
    "The delay will cost about 40 million, which the board hopes to recover from the contractor through the courts.",
]


def _record(i: int) -> dict:
    title = f"Ferry Terminal Opening Delayed by Two Years, Board Says ({i})"
    caption = f"Cranes stand idle on the old quay number {i} on Monday."
    lines = ["Menu", "Home", "News", "Sport", title, "By Ola Berg", caption, "Photo: Per Lund / Reuters", *PARAS,
             "Related stories", "Share this article", "Sign up for our newsletter"]
    return {
        "id": str(i),
        "text": "\n\n".join(lines) + "\n",
        "gold_body": "\n\n".join(PARAS),
        "gold_title": title,
        "gold_captions": [caption],
        "gold_caption_credits": ["Photo: Per Lund / Reuters"],
    }


@pytest.mark.skipif(
    not (BENCH.parent.parent / "shared" / "corpus" / "evaluate.py").exists(),
    reason="bench/train_cleaner.py labels pages with the corpus scorer's normalisation",
)
def test_fitting_on_gold_pages_gives_working_models() -> None:
    sys.path.insert(0, str(BENCH))
    try:
        from train_cleaner import fit
    finally:
        sys.path.remove(str(BENCH))
    records = [_record(i) for i in range(6)]
    models = fit(records, epochs=5)
    assert {"body", "context", "title", "caption", "switch", "clip"} <= set(models)
    c = clean_text(_record(9)["text"], models)
    assert c.title == _record(9)["gold_title"]
    assert [b.text for b in c.blocks if b.kind in (PARAGRAPH, HEADING, ITEM)] == PARAS
    assert [(b.text, b.credit) for b in c.blocks if b.kind == CAPTION] == [
        ("Cranes stand idle on the old quay number 9 on Monday.", "Photo: Per Lund / Reuters")
    ]
