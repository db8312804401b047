"""The one exception family for bad input: the CLI maps it to exit status 2."""


class InputError(Exception):
    """The user's input (a file, a value, a database path) is wrong; the message says how."""
