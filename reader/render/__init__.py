"""Article (+ quotes, + search terms) → safe HTML and CSS for the reading pane and exports."""

from reader.render.article import render_article, render_markdown, stylesheet

__all__ = ["render_article", "render_markdown", "stylesheet"]
