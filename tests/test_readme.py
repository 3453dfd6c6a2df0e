"""The README's shortcut table is the one the action table generates."""

from reader.ui.actions import markdown_table
from tests.conftest import ROOT


def test_readme_shortcut_table_is_generated_from_the_action_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("<!-- shortcuts:start")
    start = readme.index("\n", start) + 1
    end = readme.index("<!-- shortcuts:end -->")
    assert readme[start:end].strip() == markdown_table()
