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
    standard: str = ""  # a QKeySequence.StandardKey whose platform keys are added (e.g. "Quit")
    checked: bool = False  # a toggle's state before the settings say otherwise


A = ActionSpec
ACTIONS: tuple[ActionSpec, ...] = (
    # File
    A("import_files", "&Import Files…", WINDOW, ("Ctrl+O",), "Import articles from files or folders", "&File", "import_files", standard="Open"),
    A("import_folder", "Import &Folder…", WINDOW, ("Ctrl+Shift+O",), "Import every article in a folder and its subfolders", "&File", "import_folder"),
    A("import_url", "Import from &URL…", WINDOW, ("Ctrl+L",), "Download an article from a web address and import it", "&File", "import_url"),
    A("paste", "&Paste Article", LIST, ("Ctrl+V", "Shift+Ins"), "Import the text or page on the clipboard", "&File", "paste", standard="Paste"),
    A("export_article", "&Export Article…", WINDOW, ("Ctrl+E",), "Save the article as Markdown, HTML or PDF", "&File", "export_article"),
    A("print_article", "P&rint Article…", WINDOW, ("Ctrl+P",), "Print the article", "&File", "print_article", standard="Print"),
    A("export_selection", "Export &Selected Articles…", WINDOW, ("Ctrl+Shift+E",), "Save the selected articles as one JSON file (originals included) or a folder of Markdown files", "&File", "export_selection"),
    A("export_library", "Export the Whole &Library…", WINDOW, (), "Save every article as one JSON file (originals included) or a folder of Markdown files", "&File", "export_library"),
    A("quit", "&Quit", WINDOW, ("Ctrl+Q",), "Quit Reader", "&File", "close", standard="Quit"),
    # Edit
    A("undo", "&Undo", WINDOW, ("Ctrl+Z",), "Undo the last tag change", "&Edit", "undo", standard="Undo"),
    A("redo", "&Redo", WINDOW, ("Ctrl+Shift+Z", "Ctrl+Y"), "Redo the last undone tag change", "&Edit", "redo", standard="Redo"),
    A("copy_markdown", "&Copy Article as Markdown", READING, ("C",), "Copy the article to the clipboard as Markdown", "&Edit", "copy_markdown"),
    A("shortcuts", "&Keyboard Shortcuts…", WINDOW, (), "Change the keys of any action", "&Edit", "edit_shortcuts"),
    # View
    A("unread_only", "&Unread Only", READING, ("U",), "Show only unread articles", "&View", "toggle_unread_only", True),
    A("show_original", "&Original Text", WINDOW, ("Ctrl+U",), "Show the article exactly as imported (again: back to the article)", "&View", "show_original"),
    A("show_removed", "&Removed Text", WINDOW, ("Ctrl+Shift+U",), "Show the text removed as noise, with reasons (again: back)", "&View", "show_removed"),
    A("toggle_highlight", "&Highlight Quotes", READING, ("H",), "Highlight direct quotes on or off", "&View", "toggle_quote_highlight", True, checked=True),
    A("toggle_quote_list", "&Quote List", READING, ("Q",), "Show or hide the article's list of quotes", "&View", "toggle_quote_list", True, checked=True),
    A("quotes_view", "&Who Said What…", WINDOW, ("Ctrl+Shift+Q",), "Browse every quote in the library by speaker", "&View", "show_quotes_view"),
    A("text_bigger", "&Larger Text", WINDOW, ("Ctrl++", "Ctrl+="), "Make the article's text larger", "&View", "text_bigger", standard="ZoomIn"),
    A("text_smaller", "&Smaller Text", WINDOW, ("Ctrl+-",), "Make the article's text smaller", "&View", "text_smaller", standard="ZoomOut"),
    A("text_reset", "&Normal Text Size", WINDOW, ("Ctrl+0",), "Reset the article's text size", "&View", "text_reset"),
    A("reading_settings", "Reading &Settings…", WINDOW, ("Ctrl+,",), "Theme, font, text size, line width and spacing, when articles count as read", "&View", "edit_reading_settings", standard="Preferences"),
    A("full_screen", "&Full Screen", WINDOW, ("F11",), "Use the whole screen", "&View", "toggle_full_screen", True, standard="FullScreen"),
    # Go
    A("next_article", "&Next Article", READING, ("J",), "Select the next article", "&Go", "next_article"),
    A("previous_article", "&Previous Article", READING, ("K",), "Select the previous article", "&Go", "previous_article"),
    A("page_down", "Page &Down / Next Unread", READING, ("Space",), "Scroll the article down; at its end, go to the next unread article", "&Go", "page_down"),
    A("page_up", "Page &Up", READING, ("Shift+Space",), "Scroll the article up", "&Go", "page_up"),
    A("first_article", "&First Article", READING, ("G",), "Go to the first article", "&Go", "first_article"),
    A("last_article", "&Last Article", READING, ("Shift+G",), "Go to the last article", "&Go", "last_article"),
    A("focus_pane", "Read &Article", LIST, ("Return", "Enter"), "Move into the reading pane", "&Go", "focus_pane"),
    A("focus_list", "Back to &List", PANE, ("Esc",), "Return from the reading pane to the list", "&Go", "focus_list"),
    A("focus_sidebar", "Focus &Sidebar", WINDOW, ("Ctrl+1",), "Move to the sidebar of views, saved searches and tags", "&Go", "focus_sidebar"),
    A("focus_list_key", "Focus Article &List", WINDOW, ("Ctrl+2",), "Move to the article list", "&Go", "focus_list"),
    A("focus_pane_key", "Focus &Reading Pane", WINDOW, ("Ctrl+3",), "Move to the reading pane", "&Go", "focus_pane"),
    A("open_url", "&Open Original Web Page", READING, ("O",), "Open the article's web address in the browser", "&Go", "open_original_url"),
    # Article
    A("star", "&Star", READING, ("S",), "Star or unstar the selected articles", "&Article", "toggle_star"),
    A("toggle_read", "Mark &Read / Unread", READING, ("M",), "Mark the selected articles read, or unread again", "&Article", "toggle_read"),
    A("edit_tags", "&Tags…", READING, ("T",), "Add or remove tags on the selected articles", "&Article", "edit_tags"),
    A("mark_noise", "&Mark Paragraph as Noise", PANE, ("Del",), "Move the paragraph at the cursor to Removed text", "&Article", "mark_block_as_noise"),
    A("rename_item", "&Rename Tag or Saved Search…", SIDEBAR, ("F2",), "Rename the tag (merging onto an existing one) or saved search", "&Article", "rename_sidebar_item"),
    A("delete_item", "&Delete Tag or Saved Search", SIDEBAR, ("Del",), "Delete the tag from every article, or the saved search", "&Article", "delete_sidebar_item"),
    # Search
    A("focus_search", "&Search", READING, ("/",), "Put the cursor in the search box", "&Search", "focus_search"),
    A("find", "&Find…", WINDOW, ("Ctrl+F",), "Put the cursor in the search box", "&Search", "focus_search", standard="Find"),
    A("clear_search", "&Clear Search", SEARCH, ("Esc",), "Clear the search and go back to the list", "&Search", "clear_search"),
    A("next_match", "&Next Match", WINDOW, ("F3",), "Go to the next search match in the article", "&Search", "next_match", standard="FindNext"),
    A("previous_match", "&Previous Match", WINDOW, ("Shift+F3",), "Go to the previous search match in the article", "&Search", "previous_match", standard="FindPrevious"),
    A("next_match_key", "Next Match (n)", PANE, ("N",), "Go to the next search match in the article", "", "next_match"),
    A("previous_match_key", "Previous Match (N)", PANE, ("Shift+N",), "Go to the previous search match in the article", "", "previous_match"),
    A("sort_by_date", "Sort Results by &Date", WINDOW, ("Ctrl+Shift+D",), "Order search results by date instead of relevance", "&Search", "toggle_sort_by_date", True),
    A("save_search", "&Save Search…", WINDOW, ("Ctrl+S",), "Save the current search in the sidebar", "&Search", "save_search"),
    A("search_help", "Search &Language…", WINDOW, ("Ctrl+Shift+F1",), "How to write searches: fields, phrases, exclusions", "&Search", "show_search_help"),
    # Help
    A("help", "&Keyboard Help", READING, ("?",), "Show every action and its keys", "&Help", "show_help"),
    A("help_f1", "Keyboard &Help", WINDOW, ("F1",), "Show every action and its keys", "", "show_help", standard="HelpContents"),
)
del A


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
