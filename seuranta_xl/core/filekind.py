"""What kind of file a byte string is, told by its first bytes (pure): the one sniff that strategy
import and the reading of returns both use, before anything parses the file."""
from __future__ import annotations

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # OLE2 / Compound File Binary: .xls, or an encrypted package
ZIP_MAGIC = b"PK\x03\x04"                          # an Office Open XML (or OpenDocument) package
# Office's password encryption wraps the .xlsx in an OLE2 file with these streams (MS-OFFCRYPTO);
# stream names are stored as UTF-16-LE in the directory.
_ENCRYPTION_STREAMS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))

EMPTY, ENCRYPTED, LEGACY_XLS, ZIP, OTHER = "empty", "encrypted", "xls", "zip", "other"


def file_kind(data: bytes) -> str:
    """``empty``, ``encrypted`` (a password-encrypted Office file), ``xls`` (any other OLE2 file: the
    old binary format), ``zip`` (a package, to be checked further) or ``other``."""
    if not data:
        return EMPTY
    if data.startswith(OLE_MAGIC):
        return ENCRYPTED if any(name in data for name in _ENCRYPTION_STREAMS) else LEGACY_XLS
    if data.startswith(ZIP_MAGIC):
        return ZIP
    return OTHER
