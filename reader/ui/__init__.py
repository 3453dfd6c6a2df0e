"""Qt widgets, item models, the action table and messages: the window's face over reader.operations."""
