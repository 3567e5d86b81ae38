"""Expected failures, each turned into a one-line message and an exit code by the CLI."""


class FjError(Exception):
    """A failure the user can fix; never shown as a traceback."""

    exit_code = 1


class UsageProblem(FjError):
    """The command was asked for something it cannot do as given."""

    exit_code = 2
