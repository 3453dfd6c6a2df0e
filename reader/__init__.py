"""Reader: a desktop library for keeping, cleaning and re-reading news articles."""

__version__ = "0.1.0"
