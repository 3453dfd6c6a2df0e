"""The use cases the window and the CLI share: import, re-clean, export, first-start samples."""

from reader.operations.importing import ImportReport, import_bytes, import_paths, iter_input_files
from reader.operations.samples import add_samples_once

__all__ = ["ImportReport", "add_samples_once", "import_bytes", "import_paths", "iter_input_files"]
