"""How one article row is painted: title over a quieter line of source, date and tags."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.render.article import format_date

HIT_BACKGROUND = QColor(255, 210, 77, 150)  # search matches; readable under light and dark text


class ArticleRowDelegate(QStyledItemDelegate):
    """Two lines per row, one fixed height, so a 100,000-row list never measures its rows."""

    PAD_X, PAD_Y, GAP = 8, 5, 2

    def __init__(self, parent=None):
        super().__init__(parent)
        self._cache: dict[str, tuple] = {}

    def _styles(self, font: QFont):
        """Fonts and metrics for the list's font, made once: (title, bold title, meta, bold meta)
        each with its QFontMetrics."""
        key = font.key()
        styles = self._cache.get(key)
        if styles is None:
            title, meta = self._fonts_for(font)
            bold, meta_bold = QFont(title), QFont(meta)
            title.setBold(False)
            bold.setBold(True)
            meta_bold.setBold(True)
            styles = tuple((f, QFontMetrics(f)) for f in (title, bold, meta, meta_bold))
            self._cache = {key: styles}
        return styles

    @staticmethod
    def _fonts_for(font: QFont) -> tuple[QFont, QFont]:
        title = QFont(font)
        meta = QFont(font)
        meta.setBold(False)
        meta.setPointSizeF(max(font.pointSizeF() * 0.88, 7.0))
        return title, meta

    def row_height(self, font: QFont, snippets: bool = False) -> int:
        """The one height every row has (the list sets it once, never measuring rows); a
        search adds a line of text around the matches."""
        title, meta = self._fonts_for(font)
        title.setBold(True)
        lines = QFontMetrics(title).height() + QFontMetrics(meta).height() * (2 if snippets else 1)
        return lines + 2 * self.PAD_Y + self.GAP * (2 if snippets else 1)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 - Qt's name
        return QSize(200, self.row_height(option.font))

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        # No initStyleOption: it asks the model for a dozen roles per row, each a trip through
        # Python; the row's data comes from the model in one call instead.
        opt = QStyleOptionViewItem(option)
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, opt.widget)

        model = index.model()
        row_data = model.row_data(index.row())
        if row_data is None:
            return
        title_text = ("★ " if row_data.starred else "") + row_data.title
        unread = not row_data.is_read
        parts = (row_data.source, format_date(row_data.published or row_data.imported_at), ", ".join(row_data.tags))
        meta_text = "  ·  ".join(p for p in parts if p)

        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active if opt.state & QStyle.StateFlag.State_Active else QPalette.ColorGroup.Inactive
        fg = opt.palette.color(group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        quiet = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText

        (plain, pm), (bold, bm), (meta_font, mm), meta_bold = self._styles(opt.font)
        title_font, tm = (bold, bm) if unread else (plain, pm)
        rect = opt.rect.adjusted(self.PAD_X, self.PAD_Y, -self.PAD_X, -self.PAD_Y)
        painter.save()
        painter.setFont(title_font)
        painter.setPen(fg)
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), tm.height()), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         tm.elidedText(title_text, Qt.TextElideMode.ElideRight, rect.width()))
        painter.setFont(meta_font)
        painter.setPen(opt.palette.color(group, quiet))
        top = rect.top() + tm.height() + self.GAP
        painter.drawText(QRect(rect.left(), top, rect.width(), mm.height()), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         mm.elidedText(meta_text, Qt.TextElideMode.ElideRight, rect.width()))
        snippet = model.snippet(index.row())
        if snippet:
            top += mm.height() + self.GAP
            self._paint_snippet(painter, snippet, QRect(rect.left(), top, rect.width(), mm.height()), (meta_font, mm), meta_bold, fg, selected)
        painter.restore()

    def _paint_snippet(self, painter, snippet: str, rect: QRect, normal, hit_style, fg, selected: bool) -> None:
        """Draw text with its \x02…\x03 runs marked, cut with an ellipsis at the right edge."""
        x, right = rect.left(), rect.right()
        runs = []
        for i, part in enumerate(snippet.replace("\x03", "\x02").split("\x02")):
            if part:
                runs.append((part, i % 2 == 1))
        for text, hit in runs:
            f, fm = hit_style if hit else normal
            width = fm.horizontalAdvance(text)
            if x + width > right:
                text = fm.elidedText(text, Qt.TextElideMode.ElideRight, max(right - x, 0))
                width = fm.horizontalAdvance(text)
            painter.setFont(f)
            if hit and not selected:
                painter.fillRect(QRect(x, rect.top(), width, rect.height()), HIT_BACKGROUND)
            painter.setPen(fg)
            painter.drawText(QRect(x, rect.top(), width + 1, rect.height()), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            x += width
            if x >= right:
                break
