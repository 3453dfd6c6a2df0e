"""Errors the user can act on (a bad file, a locked library), apart from our own bugs."""


class UserError(Exception):
    """A problem with the user's file, disk or library, told to them in one line."""


class InputError(UserError):
    """One input (file, paste, URL) cannot be imported; the rest of a batch goes on."""

    def __init__(self, name: str, problem: str):
        super().__init__(f"{name}: {problem}")
        self.name = name
        self.problem = problem


class LibraryError(UserError):
    """The library file cannot be opened or written as asked."""
