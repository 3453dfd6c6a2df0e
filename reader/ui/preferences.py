"""Reading settings (theme, typography, when an article counts as read) and their dialog."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QFormLayout,
    QSpinBox,
)

from reader.render.article import DEFAULT_TYPOGRAPHY, THEMES

THEME_CHOICES = (("system", "Follow the system"), ("light", "Light"), ("sepia", "Sepia"), ("dark", "Dark"))


@dataclass
class ReadingSettings:
    theme: str = "system"
    font_family: str = ""  # "" = the default serif
    font_size: int = DEFAULT_TYPOGRAPHY["size"]
    line_height: int = DEFAULT_TYPOGRAPHY["line_height"]  # percent
    measure: int = 70  # characters per line at most, centred
    read_delay: int = 2  # seconds an article is open before it counts as read; 0 = never

    @classmethod
    def load(cls, settings: QSettings) -> ReadingSettings:
        out = cls()
        for f in fields(cls):
            value = settings.value(f"reading/{f.name}")
            if value is not None:
                try:
                    setattr(out, f.name, type(getattr(out, f.name))(value))
                except (TypeError, ValueError):
                    pass
        out.font_size = min(max(out.font_size, 7), 40)
        out.line_height = min(max(out.line_height, 100), 250)
        out.measure = min(max(out.measure, 30), 200)
        if out.theme not in dict(THEME_CHOICES):
            out.theme = "system"
        return out

    def save(self, settings: QSettings) -> None:
        for key, value in asdict(self).items():
            settings.setValue(f"reading/{key}", value)

    def effective_theme(self) -> str:
        if self.theme != "system":
            return self.theme
        hints = QGuiApplication.styleHints()
        scheme = hints.colorScheme() if hasattr(hints, "colorScheme") else None
        return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def apply_palette(theme: str) -> None:
    """Window colours to match the reading theme (Fusion draws them the same on every platform)."""
    app = QApplication.instance()
    if app is None:
        return
    colours = THEMES[theme]
    pal = app.style().standardPalette() if theme == "light" else QPalette()
    if theme != "light":
        bg, fg = QColor(colours["bg"]), QColor(colours["fg"])
        window = bg.darker(108) if theme == "sepia" else bg.lighter(115)
        for role, colour in (
            (QPalette.ColorRole.Window, window), (QPalette.ColorRole.WindowText, fg),
            (QPalette.ColorRole.Base, bg), (QPalette.ColorRole.AlternateBase, window),
            (QPalette.ColorRole.Text, fg), (QPalette.ColorRole.Button, window),
            (QPalette.ColorRole.ButtonText, fg), (QPalette.ColorRole.ToolTipBase, window),
            (QPalette.ColorRole.ToolTipText, fg), (QPalette.ColorRole.PlaceholderText, QColor(colours["muted"])),
            (QPalette.ColorRole.Highlight, QColor(colours["link"]).darker(150) if theme == "dark" else QColor("#b5873a")),
            (QPalette.ColorRole.HighlightedText, QColor("#ffffff")),
            (QPalette.ColorRole.Link, QColor(colours["link"])),
        ):
            pal.setColor(role, colour)
    app.setPalette(pal)


class ReadingSettingsDialog(QDialog):
    """Theme, font, size, line width and spacing, and the delay before an article is read."""

    def __init__(self, current: ReadingSettings, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Reading settings")
        self.theme = QComboBox(self)
        for key, label in THEME_CHOICES:
            self.theme.addItem(label, key)
        self.theme.setCurrentIndex([k for k, _ in THEME_CHOICES].index(current.theme))
        self.font = QFontComboBox(self)
        family = current.font_family or QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()
        self.font.setCurrentText(family)
        self.size = QSpinBox(self)
        self.size.setRange(7, 40)
        self.size.setSuffix(" pt")
        self.size.setValue(current.font_size)
        self.line_height = QSpinBox(self)
        self.line_height.setRange(100, 250)
        self.line_height.setSingleStep(5)
        self.line_height.setSuffix(" %")
        self.line_height.setValue(current.line_height)
        self.measure = QSpinBox(self)
        self.measure.setRange(30, 200)
        self.measure.setSuffix(" characters")
        self.measure.setValue(current.measure)
        self.read_delay = QSpinBox(self)
        self.read_delay.setRange(0, 600)
        self.read_delay.setSuffix(" s")
        self.read_delay.setSpecialValueText("never (mark read by hand with m)")
        self.read_delay.setValue(current.read_delay)
        form = QFormLayout(self)
        form.addRow("&Theme:", self.theme)
        form.addRow("&Font:", self.font)
        form.addRow("Text &size:", self.size)
        form.addRow("Line &height:", self.line_height)
        form.addRow("Line &width at most:", self.measure)
        form.addRow("Mark &read after:", self.read_delay)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._font_changed = False
        self.font.currentFontChanged.connect(lambda _f: setattr(self, "_font_changed", True))
        self._original_family = current.font_family

    def value(self) -> ReadingSettings:
        return ReadingSettings(
            theme=self.theme.currentData(),
            font_family=self.font.currentText() if self._font_changed else self._original_family,
            font_size=self.size.value(),
            line_height=self.line_height.value(),
            measure=self.measure.value(),
            read_delay=self.read_delay.value(),
        )
