"""Opening an input file without ever blocking on it, with errors that say what the path is.

A FIFO, socket or character device inside an input directory (or named directly) would block a
run forever (a FIFO's ``open`` waits for a writer; ``/dev/zero`` never ends) and an ingest holds the
store's lock meanwhile. So only regular files are opened: the path is checked with ``stat`` first,
opened with ``O_NONBLOCK`` (which makes a FIFO swapped in after the check open at once instead of
waiting), and checked again on the open descriptor. Anything else is E108, a symbolic link loop is
E109, and other operating-system errors are E100 with the system's own reason.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import BinaryIO

from ..errors import InputError, MissingInputError, NotRegularFileError, SymlinkLoopError

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # absent on Windows, which has no FIFOs in the file system
_BINARY = getattr(os, "O_BINARY", 0)


def kind_of(mode: int) -> str:
    """What a file of ``mode`` is, in words ("a FIFO (named pipe)")."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "not a regular file"


def os_error(exc: OSError, what: str) -> InputError:
    """The coded error for an OSError met on the input ``what``."""
    if exc.errno == errno.ELOOP:
        return SymlinkLoopError(f"{what} is a symbolic link loop (it leads back to itself); fix or remove the link")
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return MissingInputError(f"{what} does not exist (no such file or directory); check the path")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return InputError(f"{what} cannot be read ({exc.strerror}); check its permissions")
    return InputError(f"{what} cannot be read ({exc.strerror or exc}); check that it is a readable file")


def not_regular(mode: int, what: str) -> NotRegularFileError:
    return NotRegularFileError(f"{what} is {kind_of(mode)}, not a regular file, so it is not read (reading it "
                               "could wait forever); pass a regular file instead")


def open_regular(path: str | os.PathLike[str], what: str) -> tuple[BinaryIO, int]:
    """``path`` opened for reading in binary, with its size; raises InputError subclasses (E100, E101,
    E108, E109) for anything that is not a readable regular file, without blocking."""
    try:
        before = os.stat(path)
    except OSError as exc:
        raise os_error(exc, what) from exc
    if not stat.S_ISREG(before.st_mode):
        raise not_regular(before.st_mode, what)
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | _BINARY | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise os_error(exc, what) from exc
    try:
        after = os.fstat(fd)
        if not stat.S_ISREG(after.st_mode):
            raise not_regular(after.st_mode, what)
        if _NONBLOCK:
            os.set_blocking(fd, True)  # a regular file reads the same either way; keep the usual semantics
        stream = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    return stream, after.st_size
