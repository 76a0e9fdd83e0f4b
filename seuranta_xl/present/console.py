"""Output that survives any console encoding (Windows' legacy code pages cp1252 and cp850, a pipe).

On Windows, output redirected to a file or a pipe, or run with PYTHONIOENCODING, is encoded in a
legacy code page that has no "→", "≈" or box-drawing characters; Python's default would then stop the
command with UnicodeEncodeError halfway through. So:

- messages and tables for people: stdout and stderr replace a character they cannot encode with "?"
  (the line stays readable and the command completes); rich draws ASCII boxes on such a stream;
- JSON for machines: ``\\uXXXX`` escapes where the stream cannot take the text itself (lossless);
- the machine export to stdout: always UTF-8 bytes (the export contract), whatever the console.
"""
from __future__ import annotations

import codecs
import sys
from typing import TextIO


def is_utf(stream: TextIO) -> bool:
    """Whether ``stream`` encodes every character (a UTF encoding)."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def prepare_streams() -> None:
    """Make stdout and stderr replace what their encoding cannot hold instead of raising."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and not is_utf(stream) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def write_utf8(text: str) -> None:
    """Write ``text`` to stdout as UTF-8 bytes, whatever the console's encoding (the export to a pipe)."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:   # a stream without bytes underneath (an IDE's console): it takes str only
        sys.stdout.write(text)
        return
    buffer.write(text.encode("utf-8"))
    buffer.flush()
