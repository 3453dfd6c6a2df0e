"""The main window: article list beside the reading pane, menus and shortcuts from the action table."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QThread, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QHeaderView,
    QTableView,
    QWidget,
)

from reader.library import Library
from reader.ui import messages
from reader.ui.actions import ACTIONS, LIST, PANE, READING, WINDOW, ActionSpec, check_conflicts
from reader.ui.delegates import ArticleRowDelegate
from reader.ui.models import ArticleListModel
from reader.ui.article_view import ARTICLE, ORIGINAL, REMOVED, ArticleView
from reader.ui.worker import LibraryTask, import_job, reclean_stale_job, start_task

if TYPE_CHECKING:
    from reader.operations.importing import ImportReport


class ArticleList(QTableView):
    """The article list: one row per article, keyboard-driven.

    A QTableView with fixed row heights: shown over 100,000 rows it lays out in 3 ms, where
    QTreeView (even with uniform row heights) takes 690 ms and QListView 310 ms."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the list for the reading pane
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def moveCursor(self, action, modifiers):  # noqa: N802 - Qt's name
        # In a table Home/End move along the row; in an article list they mean first/last article.
        rows = self.model().rowCount() if self.model() else 0
        if rows and action == QAbstractItemView.CursorAction.MoveEnd:
            return self.model().index(rows - 1, 0)
        if rows and action == QAbstractItemView.CursorAction.MoveHome:
            return self.model().index(0, 0)
        return super().moveCursor(action, modifiers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAccessibleName("Articles")
        self.setAccessibleDescription("Articles in the library, newest first")


class MainWindow(QMainWindow):
    """Reader's window over one open library."""

    def __init__(self, library: Library, settings: QSettings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.library = library
        self.settings = settings or QSettings()
        self._threads: list[QThread] = []
        self._worker: LibraryTask | None = None  # the running import, if any
        self._background: LibraryTask | None = None  # re-deriving stale articles, if any
        self.last_report: ImportReport | None = None
        self.setWindowTitle(f"Reader — {library.path.name}")

        self.list = ArticleList(self)
        self.model = ArticleListModel(library, self)
        self.list.setModel(self.model)
        # One column painted as two lines (title; source · date · tags) reads better in a
        # narrow pane than four squeezed columns; the model keeps the columns for
        # accessibility and exports.
        delegate = ArticleRowDelegate(self.list)
        self.list.setItemDelegateForColumn(ArticleListModel.TITLE, delegate)
        for col in (ArticleListModel.SOURCE, ArticleListModel.DATE, ArticleListModel.TAGS):
            self.list.setColumnHidden(col, True)
        self.list.verticalHeader().setMinimumSectionSize(1)
        self.list.verticalHeader().setDefaultSectionSize(delegate.row_height(self.list.font()))
        self.article_view = ArticleView(self)
        self.pane = self.article_view.pane
        self.article_view.restoreRequested.connect(self.restore_removed_block)
        self.article_view.viewChanged.connect(self._view_changed)
        self.pane.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.pane.customContextMenuRequested.connect(self._pane_menu)
        self.quotes_dialog = None
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.article_view)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.setTabOrder(self.list, self.pane)
        self.setTabOrder(self.pane, self.article_view.quotes)

        self.counts = QLabel(self)
        self.counts.setAccessibleName("Library counts")
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_import)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self.statusBar().addPermanentWidget(self.counts)

        self.actions_by_name: dict[str, QAction] = {}
        self._install_actions(ACTIONS)
        self.list.selectionModel().currentRowChanged.connect(self._current_changed)
        self.list.activated.connect(lambda _index: self.focus_pane())
        self._restore_state()
        self.update_counts()
        if self.model.rowCount():
            self.select_row(0)

    # ----------------------------------------------------------------- set-up
    def _install_actions(self, specs: tuple[ActionSpec, ...]) -> None:
        check_conflicts(specs)
        menus: dict[str, object] = {}
        targets = {WINDOW: (self,), LIST: (self.list,), PANE: (self.pane,), READING: (self.list, self.pane)}
        for spec in specs:
            action = QAction(spec.text, self)
            action.setObjectName(spec.name)
            action.setShortcuts([QKeySequence(k) for k in spec.keys])
            action.setToolTip(spec.help)
            action.setStatusTip(spec.help)
            action.setShortcutContext(
                Qt.ShortcutContext.WindowShortcut if spec.context == WINDOW else Qt.ShortcutContext.WidgetShortcut
            )
            if spec.checkable:
                action.setCheckable(True)
                action.setChecked(True)
                action.toggled.connect(getattr(self, spec.handler))
            else:
                action.triggered.connect(getattr(self, spec.handler))
            for target in targets.get(spec.context, (self,)):
                target.addAction(action)
            if spec.menu:
                if spec.menu not in menus:
                    menus[spec.menu] = self.menuBar().addMenu(spec.menu)
                menus[spec.menu].addAction(action)
            self.actions_by_name[spec.name] = action

    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        splitter = self.settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([460, 740])

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.cancel_import()
        for thread in self._threads:
            thread.quit()
            thread.wait(5000)
        self.save_state()
        super().closeEvent(event)

    # ----------------------------------------------------------------- navigation
    def select_row(self, row: int) -> None:
        if not (0 <= row < self.model.rowCount()):
            return
        index = self.model.index(row, 0)
        self.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.list.scrollTo(index)

    def select_article(self, article_id: int) -> bool:
        row = self.model.row_of(article_id)
        if row >= 0:
            self.select_row(row)
        return row >= 0

    def current_article_id(self) -> int | None:
        index = self.list.currentIndex()
        return self.model.article_id(index.row()) if index.isValid() else None

    def next_article(self) -> None:
        self.select_row(min(self.list.currentIndex().row() + 1, self.model.rowCount() - 1))

    def previous_article(self) -> None:
        self.select_row(max(self.list.currentIndex().row() - 1, 0))

    def focus_pane(self) -> None:
        self.pane.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_list(self) -> None:
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _current_changed(self, current, _previous) -> None:
        article = None
        if current.isValid():
            try:
                article = self.library.get(self.model.article_id(current.row()))
            except KeyError:
                article = None
        self.article_view.show_article(article)

    def reload_current(self) -> None:
        """Show the current article again after it changed in the library."""
        article_id = self.current_article_id()
        if article_id is not None:
            self.article_view.show_article(self.library.get(article_id))

    # ----------------------------------------------------------------- article views
    def _view_changed(self, view: str) -> None:
        pass

    def show_article_text(self) -> None:
        self.article_view.set_view(ARTICLE)

    def show_original(self) -> None:
        view = self.article_view
        if view.article is None:
            return
        if view.view == ORIGINAL:
            view.set_view(ARTICLE)
            return
        from reader.ingest.decode import decode_text  # only when the original is asked for
        from reader.errors import InputError

        original = self.library.original(view.article.id)
        view.article.original = original
        try:
            view.original_text, _ = decode_text(original.data, original.name)
        except InputError:
            view.original_text = original.data.decode("utf-8", errors="replace")
        view.set_view(ORIGINAL)

    def show_removed(self) -> None:
        view = self.article_view
        view.set_view(ARTICLE if view.view == REMOVED else REMOVED)

    def toggle_quote_highlight(self, on: bool) -> None:
        self.article_view.highlight_action.setChecked(on)

    def toggle_quote_list(self, on: bool) -> None:
        self.article_view.quotes_action.setChecked(on)

    def restore_removed_block(self, index: int) -> None:
        """Put a block the cleaner cut back into the article (remembered across re-cleaning)."""
        article = self.article_view.article
        if article is None or not (0 <= index < len(article.removed)):
            return
        from reader.operations import correct_block

        correct_block(self.library, article.id, article.removed[index].text, "keep")
        self.reload_current()
        self.article_view.set_view(REMOVED)
        self.statusBar().showMessage("Block restored to the article", 5000)

    def mark_block_as_noise(self, cursor=None) -> None:
        """Cut the paragraph under the text cursor from the article (remembered across re-cleaning)."""
        article = self.article_view.article
        index = self.article_view.block_at_cursor(cursor)
        if article is None or index is None:
            self.statusBar().showMessage("Put the cursor in a paragraph of the article first", 5000)
            return
        from reader.operations import correct_block

        value = self.pane.verticalScrollBar().value()
        correct_block(self.library, article.id, article.blocks[index].text, "cut")
        self.reload_current()
        self.pane.verticalScrollBar().setValue(value)
        self.statusBar().showMessage("Paragraph moved to Removed text", 5000)

    def _pane_menu(self, pos) -> None:
        menu = self.pane.createStandardContextMenu(pos)
        cursor = self.pane.cursorForPosition(pos)
        if self.article_view.block_at_cursor(cursor) is not None:
            menu.addSeparator()
            act = menu.addAction("Mark Paragraph as Noise")
            act.triggered.connect(lambda: self.mark_block_as_noise(cursor))
        menu.exec(self.pane.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # ----------------------------------------------------------------- quotes across the library
    def show_quotes_view(self) -> None:
        from reader.ui.quotes_view import QuotesDialog

        if self.quotes_dialog is None:
            self.quotes_dialog = QuotesDialog(self.library, self)
            self.quotes_dialog.quoteChosen.connect(self.open_quote)
        self.quotes_dialog.refresh()
        self.quotes_dialog.show()
        self.quotes_dialog.raise_()
        self.quotes_dialog.activateWindow()
        self.quotes_dialog.filter.setFocus()

    def open_quote(self, article_id: int, block: int, start: int) -> None:
        """Select the article and scroll to one of its quotes."""
        if not self.select_article(article_id):
            return
        article = self.article_view.article
        for n, q in enumerate(article.quotes if article else []):
            if q.block == block and q.start == start:
                self.article_view.show_quote(n)
                break

    def update_counts(self) -> None:
        total, unread = self.library.count(), self.library.unread_count()
        self.counts.setText(f"{total:,} articles · {unread:,} unread")

    # ----------------------------------------------------------------- importing
    def import_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Import articles", str(Path.home()),
            "Articles (*.txt *.text *.md *.markdown *.html *.htm);;All files (*)",
        )
        if paths:
            self.import_paths(paths)

    def import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import a folder of articles", str(Path.home()))
        if folder:
            self.import_paths([folder])

    def import_paths(self, paths: list[str], *, show_first: bool = False) -> None:
        """Import in a worker thread; the window stays usable and shows progress."""
        if self._worker is not None:
            messages.show_error(self, "An import is already running; wait for it or cancel it first.")
            return
        worker = LibraryTask(self.library.path, import_job([str(p) for p in paths]))
        worker.progress.connect(self._import_progress)
        # Bound methods of this window, never lambdas: a lambda has no thread of its own,
        # so PySide would call it directly in the worker's thread.
        self._show_first = show_first
        worker.finished.connect(self._import_finished)
        worker.failed.connect(self._import_failed)
        self._worker = worker
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self._threads.append(start_task(worker, self))

    def refresh_stale_articles(self) -> None:
        """Re-derive articles cleaned by older code, in the background (after start-up)."""
        from reader import ingest, quotes

        if self.library.readonly or self._background is not None:
            return
        if not self.library.stale_ids(ingest.CLEANER_VERSION, quotes.QUOTES_VERSION):
            return
        task = LibraryTask(self.library.path, reclean_stale_job)
        task.finished.connect(self._stale_refreshed)
        task.failed.connect(self._stale_failed)
        self._background = task
        self.statusBar().showMessage("Updating articles cleaned by an older version…")
        self._threads.append(start_task(task, self))

    def _stale_refreshed(self, report) -> None:
        self._background = None
        self.model.invalidate()
        self.reload_current()
        self.statusBar().showMessage(report.summary(), 8000)

    def _stale_failed(self, text: str) -> None:
        self._background = None
        messages.show_error(self, f"Updating older articles stopped: {text}")

    def background_running(self) -> bool:
        return self._background is not None

    def import_running(self) -> bool:
        return self._worker is not None

    def cancel_import(self) -> None:
        for task in (self._worker, self._background):
            if task is not None:
                task.cancel()

    def _import_progress(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if name:
            self.statusBar().showMessage(f"Importing {Path(name).name} ({done + 1} of {total})")

    def _import_done(self) -> None:
        self._worker = None
        self.progress.hide()
        self.cancel_button.hide()
        self._threads = [t for t in self._threads if t.isRunning()]

    def _import_failed(self, text: str) -> None:
        self._import_done()
        messages.show_error(self, f"Import stopped: {text}")

    def _import_finished(self, report: ImportReport) -> None:
        show_first = self._show_first
        self._import_done()
        self.last_report = report
        current = self.current_article_id()
        self.model.reload()
        self.update_counts()
        target = None
        if show_first and (report.imported or report.duplicates):
            target = report.imported[0] if report.imported else report.duplicates[0][1]
        elif current is not None:
            target = current
        if target is None or not self.select_article(target):
            self.select_row(0)
        self.statusBar().showMessage(report.summary(), 10000)
        problems = report.lines()
        if report.failed:
            messages.show_error(self, report.summary() + ":\n" + "\n".join(problems[:30]))
        QTimer.singleShot(0, self.update_counts)
