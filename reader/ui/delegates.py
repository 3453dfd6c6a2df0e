"""How one article row is painted: title over a quieter line of source, date and tags."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.ui.models import ArticleListModel


class ArticleRowDelegate(QStyledItemDelegate):
    """Two lines per row, one fixed height, so a 100,000-row list never measures its rows."""

    PAD_X, PAD_Y, GAP = 8, 5, 2

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        return self._fonts_for(option.font)

    @staticmethod
    def _fonts_for(font: QFont) -> tuple[QFont, QFont]:
        title = QFont(font)
        meta = QFont(font)
        meta.setBold(False)
        meta.setPointSizeF(max(font.pointSizeF() * 0.88, 7.0))
        return title, meta

    def row_height(self, font: QFont) -> int:
        """The one height every row has (the list sets it once, never measuring rows)."""
        title, meta = self._fonts_for(font)
        title.setBold(True)
        return QFontMetrics(title).height() + QFontMetrics(meta).height() + 2 * self.PAD_Y + self.GAP

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 - Qt's name
        return QSize(200, self.row_height(option.font))

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)

        model = index.model()
        row = index.row()
        title_text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        unread = index.data(Qt.ItemDataRole.FontRole) is not None
        parts = [model.index(row, c).data() for c in (ArticleListModel.SOURCE, ArticleListModel.DATE, ArticleListModel.TAGS)]
        meta_text = "  ·  ".join(p for p in parts if p)

        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active if opt.state & QStyle.StateFlag.State_Active else QPalette.ColorGroup.Inactive
        fg = opt.palette.color(group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        quiet = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText

        title_font, meta_font = self._fonts(opt)
        title_font.setBold(unread)
        rect = opt.rect.adjusted(self.PAD_X, self.PAD_Y, -self.PAD_X, -self.PAD_Y)
        tm, mm = QFontMetrics(title_font), QFontMetrics(meta_font)
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
        painter.restore()
