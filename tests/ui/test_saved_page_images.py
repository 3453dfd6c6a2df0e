"""A page saved from a browser with its "_files" folder: its pictures are kept in the library and
shown above their captions; nothing outside the page's folder or on the web is ever read."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument

from reader.operations import import_paths
from reader.operations.exchange import export_json, import_json
from tests.ui.conftest import open_window


def png_bytes(colour: str, size: int = 40) -> bytes:
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return bytes(data.data())


PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Ferry Terminal Rebuilt | Example Gazette</title>
<meta property="og:title" content="Ferry Terminal Rebuilt"><meta property="og:site_name" content="Example Gazette"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Ferry Terminal Rebuilt</h1>
<p>The rebuilt ferry terminal opened on Saturday, two years after a storm flooded the old hall and its ticket office.</p>
<figure><img src="Ferry_files/terminal%20hall.png" alt="The new hall"><figcaption>The new hall on opening day. <span class="credit">Photo: Ana Ruiz / Example Gazette</span></figcaption></figure>
<p>Passengers waited under a glass roof instead of the old tents, and the first crossing left on time at seven.</p>
<figure><img src="https://tracker.example/pixel.png" alt="remote"><figcaption>A picture the page only linked to. <span class="credit">Photo: Web</span></figcaption></figure>
<figure><img src="../outside.png" alt="outside"><figcaption>A picture outside the page's folder. <span class="credit">Photo: Nobody</span></figcaption></figure>
<p>The harbour board said the terminal would stay open through the winter for the first time in its history.</p>
</article><footer>Subscribe to our newsletter</footer></body></html>"""


def test_saved_page_images_are_stored_and_shown(qtbot, library, settings, tmp_path):
    folder = tmp_path / "saved"
    (folder / "Ferry_files").mkdir(parents=True)
    (folder / "Ferry.html").write_text(PAGE, encoding="utf-8")
    hall = png_bytes("#3366cc")
    (folder / "Ferry_files" / "terminal hall.png").write_bytes(hall)
    (tmp_path / "outside.png").write_bytes(png_bytes("#cc0000"))
    report = import_paths(library, [folder])
    assert len(report.imported) == 1 and not report.failed  # the _files folder is not an article
    article_id = report.imported[0]
    assert library.resources(article_id) == {"Ferry_files/terminal%20hall.png": hall}

    w = open_window(qtbot, library, settings, (900, 700))
    assert w.select_article(article_id)
    asked = []
    original = w.pane.loadResource
    w.pane.loadResource = lambda kind, url: asked.append(url.toString()) or original(kind, url)
    w.pane.show_article(library.get(article_id))
    html = w.pane.toHtml()
    assert "reader-resource:Ferry_files/terminal%2520hall.png" in html
    assert "tracker.example" not in html and "outside.png" not in html
    assert all(u.startswith("reader-resource:") for u in asked)
    assert "reader-resource:Ferry_files/terminal%2520hall.png" in asked  # the pane asked for it...
    loaded = original(QTextDocument.ResourceType.ImageResource.value, QUrl("reader-resource:Ferry_files/terminal%2520hall.png"))
    assert isinstance(loaded, QImage) and loaded.pixelColor(5, 5).name() == "#3366cc"  # ...and got the stored one

    # The images travel with a JSON export.
    out = tmp_path / "export.json"
    export_json(library, [article_id], out)
    from reader.library import Library

    with Library.open(tmp_path / "other.sqlite") as other:
        new_id = import_json(other, out.read_bytes(), str(out)).imported[0]
        assert other.resources(new_id) == {"Ferry_files/terminal%20hall.png": hall}
