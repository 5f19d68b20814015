"""The typed errors every layer raises; each carries one clear sentence and a CLI exit code."""

from __future__ import annotations

EXIT_OK = 0
EXIT_OTHER = 1
EXIT_USAGE = 2  # usage error or a file that cannot be read
EXIT_REJECTED = 3  # input rejected and nothing changed


class FsaDeskError(Exception):
    """Base of all expected errors. ``str(error)`` is a sentence a counsellor understands."""

    exit_code = EXIT_OTHER


class UsageError(FsaDeskError):
    exit_code = EXIT_USAGE


class InputRejected(FsaDeskError):
    exit_code = EXIT_REJECTED


class WrongPassphrase(InputRejected):
    pass


class PassphraseTooShort(InputRejected):
    pass


class DatabaseCorrupt(FsaDeskError):
    pass


class DatabaseTooNew(FsaDeskError):
    pass


class DataDirError(UsageError):
    """The data directory is missing, unwritable or already in use."""


class DataDirLocked(FsaDeskError):
    pass
