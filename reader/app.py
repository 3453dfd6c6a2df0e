"""Starts Reader: reads the arguments, opens the library and shows the window (or runs the CLI)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from reader import cli

_T0 = time.perf_counter()
BACKUP_DELAY_MS = 3000


def _gui_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="reader",
        description="Keep, clean and re-read news articles. Commands: " + ", ".join(cli.COMMANDS) + " (reader COMMAND --help).",
    )
    p.add_argument("--library", metavar="PATH", help="library file (default: $READER_LIBRARY or the user data folder)")
    p.add_argument("--install-desktop-entry", action="store_true", help="add Reader to the desktop's applications and 'Open with'")
    p.add_argument("--uninstall-desktop-entry", action="store_true", help="remove the desktop entry again")
    p.add_argument("--new-instance", action="store_true", help="open another window even if one is open on this library")
    p.add_argument("files", nargs="*", help="files to import and show")
    return p


def _first_word(argv: list[str]) -> str | None:
    skip = False
    for a in argv:
        if skip:
            skip = False
            continue
        if a == "--library":
            skip = True
            continue
        if not a.startswith("-"):
            return a
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if _first_word(argv) in cli.COMMANDS:
        return cli.main(argv)
    args = _gui_parser().parse_args(argv)
    if args.install_desktop_entry or args.uninstall_desktop_entry:
        from reader import desktop

        done = desktop.install_desktop_entry() if args.install_desktop_entry else desktop.uninstall_desktop_entry()
        for path in done:
            print(path)
        return 0
    return run_gui(args.library, args.files, new_instance=args.new_instance)


def run_gui(library: str | None, files: list[str], *, new_instance: bool = False) -> int:
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from reader.operations import add_samples_once
    from reader.paths import RESOURCES, default_library_path
    from reader.ui import messages
    from reader.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Reader")
    app.setOrganizationName("Reader")
    app.setDesktopFileName("reader")
    app.setWindowIcon(QIcon(str(RESOURCES / "icons" / "reader.svg")))
    path = Path(library).expanduser() if library else default_library_path()
    files = [str(Path(f).resolve()) for f in files]
    if not new_instance:
        from reader.ui.single_instance import hand_over

        if hand_over(path, files):
            print(f"reader: handed {len(files)} file(s) to the Reader window already open on {path}", file=sys.stderr)
            return 0
    lib = open_library(path)
    if lib is None:
        return 2
    if not lib.readonly:
        add_samples_once(lib)
    window = MainWindow(lib, QSettings())
    messages.install_excepthook(lambda: window)
    if lib.readonly:
        window.setWindowTitle(f"{window.windowTitle()} (read-only)")
    window.show()
    if not lib.readonly:
        # Once a day, a backup in the background: after the first paint, on its own thread
        # and connection, so it never delays start-up or the window.
        QTimer.singleShot(BACKUP_DELAY_MS, lambda: start_daily_backup(lib.path, window))
    if files:
        window.import_paths(files, show_first=True)
    if not new_instance:
        QTimer.singleShot(0, lambda: window.listen_for_other_launches())
    if os.environ.get("READER_EXIT_AFTER_SHOWN"):
        _exit_after_first_paint(app, window)
    code = app.exec()
    lib.close()
    return code


def open_library(path: Path, ask=None):
    """The library at `path`, read-only when it cannot be written; when it cannot be opened,
    the problem dialog decides (open a backup, start a new library, quit). None means quit.
    `ask(path, error) -> (choice, backup)` replaces the dialog in tests."""
    from reader.errors import LibraryError
    from reader.library import Library
    from reader.library.store import LibraryDamaged, LibraryReadOnly
    from reader.operations.backup import list_backups, recover

    try:
        try:
            return Library.open(path)
        except LibraryReadOnly as e:
            print(f"reader: {e}; opened read-only", file=sys.stderr)
            return Library.open(path, readonly=True)
    except LibraryError as e:
        error = e
    while True:
        print(f"reader: {error}", file=sys.stderr)
        if ask is None and os.environ.get("READER_EXIT_AFTER_SHOWN"):  # no one to click in a check run
            return None
        choice, chosen = (ask or _ask_with_dialog)(path, error, list_backups(path))
        if choice == "quit":
            return None
        try:
            target, aside = recover(path, isinstance(error, LibraryDamaged), chosen if choice == "backup" else None)
            if aside is not None:
                print(f"reader: the damaged library is kept at {aside}", file=sys.stderr)
            if target != path:
                print(f"reader: opened a new library at {target}", file=sys.stderr)
            return Library.open(target)
        except LibraryError as e:  # the backup was bad too, the disk full...: ask again
            error = e


def _ask_with_dialog(path: Path, error: Exception, backups):
    from reader.ui.library_problem import LibraryProblemDialog

    dialog = LibraryProblemDialog(path, str(error), backups)
    dialog.exec()
    return dialog.choice, dialog.backup


def start_daily_backup(library_path: Path, parent) -> None:
    """Make today's backup (if due) on a worker thread with its own connection."""
    import threading

    from reader.operations.backup import daily_backup

    def work() -> None:
        try:
            daily_backup(library_path)
        except Exception as e:  # a backup that fails must never disturb reading; it is logged
            import logging

            logging.getLogger("reader").warning("daily backup of %s failed: %s", library_path, e)

    thread = threading.Thread(target=work, name="daily-backup", daemon=True)
    thread.start()
    parent.backup_thread = thread


def _exit_after_first_paint(app, window) -> None:
    """For bench/startup.py and tests: once the list and the article have painted (and any
    import of files given as arguments is done), print what is shown and quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    painted: set[str] = set()

    def done() -> None:
        if window.import_running():
            QTimer.singleShot(20, done)
            return
        article = window.pane.article
        print(f"shown {time.perf_counter() - _T0:.4f} cached_rows={window.model.cached_rows()} "
              f"articles={window.model.rowCount()} title={article.title if article else ''}", flush=True)
        app.quit()

    class Watch(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint and obj.objectName() not in painted:
                painted.add(obj.objectName())
                if painted == {"list", "pane"}:
                    # The filter runs before the paint itself: report once it has happened.
                    QTimer.singleShot(0, done)
            return False

    window.list.viewport().setObjectName("list")
    window.pane.viewport().setObjectName("pane")
    watch = Watch(window)
    window.list.viewport().installEventFilter(watch)
    window.pane.viewport().installEventFilter(watch)


if __name__ == "__main__":
    sys.exit(main())
