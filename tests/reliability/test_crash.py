"""Crash mid-write: `reader import` killed with SIGKILL at random points, again and again, on one
library; after each kill the library opens, is sound, and every article is whole or absent."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

from reader.library import Library
from tests.conftest import ROOT
from tests.reliability.helpers import whole_or_absent, write_articles

KILLS = int(os.environ.get("READER_CRASH_KILLS", "60"))
SEED = int(os.environ.get("READER_CRASH_SEED", "8"))
FILES = 60


def test_sigkill_during_import_never_leaves_half_an_article(tmp_path):
    rng = random.Random(SEED)
    folder = tmp_path / "articles"
    write_articles(folder, FILES, seed=SEED)
    path = tmp_path / "library.sqlite"
    # Short batches: many commits per import, so kills land before, inside and between them.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "READER_IMPORT_BATCH_SECONDS": "0.01"}
    command = [sys.executable, "-m", "reader", "--library", str(path), "import", str(folder), "--tag", "crash-test"]
    kills = mid_import = finished = 0
    t0 = time.monotonic()
    while kills < KILLS:
        with Library.open(path) as lib:
            before = lib.count()
            # Keep writes coming: the parent deletes a random share of what is there, so each
            # new run has articles to add again (and the deletes are crash-tested by reopening).
            ids = lib.article_ids()
            lib.delete(rng.sample(ids, k=len(ids) * rng.choice((1, 2, 3)) // 4))
            before = lib.count()
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        # Start-up takes ~0.15 s and the whole import ~0.3 s here: kill anywhere in that span.
        time.sleep(rng.uniform(0.05, 0.6))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        else:
            finished += 1
        proc.wait()
        err = proc.stderr.read().decode()
        proc.stderr.close()
        assert proc.returncode in (0, -signal.SIGKILL), err
        # After each kill: opens (replaying the WAL), SQLite and index checks, whole or absent.
        with Library.open(path) as lib:
            problems = lib.check_integrity()
            after = lib.count()
            for i in lib.article_ids():
                art = lib.get(i, with_original=True)
                assert art.blocks and art.original.data and "crash-test" in art.tags and art.quotes
        assert problems == [], f"kill {kills}: {problems}"
        n, whole = whole_or_absent(path)
        assert whole == [] and n == after, f"kill {kills}: {whole}"
        if before < after < FILES:
            mid_import += 1
        assert after >= before
    elapsed = time.monotonic() - t0
    print(f"\n{kills} SIGKILLs survived ({mid_import} with the import part done, {finished} runs finished "
          f"before their kill), seed {SEED}, {elapsed:.0f} s")
    assert kills >= 50
    assert mid_import >= 10  # the kills really land during imports, not only before or after
