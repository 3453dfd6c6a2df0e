"""The one table of actions and their default shortcuts; menus and help are made from it."""

from __future__ import annotations

from dataclasses import dataclass

# Contexts: where a shortcut fires.  "window" fires anywhere in the main window, so its
# keys may not repeat in any other context; the others fire only with that widget focused.
# "reading" is the list and the reading pane together: single letters live there, never
# where the user types text.
WINDOW, LIST, PANE, SEARCH, READING, SIDEBAR = "window", "list", "pane", "search", "reading", "sidebar"
CONTEXTS = (WINDOW, LIST, PANE, SEARCH, SIDEBAR)
_COVERS = {WINDOW: CONTEXTS, READING: (LIST, PANE)}


@dataclass(frozen=True, slots=True)
class ActionSpec:
    name: str  # stable identifier, used for rebinding in the settings
    text: str  # menu text
    context: str
    keys: tuple[str, ...]  # portable QKeySequence strings
    help: str
    menu: str  # top-level menu it appears in ("" for none)
    handler: str  # name of the MainWindow method it calls
    checkable: bool = False  # a toggle: the handler gets the new state


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("import_files", "&Import Files…", WINDOW, ("Ctrl+O",), "Import articles from files or folders", "&File", "import_files"),
    ActionSpec("import_folder", "Import &Folder…", WINDOW, ("Ctrl+Shift+O",), "Import every article in a folder and its subfolders", "&File", "import_folder"),
    ActionSpec("import_url", "Import from &URL…", WINDOW, ("Ctrl+L",), "Download an article from a web address and import it", "&File", "import_url"),
    ActionSpec("paste", "&Paste Article", LIST, ("Ctrl+V", "Shift+Ins"), "Import the text or page on the clipboard", "&File", "paste"),
    ActionSpec("quit", "&Quit", WINDOW, ("Ctrl+Q",), "Quit Reader", "&File", "close"),
    ActionSpec("next_article", "&Next Article", LIST, ("J",), "Select the next article", "&Go", "next_article"),
    ActionSpec("previous_article", "&Previous Article", LIST, ("K",), "Select the previous article", "&Go", "previous_article"),
    ActionSpec("focus_pane", "Read &Article", LIST, ("Return", "Enter"), "Move into the reading pane", "&Go", "focus_pane"),
    ActionSpec("focus_list", "Back to &List", PANE, ("Esc",), "Return from the reading pane to the list", "&Go", "focus_list"),
    ActionSpec("show_original", "&Original Text", WINDOW, ("Ctrl+U",), "Show the article exactly as imported (again: back to the article)", "&View", "show_original"),
    ActionSpec("show_removed", "&Removed Text", WINDOW, ("Ctrl+Shift+U",), "Show the text removed as noise, with reasons (again: back)", "&View", "show_removed"),
    ActionSpec("toggle_highlight", "&Highlight Quotes", READING, ("H",), "Highlight direct quotes on or off", "&View", "toggle_quote_highlight", True),
    ActionSpec("toggle_quote_list", "&Quote List", READING, ("Q",), "Show or hide the article's list of quotes", "&View", "toggle_quote_list", True),
    ActionSpec("quotes_view", "&Who Said What…", WINDOW, ("Ctrl+Shift+Q",), "Browse every quote in the library by speaker", "&View", "show_quotes_view"),
    ActionSpec("focus_search", "&Search", READING, ("/",), "Put the cursor in the search box", "&Search", "focus_search"),
    ActionSpec("find", "&Find…", WINDOW, ("Ctrl+F",), "Put the cursor in the search box", "&Search", "focus_search"),
    ActionSpec("clear_search", "&Clear Search", SEARCH, ("Esc",), "Clear the search and go back to the list", "&Search", "clear_search"),
    ActionSpec("next_match", "&Next Match", WINDOW, ("F3",), "Go to the next search match in the article", "&Search", "next_match"),
    ActionSpec("previous_match", "&Previous Match", WINDOW, ("Shift+F3",), "Go to the previous search match in the article", "&Search", "previous_match"),
    ActionSpec("next_match_key", "Next Match (n)", PANE, ("N",), "Go to the next search match in the article", "", "next_match"),
    ActionSpec("previous_match_key", "Previous Match (N)", PANE, ("Shift+N",), "Go to the previous search match in the article", "", "previous_match"),
    ActionSpec("sort_by_date", "Sort Results by &Date", WINDOW, ("Ctrl+Shift+D",), "Order search results by date instead of relevance", "&Search", "toggle_sort_by_date", True),
    ActionSpec("save_search", "&Save Search…", WINDOW, ("Ctrl+S",), "Save the current search in the sidebar", "&Search", "save_search"),
    ActionSpec("search_help", "Search &Language…", WINDOW, ("Ctrl+Shift+F1",), "How to write searches: fields, phrases, exclusions", "&Search", "show_search_help"),
    ActionSpec("edit_tags", "&Tags…", READING, ("T",), "Add or remove tags on the selected articles", "&Article", "edit_tags"),
    ActionSpec("rename_item", "&Rename Tag or Saved Search…", SIDEBAR, ("F2",), "Rename the tag (merging onto an existing one) or saved search", "&Article", "rename_sidebar_item"),
    ActionSpec("delete_item", "&Delete Tag or Saved Search", SIDEBAR, ("Del",), "Delete the tag from every article, or the saved search", "&Article", "delete_sidebar_item"),
    ActionSpec("undo", "&Undo", WINDOW, ("Ctrl+Z",), "Undo the last tag change", "&Edit", "undo"),
    ActionSpec("redo", "&Redo", WINDOW, ("Ctrl+Shift+Z", "Ctrl+Y"), "Redo the last undone tag change", "&Edit", "redo"),
    ActionSpec("focus_sidebar", "Focus &Sidebar", WINDOW, ("Ctrl+1",), "Move to the sidebar of views, saved searches and tags", "&Go", "focus_sidebar"),
    ActionSpec("focus_list_key", "Focus Article &List", WINDOW, ("Ctrl+2",), "Move to the article list", "&Go", "focus_list"),
    ActionSpec("focus_pane_key", "Focus &Reading Pane", WINDOW, ("Ctrl+3",), "Move to the reading pane", "&Go", "focus_pane"),
    ActionSpec("mark_noise", "&Mark Paragraph as Noise", PANE, ("Del",), "Move the paragraph at the cursor to Removed text", "&Article", "mark_block_as_noise"),
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
            for ctx in _COVERS.get(a.context, (a.context,)):
                for claim in ((ctx, norm), (WINDOW, norm)):
                    other = seen.get(claim)
                    if other and other != a.name:
                        raise ShortcutConflict(f"{key!r} is bound to both {other!r} and {a.name!r}")
            for ctx in _COVERS.get(a.context, (a.context,)):
                seen[(ctx, norm)] = a.name


def markdown_table(actions: tuple[ActionSpec, ...] = ACTIONS) -> str:
    """The README's shortcut table, made from the action table (no Qt needed)."""
    where = {WINDOW: "anywhere", LIST: "article list", PANE: "reading pane", SEARCH: "search box",
             READING: "list or reading pane", SIDEBAR: "sidebar"}
    rows = ["| Keys | Action | Where |", "|---|---|---|"]
    for a in actions:
        keys = " or ".join(f"`{k}`" for k in a.keys)
        rows.append(f"| {keys} | {a.help} | {where[a.context]} |")
    return "\n".join(rows)


def update_readme(path) -> None:
    """Rewrite the table between the README's shortcut markers."""
    from pathlib import Path

    path = Path(path)
    text = path.read_text(encoding="utf-8")
    start = text.index("\n", text.index("<!-- shortcuts:start")) + 1
    end = text.index("<!-- shortcuts:end -->")
    path.write_text(text[:start] + markdown_table() + "\n" + text[end:], encoding="utf-8")


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["--readme"]:
        update_readme(sys.argv[2] if len(sys.argv) > 2 else "README.md")
    else:
        print(markdown_table())
