"""Writing results: stdout (bytes, names kept as they were) or a file written atomically."""

from __future__ import annotations

import os
import sys
TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py
if TYPE_CHECKING:
    from typing import IO


def to_bytes(text: str | bytes) -> bytes:
    if isinstance(text, bytes):
        return text
    # names decode with surrogateescape; give the original bytes back
    return text.encode("utf-8", "surrogateescape")


def atomic_write(path: str, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder
    and a rename: on any error the target is left untouched."""
    import tempfile  # only when writing a file: not paid for on stdout

    payload = to_bytes(data)
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".btfkit-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
        try:
            st = os.stat(path)
            os.chmod(tmp, st.st_mode & 0o7777)
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def emit(data: str | bytes, out: str | None, stdout: IO | None = None) -> None:
    """Send a finished result to ``out`` (atomically) or to stdout."""
    if out and out != "-":
        atomic_write(out, data)
        return
    stream = stdout if stdout is not None else sys.stdout
    buf = getattr(stream, "buffer", None)
    if buf is not None:
        buf.write(to_bytes(data))
        buf.flush()
    else:
        stream.write(data if isinstance(data, str) else data.decode("utf-8", "surrogateescape"))
        stream.flush()
