"""Guards against a Qt binding that mishandles None, which crashed the list after long use."""

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel


def test_index_data_without_a_value_keeps_none_alive(qapp):
    model = QStandardItemModel()
    model.appendRow(QStandardItem("x"))
    index = model.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(5000):
        assert index.data(Qt.ItemDataRole.UserRole + 7) is None
    # PySide6 6.12.0 lost one reference to None per call here (-5000), and Python 3.11
    # aborts once None's count reaches zero.
    assert sys.getrefcount(None) - before > -100
