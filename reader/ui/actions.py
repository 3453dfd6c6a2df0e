"""The one table of actions and their default shortcuts; menus and help are made from it."""

from __future__ import annotations

from dataclasses import dataclass

# Contexts: where a shortcut fires.  "window" fires anywhere in the main window, so its
# keys may not repeat in any other context; the others fire only with that widget focused.
WINDOW, LIST, PANE, SEARCH = "window", "list", "pane", "search"
CONTEXTS = (WINDOW, LIST, PANE, SEARCH)


@dataclass(frozen=True, slots=True)
class ActionSpec:
    name: str  # stable identifier, used for rebinding in the settings
    text: str  # menu text
    context: str
    keys: tuple[str, ...]  # portable QKeySequence strings
    help: str
    menu: str  # top-level menu it appears in ("" for none)
    handler: str  # name of the MainWindow method it calls


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("import_files", "&Import Files…", WINDOW, ("Ctrl+O",), "Import articles from files or folders", "&File", "import_files"),
    ActionSpec("import_folder", "Import &Folder…", WINDOW, ("Ctrl+Shift+O",), "Import every article in a folder and its subfolders", "&File", "import_folder"),
    ActionSpec("quit", "&Quit", WINDOW, ("Ctrl+Q",), "Quit Reader", "&File", "close"),
    ActionSpec("next_article", "&Next Article", LIST, ("J",), "Select the next article", "&Go", "next_article"),
    ActionSpec("previous_article", "&Previous Article", LIST, ("K",), "Select the previous article", "&Go", "previous_article"),
    ActionSpec("focus_pane", "Read &Article", LIST, ("Return", "Enter"), "Move into the reading pane", "&Go", "focus_pane"),
    ActionSpec("focus_list", "Back to &List", PANE, ("Esc",), "Return from the reading pane to the list", "&Go", "focus_list"),
)


class ShortcutConflict(ValueError):
    """Two actions claim the same key where both could fire."""


def check_conflicts(actions: tuple[ActionSpec, ...] | list[ActionSpec], keys_of=None) -> None:
    """Raise ShortcutConflict if one key is bound twice in one context (window clashes with all)."""
    keys_of = keys_of or (lambda a: a.keys)
    seen: dict[tuple[str, str], str] = {}
    for a in actions:
        for key in keys_of(a):
            norm = key.replace(" ", "").lower()
            contexts = CONTEXTS if a.context == WINDOW else (a.context,)
            for ctx in contexts:
                for claim in ((ctx, norm), (WINDOW, norm)):
                    other = seen.get(claim)
                    if other and other != a.name:
                        raise ShortcutConflict(f"{key!r} is bound to both {other!r} and {a.name!r}")
            seen[(a.context, norm)] = a.name


def markdown_table(actions: tuple[ActionSpec, ...] = ACTIONS) -> str:
    """The README's shortcut table, made from the action table (no Qt needed)."""
    where = {WINDOW: "anywhere", LIST: "article list", PANE: "reading pane", SEARCH: "search box"}
    rows = ["| Keys | Action | Where |", "|---|---|---|"]
    for a in actions:
        keys = " or ".join(f"`{k}`" for k in a.keys)
        rows.append(f"| {keys} | {a.help} | {where[a.context]} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(markdown_table())
