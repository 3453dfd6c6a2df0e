"""Block's hand-written constructor behaves as the generated frozen dataclass one did."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from reader.model import CAPTION, PARAGRAPH, Block


def test_block_is_built_frozen_compared_and_copied_as_a_dataclass():
    b = Block(CAPTION, "The bridge.", credit="Ana Ruiz", reason="")
    assert (b.kind, b.text, b.credit, b.src, b.reason) == (CAPTION, "The bridge.", "Ana Ruiz", "", "")
    assert b == Block(CAPTION, "The bridge.", "Ana Ruiz") and hash(b) == hash(Block(CAPTION, "The bridge.", "Ana Ruiz"))
    assert b != Block(CAPTION, "The bridge.")
    assert Block(kind=PARAGRAPH, text="x", reason="why") == Block(PARAGRAPH, "x", "", "", "why")
    assert repr(Block(PARAGRAPH, "x")) == "Block(kind='paragraph', text='x', credit='', src='', reason='')"
    with pytest.raises(dataclasses.FrozenInstanceError):
        b.text = "changed"
    with pytest.raises(TypeError):
        Block(PARAGRAPH)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Block(PARAGRAPH, "x", colour="red")  # type: ignore[call-arg]
    assert pickle.loads(pickle.dumps(b)) == b and copy.deepcopy(b) == b
    assert dataclasses.replace(b, text="Other.") == Block(CAPTION, "Other.", credit="Ana Ruiz")
    assert dataclasses.asdict(b) == {"kind": CAPTION, "text": "The bridge.", "credit": "Ana Ruiz", "src": "", "reason": ""}
    assert Block.from_dict(b.to_dict()) == b


def test_counts_of_articles_read_as_written():
    from reader.model import articles

    assert (articles(0), articles(1), articles(2), articles(2400)) == ("0 articles", "1 article", "2 articles", "2,400 articles")
