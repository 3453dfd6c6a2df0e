"""Storage of articles, originals, tags and the search index; no Qt, no cleaners."""

from reader.errors import LibraryError
from reader.library.schema import SCHEMA_VERSION
from reader.library.store import AddResult, BatchBroken, Library, QuoteRow, SearchInterrupted, body_text, content_hash

__all__ = ["AddResult", "BatchBroken", "Library", "QuoteRow", "SearchInterrupted", "LibraryError", "SCHEMA_VERSION", "body_text", "content_hash"]
