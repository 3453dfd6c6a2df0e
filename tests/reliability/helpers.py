"""Shared makers for the reliability tests: libraries of known articles, CLI runs, checks."""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

from reader.library import Library
from reader.model import PARAGRAPH, Block, Cleaned, Original, Quote
from tests.conftest import ROOT

WORDS = ("harbour council budget river election minister school storm vote bridge market city police "
         "doctor water energy farmers court station museum report").split()


def article_text(i: int, rng: random.Random, words: int = 120) -> str:
    """A small plain-text article with a headline, a quote and paragraphs; unique by `i`."""
    title = f"Story {i}: " + " ".join(rng.choice(WORDS).capitalize() for _ in range(5))
    paras = []
    for p in range(3):
        paras.append(" ".join(rng.choice(WORDS) for _ in range(words // 3)).capitalize() + f" (part {p} of story {i}).")
    paras.insert(1, f'"We will rebuild the {rng.choice(WORDS)} by spring," Mayor Lea Torres said on Monday.')
    return title + "\n\n" + "\n\n".join(paras) + "\n"


def write_articles(folder: Path, n: int, seed: int = 1, words: int = 120) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        p = folder / f"article-{i:03d}.txt"
        p.write_text(article_text(i, rng, words), encoding="utf-8")
        paths.append(p)
    return paths


def fill_library(path: Path, n: int, blob: int = 0, seed: int = 3) -> list[int]:
    """A library of `n` articles, each with a tag, a quote and an original of `blob` extra bytes."""
    rng = random.Random(seed)
    ids = []
    with Library.open(path) as lib, lib.batch():
        for i in range(n):
            text = article_text(i, rng)
            data = (text + "\n" + "".join(rng.choice("abcdefgh ") for _ in range(blob))).encode()
            cleaned = Cleaned(title=f"Story {i}", blocks=[Block(PARAGRAPH, t) for t in text.split("\n\n")[1:]])
            q = Quote(start=0, end=10, speaker="Lea Torres", block=0)
            ids.append(lib.add(cleaned, Original(data, "text", "utf-8", f"a{i}.txt"), tags=[f"t{i % 5}"], quotes=[q]).id)
    return ids


def file_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def run_reader(*args, library: Path, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    e = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run([sys.executable, "-m", "reader", "--library", str(library), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=e)


def whole_or_absent(path: Path, required: tuple[str, ...] = ("article_tags", "quotes")) -> tuple[int, list[str]]:
    """(articles, problems): every article has its body, original, index row, tags, quotes."""
    con = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        problems = []
        n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        for table, key in (("bodies", "article_id"), ("originals", "article_id"), ("articles_fts", "rowid")):
            missing = con.execute(f"SELECT count(*) FROM articles WHERE id NOT IN (SELECT {key} FROM {table})").fetchone()[0]
            orphans = con.execute(f"SELECT count(*) FROM {table} WHERE {key} NOT IN (SELECT id FROM articles)").fetchone()[0]
            if missing or orphans:
                problems.append(f"{table}: {missing} missing, {orphans} orphans")
        for table in ("article_tags", "quotes"):
            untagged = con.execute(f"SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM {table})").fetchone()[0]
            if untagged and table in required:
                problems.append(f"{untagged} articles without {table}")
            orphans = con.execute(f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0]
            if orphans:
                problems.append(f"{table}: {orphans} orphans")
        return n, problems
    finally:
        con.close()
