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
    durations = [0.6]
    runs = 0
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
        # Kill anywhere from start-up to the end of a typical run (learned from the runs that
        # finished first, so the kills keep landing inside imports on a busy machine too); every
        # other kill in the run's last third, where the import is: start-up (Python, Qt, the
        # library) takes most of a run, and cleaning 60 articles only ~50 ms of it.
        started = time.monotonic()
        calibrating = runs % 10 == 0  # every tenth run goes to the end: how long a run takes
        runs += 1
        typical = sorted(durations)[len(durations) // 2]
        earliest = 0.02 if runs % 2 else 0.67 * typical
        kill_at = started + (120 if calibrating else rng.uniform(earliest, 1.1 * typical))
        while proc.poll() is None and time.monotonic() < kill_at:
            time.sleep(0.003)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        else:
            finished += 1
            if calibrating:
                durations = (durations + [time.monotonic() - started])[-5:]
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
    print(f"\n{kills} SIGKILLs survived ({mid_import} with the import part done; {finished} runs finished, "
          f"{runs // 10 + 1} of them uninterrupted to time a run), seed {SEED}, {elapsed:.0f} s")
    assert kills >= 50
    # The kills really land during imports, not only before or after.  How many do depends on
    # the machine's speed and load (7 to 13 of 60 here), so the bound is loose: a strict one
    # failed one run in five on a busy machine without anything being wrong with the library.
    assert mid_import >= 2


def test_sigkill_during_restore_leaves_the_old_or_the_new_library(tmp_path):
    """`reader restore` writes the backup into the live file in one transaction: a kill at any
    point leaves the library as it was or as the backup, sound either way."""
    from reader.operations.backup import make_backup
    from tests.reliability.helpers import fill_library

    rng = random.Random(SEED)
    path = tmp_path / "library.sqlite"
    fill_library(path, 150, blob=20_000)  # ~3.5 MB: the copy takes a while
    with Library.open(path) as lib:
        backup_file = make_backup(lib, tmp_path / "backup.sqlite")
        backed_up = set(lib.article_ids())
        lib.delete(sorted(backed_up)[:100])
        current = set(lib.article_ids())
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    outcomes = {"old": 0, "new": 0}
    command = [sys.executable, "-m", "reader", "--library", str(path), "restore", str(backup_file)]
    t = time.monotonic()
    subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    full = time.monotonic() - t  # one uninterrupted restore: the span to kill in
    with Library.open(path) as lib:
        lib.delete(sorted(backed_up)[:100])
    for _ in range(12):
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.0) * full)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with Library.open(path) as lib:
            assert lib.check_integrity() == []
            ids = set(lib.article_ids())
        assert ids in (current, backed_up)
        outcomes["old" if ids == current else "new"] += 1
        n, whole = whole_or_absent(path)
        assert whole == []
        if ids == backed_up:  # put the later state back for the next round
            with Library.open(path) as lib:
                lib.delete(sorted(backed_up)[:100])
    print(f"\nrestore killed 12 times: {outcomes}")
