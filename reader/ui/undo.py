"""Undoable tag changes: each command remembers which articles carried the tags it touches."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from reader.library import Library


class TagCommand(QUndoCommand):
    """Runs `change(library)` on redo; undo puts the touched tags back exactly as they were."""

    def __init__(self, library: Library, text: str, touched: list[str], change: Callable[[Library], None],
                 after: Callable[[], None]):
        super().__init__(text)
        self.library = library
        self.touched = touched  # every tag name the change may create, alter or delete
        self.change = change
        self.after = after
        self.before = library.tag_snapshot(touched)

    def redo(self) -> None:
        self.change(self.library)
        self.after()

    def undo(self) -> None:
        self.library.restore_tags(self.before, drop=self.touched)
        self.after()
