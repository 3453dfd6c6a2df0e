"""The main window: article list beside the reading pane, menus and shortcuts from the action table."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QSettings, Qt, QThread, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence, QPalette, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.library import Library
from reader.model import articles
from reader.ui import messages
from reader.ui.actions import (
    ACTIONS,
    LIST,
    PANE,
    READING,
    SEARCH,
    SIDEBAR,
    WINDOW,
    ActionSpec,
    ShortcutConflict,
    check_conflicts,
)
from reader.ui.preferences import ReadingSettings, ReadingSettingsDialog, apply_palette
from reader.ui.delegates import ArticleRowDelegate
from reader.ui.models import ArticleListModel
from reader.ui.article_view import ARTICLE, ORIGINAL, REMOVED, ArticleView
from reader.ui.search import QUERY_HELP, SearchController
from reader.ui.sidebar import Sidebar
from reader.ui.undo import TagCommand
from reader.ui.watch import LibraryWatcher
from reader.ui.worker import (
    LibraryTask,
    bytes_job,
    export_json_job,
    export_md_job,
    import_job,
    reclean_stale_job,
    start_task,
    url_job,
)

if TYPE_CHECKING:
    from reader.operations.importing import ImportReport


class FocusFrames(QObject):
    """Draws a plain frame round each watched pane, two pixels in the highlight colour while it
    has keyboard focus (no style sheets: they would override the reading theme's colours)."""

    def watch(self, widget) -> None:
        widget.setFrameStyle(QFrame.Shape.Box | QFrame.Shadow.Plain)
        self._paint(widget, False)
        widget.installEventFilter(self)

    def _paint(self, widget, focused: bool) -> None:
        pal = widget.palette()
        role = QPalette.ColorRole.Highlight if focused else QPalette.ColorRole.Mid
        pal.setColor(QPalette.ColorRole.WindowText, QApplication.palette().color(role))
        widget.setPalette(pal)
        widget.setLineWidth(2 if focused else 1)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self._paint(obj, event.type() == QEvent.Type.FocusIn)
        return False


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
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAccessibleName("Articles")
        self.setAccessibleDescription("Articles in the library, newest first")

    def moveCursor(self, action, modifiers):  # noqa: N802 - Qt's name
        # In a table Home/End move along the row; in an article list they mean first/last article.
        rows = self.model().rowCount() if self.model() else 0
        if rows and action == QAbstractItemView.CursorAction.MoveEnd:
            return self.model().index(rows - 1, 0)
        if rows and action == QAbstractItemView.CursorAction.MoveHome:
            return self.model().index(0, 0)
        return super().moveCursor(action, modifiers)


class MainWindow(QMainWindow):
    """Reader's window over one open library."""

    def __init__(self, library: Library, settings: QSettings | None = None, parent: QWidget | None = None,
                 *, rederive_stale: bool = True):
        super().__init__(parent)
        self._rederive_stale = rederive_stale
        self.ready = False  # the work deferred past the first paint is done
        self.library = library
        self.settings = settings or QSettings()
        self._threads: list[QThread] = []
        self._worker: LibraryTask | None = None  # the running import, if any
        self._background: LibraryTask | None = None  # re-deriving stale articles, if any
        self.last_report: ImportReport | None = None
        self._closed = False
        self._pending_files: list[str] = []  # handed over by another launch during an import
        self.setWindowTitle(f"Reader — {library.path.name}")
        self.setAcceptDrops(True)

        self.list = ArticleList(self)
        self.model = ArticleListModel(library, self)
        self.list.setModel(self.model)
        # One column painted as two lines (title; source · date · tags) reads better in a
        # narrow pane than four squeezed columns; the model keeps the columns for
        # accessibility and exports.
        delegate = ArticleRowDelegate(self.list)
        self._row_delegate = delegate
        self.list.setItemDelegateForColumn(ArticleListModel.TITLE, delegate)
        for col in (ArticleListModel.SOURCE, ArticleListModel.DATE, ArticleListModel.TAGS):
            self.list.setColumnHidden(col, True)
        self.list.verticalHeader().setMinimumSectionSize(1)
        self.list.verticalHeader().setDefaultSectionSize(delegate.row_height(self.list.font()))
        self.article_view = ArticleView(self)
        self.pane = self.article_view.pane
        self.pane.resource_loader = library.resource
        self.pane.resource_names = library.resource_names
        self.article_view.restoreRequested.connect(self.restore_removed_block)
        self.pane.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.pane.customContextMenuRequested.connect(self._pane_menu)
        self.quotes_dialog = None
        self.article_view.pane.matchesChanged.connect(self._matches_changed)

        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText("Search  (/)   e.g. climate tag:science -opinion")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName("Search")
        self.search_box.setAccessibleDescription("Search as you type; see Search Language in the Search menu")
        self.search_help = QToolButton(self)
        self.search_help.setText("?")
        self.search_help.setToolTip("How to write searches")
        self.search_help.setAccessibleName("Search language help")
        self.search_help.clicked.connect(self.show_search_help)
        self.result_label = QLabel(self)
        self.result_label.setAccessibleName("Number of articles shown")
        list_panel = QWidget(self)
        lay = QVBoxLayout(list_panel)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        row = QHBoxLayout()
        row.addWidget(self.search_box)
        row.addWidget(self.search_help)
        lay.addLayout(row)
        lay.addWidget(self.list)
        lay.addWidget(self.result_label)
        self.sidebar = Sidebar(library, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(list_panel)
        self.splitter.addWidget(self.article_view)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 5)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        # Focus is always visible: the focused pane gets a thicker border in the highlight colour.
        self._focus_frames = FocusFrames(self)
        for w in (self.sidebar, self.list, self.pane, self.article_view.quotes):
            self._focus_frames.watch(w)
        self.setTabOrder(self.sidebar, self.search_box)
        self.setTabOrder(self.search_box, self.list)
        self.setTabOrder(self.list, self.pane)
        self.setTabOrder(self.pane, self.article_view.quotes)
        self.undo_stack = QUndoStack(self)
        self._defer_article = False
        self._article_timer = QTimer(self)
        self._article_timer.setSingleShot(True)
        self._article_timer.setInterval(0)
        self._article_timer.timeout.connect(self._show_current)

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
        self.reading = ReadingSettings.load(self.settings)
        self._install_actions(ACTIONS)
        self.search = SearchController(self)
        self.search_box.textChanged.connect(self.search.set_text)
        self.search_box.returnPressed.connect(self._search_entered)
        self.sidebar.filterChanged.connect(self.search.set_filter)
        self._read_timer = QTimer(self)
        self._read_timer.setSingleShot(True)
        self._read_timer.timeout.connect(self._mark_current_read)
        self._shown_id: int | None = None  # the article whose reading position is tracked
        self._pending_position: tuple[int, float] | None = None
        self.pane.verticalScrollBar().rangeChanged.connect(self._scroll_to_fraction)
        self.list.selectionModel().currentRowChanged.connect(self._current_changed)
        self.list.activated.connect(lambda _index: self.focus_pane())
        self.apply_reading_settings()
        self._restore_state()
        self.result_label.setText(articles(self.model.rowCount()))
        self._restore_session()
        # Work that can wait until the window is up: live counts of saved searches, and
        # re-deriving articles that an older version of Reader cleaned.
        # Another process (the CLI, a second window, a restore) may write to the library.
        self.watcher = LibraryWatcher(library, parent=self)
        self.watcher.changed.connect(self.library_changed_elsewhere)
        self._start_timer = QTimer(self)
        self._start_timer.setSingleShot(True)
        self._start_timer.timeout.connect(self._after_start)
        self._start_timer.start(150)

    def library_changed_elsewhere(self) -> None:
        """Show what another process wrote: new or removed articles, tags, flags, counts."""
        if self._closed or self.import_running():
            return  # an import's own end reloads
        keep = self.current_article_id()
        self.search.run() if self.search.query else self.model.reload()
        if keep is None or not self.select_article(keep):
            self.select_row(0)
        self.refresh_sidebar()
        self.update_counts()
        self.reload_current()

    def _after_start(self) -> None:
        if self._closed:
            return
        self.sidebar.fill()
        self.update_counts()
        self._count_saved_searches()
        if self._rederive_stale:
            self.refresh_stale_articles()
        self.ready = True

    # ----------------------------------------------------------------- set-up
    def shortcut_overrides(self) -> dict[str, tuple[str, ...]]:
        """Keys the user chose in the Shortcuts dialog, by action name."""
        out = {}
        for spec in ACTIONS:
            value = self.settings.value(f"shortcuts/{spec.name}")
            if value is not None:
                out[spec.name] = tuple(k for k in str(value).split(";") if k)
        return out

    def keys_of(self, spec: ActionSpec) -> tuple[str, ...]:
        return self._overrides.get(spec.name, spec.keys)

    def _install_actions(self, specs: tuple[ActionSpec, ...]) -> None:
        check_conflicts(specs)  # the shipped table: a clash is our bug, found at start-up
        self._overrides = self.shortcut_overrides()
        try:
            check_conflicts(specs, self.keys_of)
        except ShortcutConflict as e:
            messages.log.warning("ignoring your shortcut settings: %s", e)
            self._overrides = {}
            text = f"Two of your keyboard shortcuts clash ({e}); the default keys are used until you change them."
            QTimer.singleShot(0, lambda: messages.show_error(self, text))
        menus: dict[str, object] = {}
        targets = {WINDOW: (self,), LIST: (self.list,), PANE: (self.pane,), READING: (self.list, self.pane),
                   SEARCH: (self.search_box,), SIDEBAR: (self.sidebar,)}
        for spec in specs:
            action = QAction(spec.text, self)
            action.setObjectName(spec.name)
            action.setShortcuts(self._sequences(spec))
            action.setToolTip(spec.help)
            action.setStatusTip(spec.help)
            action.setShortcutContext(
                Qt.ShortcutContext.WindowShortcut if spec.context == WINDOW else Qt.ShortcutContext.WidgetShortcut
            )
            if spec.checkable:
                action.setCheckable(True)
                action.setChecked(spec.checked)
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

    def _sequences(self, spec: ActionSpec) -> list[QKeySequence]:
        """The action's keys, plus its platform's standard keys when the user kept the defaults
        (some standard keys are empty on some platforms, so never the only ones)."""
        keys = [QKeySequence(k) for k in self.keys_of(spec)]
        if spec.standard and spec.name not in self._overrides:
            for seq in QKeySequence.keyBindings(getattr(QKeySequence.StandardKey, spec.standard)):
                if not seq.isEmpty() and seq not in keys and not self._standard_clashes(seq, spec):
                    keys.append(seq)
        return keys

    def _standard_clashes(self, seq: QKeySequence, spec: ActionSpec) -> bool:
        text = seq.toString().replace(" ", "").lower()
        return any(other.name != spec.name and text in {k.replace(" ", "").lower() for k in self.keys_of(other)}
                   for other in ACTIONS)

    def rebind(self, name: str, keys: tuple[str, ...] | None) -> None:
        """Give an action new keys (None: back to the defaults); saved in the settings."""
        if keys is None:
            self.settings.remove(f"shortcuts/{name}")
        else:
            self.settings.setValue(f"shortcuts/{name}", ";".join(keys))
        self._overrides = self.shortcut_overrides()
        for spec in ACTIONS:
            self.actions_by_name[spec.name].setShortcuts(self._sequences(spec))

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
            self.splitter.setSizes([180, 400, 620])

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self._closed = True
        for timer in (self._start_timer, self._read_timer, self._article_timer):
            timer.stop()
        self.watcher.stop()
        if getattr(self, "instance_server", None) is not None:
            self.instance_server.close()
        self.cancel_import()
        self._remember_position()
        self.save_session()
        self.search.shutdown()
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
        if self._defer_article:
            self._article_timer.start()
            return
        self._show_current()

    def _show_current(self) -> None:
        current = self.list.currentIndex()
        article = None
        if current.isValid():
            try:
                article = self.library.get(self.model.article_id(current.row()))
            except KeyError:
                article = None
        if article is not None and article.id == self._shown_id and self.article_view.article is not None:
            return  # already on screen (a search re-selected it): keep its place
        self._remember_position()
        self.article_view.show_article(article)
        self._shown_id = article.id if article is not None else None
        self._read_timer.stop()
        if article is not None:
            self._restore_position(article.id)
            if not article.is_read and self.reading.read_delay > 0:
                self._read_timer.start(self.reading.read_delay * 1000)

    def reload_current(self) -> None:
        """Show the current article again after it changed in the library."""
        article_id = self.current_article_id()
        if article_id is not None:
            value = self.pane.verticalScrollBar().value()
            try:
                article = self.library.get(article_id)
            except KeyError:  # deleted meanwhile (by a restore, another process)
                article = None
            self.article_view.show_article(article)
            self.pane.verticalScrollBar().setValue(value)


    # ----------------------------------------------------------------- reading comfort
    def apply_reading_settings(self) -> None:
        r = self.reading
        theme = r.effective_theme()
        apply_palette(theme)
        self.pane.set_style(theme, r.font_family, r.font_size, r.line_height, r.measure)
        self.list.viewport().update()

    def edit_reading_settings(self) -> None:
        dialog = ReadingSettingsDialog(self.reading, self)
        self.settings_dialog = dialog
        dialog.accepted.connect(lambda: self._set_reading(dialog.value()))
        dialog.open()

    def _set_reading(self, value: ReadingSettings) -> None:
        self.reading = value
        value.save(self.settings)
        self.apply_reading_settings()

    def text_bigger(self) -> None:
        self._set_reading(replace(self.reading, font_size=min(self.reading.font_size + 1, 40)))

    def text_smaller(self) -> None:
        self._set_reading(replace(self.reading, font_size=max(self.reading.font_size - 1, 7)))

    def text_reset(self) -> None:
        self._set_reading(replace(self.reading, font_size=ReadingSettings().font_size))

    def toggle_full_screen(self, on: bool) -> None:
        self.showFullScreen() if on else self.showNormal()

    def toggle_unread_only(self, on: bool) -> None:
        self.search.set_unread_only(on)

    # ----------------------------------------------------------------- moving through articles
    def first_article(self) -> None:
        self.select_row(0)

    def last_article(self) -> None:
        self.select_row(self.model.rowCount() - 1)

    def page_down(self) -> None:
        """Scroll the article a page; at its end go to the next unread article."""
        bar = self.pane.verticalScrollBar()
        if bar.value() >= bar.maximum():
            self.next_unread()
        else:
            bar.setValue(bar.value() + max(bar.pageStep() - 40, 40))

    def page_up(self) -> None:
        bar = self.pane.verticalScrollBar()
        bar.setValue(bar.value() - max(bar.pageStep() - 40, 40))

    def next_unread(self) -> bool:
        row = self.list.currentIndex().row()
        for r in range(row + 1, min(self.model.rowCount(), row + 5000)):
            data = self.model.row_data(r)
            if data is not None and not data.is_read:
                self.select_row(r)
                return True
        self.statusBar().showMessage("No more unread articles below this one", 5000)
        return False

    def open_original_url(self) -> None:
        article = self.article_view.article
        url = QUrl(article.url) if article and article.url else None
        if url is None or url.scheme() not in ("http", "https"):
            self.statusBar().showMessage("This article has no web address", 5000)
            return
        QDesktopServices.openUrl(url)

    # ----------------------------------------------------------------- read and starred
    def toggle_star(self) -> None:
        ids = self.selected_article_ids()
        rows = self.library.rows(ids)
        star = not all(rows[i].starred for i in ids if i in rows)
        self.library.set_starred(ids, star)
        self._flags_changed()
        self.statusBar().showMessage(f"{'Starred' if star else 'Unstarred'} {len(ids)} article{'s' if len(ids) != 1 else ''}", 4000)

    def toggle_read(self) -> None:
        ids = self.selected_article_ids()
        rows = self.library.rows(ids)
        read = not all(rows[i].is_read for i in ids if i in rows)
        self._read_timer.stop()  # a choice made by hand is not undone by the timer
        self.library.set_read(ids, read)
        self._flags_changed()
        self.statusBar().showMessage(f"Marked {len(ids)} article{'s' if len(ids) != 1 else ''} {'read' if read else 'unread'}", 4000)

    def _mark_current_read(self) -> None:
        article_id = self.current_article_id()
        if article_id is not None and article_id == self._shown_id:
            row = self.library.rows([article_id]).get(article_id)
            if row is not None and not row.is_read:
                self.library.set_read([article_id])
                self._flags_changed()

    def _flags_changed(self) -> None:
        self.model.invalidate()
        self.update_counts()
        self.sidebar.refresh()

    # ----------------------------------------------------------------- reading position
    def _remember_position(self) -> None:
        if self._shown_id is None or self.article_view.view != ARTICLE:
            return
        if self._pending_position and self._pending_position[0] == self._shown_id:
            return  # its saved place has not been restored yet: nothing new to remember
        bar = self.pane.verticalScrollBar()
        fraction = bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0
        try:
            self.library.set_read_position(self._shown_id, fraction)
        except Exception as e:  # a read-only library cannot remember; reading goes on
            messages.log.warning("cannot save the reading position: %s", e)

    def _restore_position(self, article_id: int) -> None:
        fraction = self.library.read_position(article_id)
        self._pending_position = (article_id, fraction) if fraction > 0 else None
        if fraction > 0:
            # The page's height settles only after layout (and after the window takes its
            # size at start-up): apply now and again whenever the range changes, briefly.
            self._scroll_to_fraction()
            QTimer.singleShot(1500, lambda: setattr(self, "_pending_position", None))

    def _scroll_to_fraction(self, *_range) -> None:
        pending = getattr(self, "_pending_position", None)
        if pending and self._shown_id == pending[0]:
            bar = self.pane.verticalScrollBar()
            bar.setValue(round(pending[1] * bar.maximum()))

    # ----------------------------------------------------------------- copy, export, print
    def copy_markdown(self) -> None:
        from reader.render.article import render_markdown

        article = self.article_view.article
        if article is not None:
            QApplication.clipboard().setText(render_markdown(article))
            self.statusBar().showMessage("Article copied as Markdown", 4000)

    def _article_document(self, article):
        from PySide6.QtGui import QTextDocument

        from reader.render import render_article, stylesheet

        doc = QTextDocument()
        doc.setDefaultStyleSheet(stylesheet("light", self.reading.font_family, self.reading.font_size, self.reading.line_height))
        doc.setHtml(render_article(article, highlight_quotes=self.article_view.highlight_action.isChecked()))
        return doc

    def export_article(self) -> None:
        article = self.article_view.article
        if article is None:
            return
        from reader.operations.export import slug

        path, chosen = QFileDialog.getSaveFileName(
            self, "Export article", str(Path.home() / f"{slug(article.title)}.md"),
            "Markdown (*.md);;HTML (*.html);;PDF (*.pdf)")
        if path:
            self.export_article_to(article, Path(path), chosen)

    def export_article_to(self, article, path: Path, chosen: str = "") -> None:
        from reader.operations.export import export_text

        suffix = path.suffix.lower() or {"HTML": ".html", "PDF": ".pdf"}.get(chosen.split(" ")[0], ".md")
        if not path.suffix:
            path = path.with_suffix(suffix)
        try:
            if suffix == ".pdf":
                from PySide6.QtGui import QPageSize, QPdfWriter

                writer = QPdfWriter(str(path))
                writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
                writer.setTitle(article.title)
                self._article_document(article).print_(writer)
                del writer  # finishes the file
            else:
                path.write_text(export_text(article, "html" if suffix in (".html", ".htm") else "md"), encoding="utf-8")
        except OSError as e:
            messages.show_error(self, f"{path}: cannot be written ({e.strerror or e})")
            return
        self.statusBar().showMessage(f"Saved {path}", 6000)

    def print_article(self) -> None:
        article = self.article_view.article
        if article is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._article_document(article).print_(printer)

    def export_selection(self) -> None:
        self._export_many(self.selected_article_ids(), "the selected articles")

    def export_library(self) -> None:
        self._export_many(self.library.article_ids(), "the whole library")

    def _export_many(self, ids: list[int], what: str) -> None:
        if not ids:
            return
        json_choice = "One JSON file: everything, originals included (Reader can import it again)"
        choice, ok = QInputDialog.getItem(self, "Export", f"Export {what} ({articles(len(ids))}) as:",
                                          [json_choice, "A folder of Markdown files with front matter"], 0, False)
        if not ok:
            return
        if choice == json_choice:
            path, _ = QFileDialog.getSaveFileName(self, "Export as JSON", str(Path.home() / "reader-library.json"), "JSON (*.json)")
            if path:
                self.start_task(export_json_job(ids, Path(path)), f"Exported {articles(len(ids))} to {path}")
        else:
            folder = QFileDialog.getExistingDirectory(self, "Export as Markdown files into", str(Path.home()))
            if folder:
                self.start_task(export_md_job(ids, Path(folder)), f"Exported {articles(len(ids))} to {folder}")

    def start_task(self, job, done_message: str) -> None:
        """A background job that is not an import: progress in the status bar, a message at the end."""
        task = LibraryTask(self.library.path, job)
        task.finished.connect(lambda _result, m=done_message: self.statusBar().showMessage(m, 8000))
        task.failed.connect(lambda text: messages.show_error(self, text))
        self._tasks = getattr(self, "_tasks", []) + [task]
        self._threads.append(start_task(task, self))

    # ----------------------------------------------------------------- help and shortcuts
    def show_help(self) -> None:
        from reader.ui.help import HelpOverlay

        self.help_overlay = HelpOverlay(self)
        self.help_overlay.open()

    def edit_shortcuts(self) -> None:
        from reader.ui.help import ShortcutsDialog

        self.shortcuts_dialog = ShortcutsDialog(self)
        self.shortcuts_dialog.open()

    # ----------------------------------------------------------------- session
    def _restore_session(self) -> None:
        s = self.settings
        self.actions_by_name["toggle_highlight"].setChecked(s.value("session/highlight_quotes", "true") != "false")
        self.actions_by_name["toggle_quote_list"].setChecked(s.value("session/quote_list", "true") != "false")
        if s.value("session/order") == "date":
            self.actions_by_name["sort_by_date"].setChecked(True)
        if s.value("session/unread_only") == "true":
            self.actions_by_name["unread_only"].setChecked(True)
        query = s.value("session/query") or ""
        if query:
            self.search_box.setText(query)
            self.search.run()
        last = s.value("session/article")
        if not (last is not None and str(last).isdigit() and self.select_article(int(last))) and self.model.rowCount():
            self.select_row(0)

    def save_session(self) -> None:
        s = self.settings
        s.setValue("session/query", self.search_box.text())
        s.setValue("session/order", self.search.order)
        s.setValue("session/unread_only", "true" if self.search.unread_only else "false")
        s.setValue("session/highlight_quotes", "true" if self.actions_by_name["toggle_highlight"].isChecked() else "false")
        s.setValue("session/quote_list", "true" if self.actions_by_name["toggle_quote_list"].isChecked() else "false")
        article = self.current_article_id()
        if article is not None:
            s.setValue("session/article", article)

    # ----------------------------------------------------------------- search
    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def clear_search(self) -> None:
        self.search_box.clear()
        self.search.run()
        self.focus_list()

    def _search_entered(self) -> None:
        self.search.run()
        self.focus_list()

    def toggle_sort_by_date(self, on: bool) -> None:
        self.search.set_order("date" if on else "rank")

    def after_search(self, keep: int | None, query: str, shown: int, complete: bool) -> None:
        """Called by the search controller whenever the list changed its contents."""
        self.list.verticalHeader().setDefaultSectionSize(
            self._row_delegate.row_height(self.list.font(), snippets=self.model.with_snippets))
        row = self.model.row_of(keep) if keep is not None else -1
        # The list paints first; the article follows on the next turn of the event loop.
        self._defer_article = True
        self.select_row(row if row >= 0 else 0)
        self._defer_article = False
        if not self.model.rowCount():
            self.article_view.show_article(None)
        self.pane.set_terms(self.search.terms)
        if not query:
            self.result_label.setText(articles(shown))
        elif complete:
            self.result_label.setText(f"{shown:,} matching article{'s' if shown != 1 else ''}")
        else:
            self.result_label.setText(f"{shown:,}+ matching articles, counting…")

    def next_match(self) -> None:
        self.pane.go_to_match(1)

    def previous_match(self) -> None:
        self.pane.go_to_match(-1)

    def _matches_changed(self, current: int, total: int) -> None:
        if total:
            where = f"{current} of {total}" if current else f"{total}"
            self.statusBar().showMessage(f"Matches in this article: {where}  (F3 / Shift+F3)")
        elif self.search.query:
            self.statusBar().clearMessage()

    def show_search_help(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "Search language", QUERY_HELP, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("searchHelp")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.open()

    def save_search(self) -> None:
        query = self.search.query
        if not query:
            self.statusBar().showMessage("Type a search first, then save it", 5000)
            return
        name, ok = QInputDialog.getText(self, "Save search", f"Name for “{query}”:", text=self.search.text or query)
        if ok and name.strip():
            self.library.save_search(name, query)
            self.refresh_sidebar()

    def refresh_sidebar(self) -> None:
        self.sidebar.refresh()
        self._count_saved_searches()

    def _count_saved_searches(self) -> None:
        queries = [q for _i, _n, q in self.library.saved_searches()]
        if not queries:
            return

        def job(library, progress, cancelled):
            return {q: library.search_count(q) for q in queries}

        task = LibraryTask(self.library.path, job)
        task.finished.connect(self._saved_counts_ready)
        self._threads.append(start_task(task, self))
        self._count_task = task

    def _saved_counts_ready(self, counts: dict) -> None:
        self.sidebar.refresh(counts)

    # ----------------------------------------------------------------- tags
    def selected_article_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.list.selectionModel().selectedRows()})
        ids = [self.model.article_id(r) for r in rows]
        if not ids and self.current_article_id() is not None:
            ids = [self.current_article_id()]
        return ids

    def change_tags(self, ids: list[int], add: list[str], remove: list[str]) -> None:
        """Add and remove tags on articles, as one undoable step."""
        def change(library):
            library.tag(ids, add=add, remove=remove)

        what = ", ".join([f"+{t}" for t in add] + [f"−{t}" for t in remove])
        self.undo_stack.push(TagCommand(self.library, f"Tags {what}", add + remove, change, self._tags_changed))

    def _tags_changed(self) -> None:
        self.model.invalidate()
        self.refresh_sidebar()
        self.reload_current()

    def edit_tags(self) -> None:
        from reader.ui.tag_editor import TagEditor

        ids = self.selected_article_ids()
        if not ids:
            return
        editor = TagEditor(self.library, ids, self)
        editor.changed.connect(lambda add, remove: self.change_tags(ids, list(add), list(remove)))
        self.tag_editor = editor
        editor.open()

    def rename_sidebar_item(self) -> None:
        kind, name, search_id = self.sidebar.current_item()
        if kind == "saved":
            new, ok = QInputDialog.getText(self, "Rename saved search", "New name:", text=name)
            if ok and new.strip():
                self.library.rename_saved_search(search_id, new)
                self.refresh_sidebar()
            return
        if kind != "tag":
            return
        new, ok = QInputDialog.getText(self, "Rename tag", f"New name for “{name}” (its sub-tags follow):", text=name)
        if ok and new.strip():
            self.rename_tag(name, new.strip())

    def rename_tag(self, old: str, new: str, confirm: bool = True) -> bool:
        """Rename a tag and its sub-tags; onto an existing tag they merge, after a confirmation."""
        plan = self.library.rename_plan(old, new)
        merges = [(a, b) for a, b, exists in plan if exists]
        if merges and confirm:
            moving = len({i for a, _b in merges for i in self.library.tag_ids(a)})
            answer = QMessageBox.question(
                self, "Merge tags",
                f"“{new}” already exists. Merge “{old}” into it? {moving} article{'s' if moving != 1 else ''} "
                f"will carry “{new}” instead of “{old}”. (Ctrl+Z undoes this.)")
            if answer != QMessageBox.StandardButton.Yes:
                return False
        touched = [a for a, _b, _e in plan] + [b for _a, b, _e in plan]
        self.undo_stack.push(TagCommand(self.library, f"Rename tag {old} → {new}", touched,
                                        lambda library: library.rename_tag(old, new), self._tags_changed))
        return True

    def delete_sidebar_item(self) -> None:
        kind, name, search_id = self.sidebar.current_item()
        if kind == "saved":
            self.library.delete_saved_search(search_id)
            self.refresh_sidebar()
        elif kind == "tag":
            self.delete_tag(name)

    def delete_tag(self, name: str) -> None:
        touched = [a for a, _b, _e in self.library.rename_plan(name, name)]
        self.undo_stack.push(TagCommand(self.library, f"Delete tag {name}", touched,
                                        lambda library: library.delete_tag(name), self._tags_changed))
        self.statusBar().showMessage(f"Tag “{name}” deleted (Ctrl+Z to undo)", 8000)

    def undo(self) -> None:
        self.undo_stack.undo()

    def redo(self) -> None:
        self.undo_stack.redo()

    def focus_sidebar(self) -> None:
        self.sidebar.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # ----------------------------------------------------------------- article views
    def show_original(self) -> None:
        view = self.article_view
        if view.article is None:
            return
        if view.view == ORIGINAL:
            view.set_view(ARTICLE)
            return
        from reader.ingest import original_text  # only when the original is asked for

        original = self.library.original(view.article.id)
        view.article.original = original
        view.original_text = original_text(original.data, original.name)
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
        self.counts.setText(f"{articles(total)} · {unread:,} unread")

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

    def listen_for_other_launches(self) -> None:
        """Take files from later launches on this library instead of letting them open a window."""
        from reader.ui.single_instance import InstanceServer

        self.instance_server = InstanceServer(self.library.path, self)
        self.instance_server.filesReceived.connect(self._files_from_other_launch)

    def _files_from_other_launch(self, files: list) -> None:
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()
        if files:
            if self._worker is None:
                self.import_paths(files, show_first=True)
            else:
                self._pending_files.extend(files)

    def import_paths(self, paths: list[str], *, show_first: bool = False) -> None:
        """Import files and folders in a worker thread; the window stays usable."""
        self.start_import(import_job([str(p) for p in paths]), show_first=show_first)

    def import_data(self, data: bytes, name: str, *, url: str = "") -> None:
        """Import pasted or dropped text or HTML."""
        self.start_import(bytes_job(data, name, url), show_first=True)

    def import_url(self) -> None:
        url, ok = QInputDialog.getText(self, "Import from URL", "Web address of the article:")
        if ok and url.strip():
            self.start_import(url_job(url.strip()), show_first=True)

    def paste(self) -> None:
        """Ctrl+V in the list: import the clipboard's page, text or files."""
        mime = QApplication.clipboard().mimeData()
        if mime is None or not self.import_mime(mime, "clipboard"):
            self.statusBar().showMessage("Nothing to import on the clipboard: copy an article's text or page first", 6000)

    def import_mime(self, mime, origin: str) -> bool:
        """Files, web addresses, HTML or text from a drop or the clipboard; False if none."""
        if mime.hasUrls():
            files = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
            webs = [u.toString() for u in mime.urls() if u.scheme() in ("http", "https")]
            if files:
                self.import_paths(files, show_first=True)
                return True
            if webs and not mime.hasText() and not mime.hasHtml():
                self.start_import(url_job(webs[0]), show_first=True)
                return True
        if mime.hasHtml() and mime.html().strip():
            self.import_data(mime.html().encode("utf-8"), f"{origin} (page)")
            return True
        if mime.hasText() and mime.text().strip():
            self.import_data(mime.text().encode("utf-8"), f"{origin} (text)")
            return True
        return False

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        mime = event.mimeData()
        if mime.hasUrls() or mime.hasText() or mime.hasHtml():
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.import_mime(event.mimeData(), "dropped"):
            event.acceptProposedAction()

    def start_import(self, job, *, show_first: bool = False) -> None:
        if self._worker is not None:
            messages.show_error(self, "An import is already running; wait for it or cancel it first.")
            return
        worker = LibraryTask(self.library.path, job)
        worker.progress.connect(self._import_progress)
        # Bound methods of this window, never lambdas: a lambda has no thread of its own,
        # so PySide would call it directly in the worker's thread.
        self._show_first = show_first
        worker.finished.connect(self._import_finished)
        worker.failed.connect(self._import_failed)
        self._worker = worker
        self._import_started = time.monotonic()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.statusBar().showMessage("Importing…")
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

    def import_running(self) -> bool:
        return self._worker is not None

    def cancel_import(self) -> None:
        for task in (self._worker, self._background):
            if task is not None:
                task.cancel()

    def _import_progress(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{done:,} of {total:,}")
        if name:
            elapsed = time.monotonic() - self._import_started
            rate = done / elapsed if elapsed > 0.5 and done else 0.0
            text = f"Importing {Path(name).name} — {done + 1:,} of {total:,}"
            if rate:
                left = (total - done) / rate
                text += f" · {rate:,.0f} per second · about {_duration(left)} left"
            self.statusBar().showMessage(text)

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
        self.search.run() if self.search.query else self.model.reload()
        self.refresh_sidebar()
        self.update_counts()
        target = None
        if show_first and (report.imported or report.duplicates):
            target = report.imported[0] if report.imported else report.duplicates[0][1]
        elif current is not None:
            target = current
        if target is None or not self.select_article(target):
            self.select_row(0)
        self.statusBar().showMessage(report.summary(), 10000)
        if report.failed or len(report.imported) + len(report.duplicates) > 1 or report.cancelled:
            from reader.ui.import_report import ImportReportDialog

            dialog = ImportReportDialog(report, self)
            dialog.showRequested.connect(self.show_imported)
            self.report_dialog = dialog
            dialog.open()
        QTimer.singleShot(0, self.update_counts)
        if self._pending_files:
            files, self._pending_files = self._pending_files, []
            self.import_paths(files, show_first=True)

    def show_imported(self, ids: list) -> None:
        """Filter the list to the articles an import just added."""
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        self.sidebar.clearSelection()
        self.search.text = ""
        self.search.filter = ""
        self.model.set_ids(list(ids), "")
        self.select_row(0)
        self.result_label.setText(f"{articles(len(ids))} just imported (Esc in the search box or a view shows all)")


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{max(1, round(seconds))} s"
    if seconds < 5400:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h"
