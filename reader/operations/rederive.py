"""Re-deriving cleaned articles and quotes from the kept originals, with the user's corrections."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from reader import ingest, quotes
from reader.errors import InputError
from reader.ingest.plaintext import normalise
from reader.library import Library
from reader.model import Block, Cleaned, Original, articles
from reader.operations.importing import article_quotes, clean_document

CUT_BY_USER = "marked as noise by you"
KEPT_BY_USER = "kept by you"


def correction_key(text: str) -> str:
    """The key a correction is stored under: the block's text, normalised (NFC, spaces)."""
    return normalise(text)


def apply_corrections(cleaned: Cleaned, corrections: dict[str, str], source_text: str = "") -> Cleaned:
    """Move blocks between body and removed as the user said; restored blocks go back in
    the place they had in the source text."""
    if not corrections:
        return cleaned
    kept: list[Block] = []
    removed: list[Block] = []
    for b in cleaned.blocks:
        if corrections.get(correction_key(b.text)) == "cut":
            removed.append(dataclasses.replace(b, reason=CUT_BY_USER))
        else:
            kept.append(b)
    restored: list[Block] = []
    for b in cleaned.removed:
        if corrections.get(correction_key(b.text)) == "keep":
            restored.append(dataclasses.replace(b, reason=""))
        else:
            removed.append(b)
    if restored:
        source = normalise(source_text)
        position = {}
        for b in kept + restored:
            position[id(b)] = source.find(correction_key(b.text))
        # Blocks whose text is not found keep their neighbours' order (stable sort).
        merged = sorted(kept + restored, key=lambda b: position[id(b)] if position[id(b)] >= 0 else 10**12)
        kept = merged
    return dataclasses.replace(cleaned, blocks=kept, removed=removed)


def clean_original(original: Original, corrections: dict[str, str]):
    """(Cleaned, quotes) for kept original bytes, cleaned again by the running code within the
    same time cap as an import, with the user's corrections applied."""
    cleaned, _original, found = clean_document(original.data, original.name or "original",
                                               max(len(original.data), ingest.MAX_BYTES))
    if not corrections:
        return cleaned, found
    fixed = apply_corrections(cleaned, corrections, ingest.original_text(original.data, original.name))
    return fixed, article_quotes(fixed)


@dataclass
class RecleanReport:
    done: int = 0
    failed: list[tuple[int, str]] = dataclasses.field(default_factory=list)
    cancelled: bool = False

    def summary(self) -> str:
        s = f"{articles(self.done)} cleaned again"
        if self.failed:
            s += f", {len(self.failed)} failed"
        return s + (" (cancelled)" if self.cancelled else "")


def reclean(
    library: Library,
    ids: Iterable[int] | None = None,
    *,
    batch: int = 50,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> RecleanReport:
    """Re-run the cleaner and quote finder over articles (all by default), keeping tags,
    flags, originals and corrections; one transaction per batch.

    Each batch is cleaned with no lock held and then written in one short transaction, as
    imports do: a re-derive running in the background must not keep the window waiting."""
    ids = list(library.article_ids() if ids is None else ids)
    corrections = library.corrections()
    report = RecleanReport()
    for start in range(0, len(ids), batch):
        if cancelled is not None and cancelled():
            report.cancelled = True
            break
        ready = []
        for article_id in ids[start : start + batch]:
            try:
                ready.append((article_id, *clean_original(library.original(article_id), corrections)))
            except (InputError, KeyError) as e:
                report.failed.append((article_id, str(e)))
        with library.batch():
            for article_id, cleaned, found in ready:
                try:
                    library.replace_cleaned(
                        article_id,
                        cleaned,
                        quotes=found,
                        cleaner_version=ingest.CLEANER_VERSION,
                        quotes_version=quotes.QUOTES_VERSION,
                    )
                except KeyError:  # deleted meanwhile
                    continue
                report.done += 1
        if progress is not None:
            progress(min(start + batch, len(ids)), len(ids), "")
    return report


def reclean_stale(library: Library, **kw) -> RecleanReport:
    """Re-derive only the articles made by older cleaner or quote-finder code."""
    return reclean(library, library.stale_ids(ingest.CLEANER_VERSION, quotes.QUOTES_VERSION), **kw)


def correct_block(library: Library, article_id: int, text: str, action: str | None) -> None:
    """Record a user correction ('keep' or 'cut'; None forgets it) and re-clean the article."""
    library.set_correction(correction_key(text), action)
    reclean(library, [article_id])
