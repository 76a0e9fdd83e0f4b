"""A small [MS-CFB] version 3 compound file writer (what vbaProject.bin is).

Streams given as "STORAGE/STREAM" paths (one storage level is all a VBA project needs). Small
streams go to the mini stream in 64-byte sectors, the rest to 512-byte sectors; the directory's
siblings form a valid red-black tree. Header-only DIFAT (up to 109 FAT sectors, about 7 MB).
Deterministic: the same streams give the same bytes.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass

SECTOR, MINI, CUTOFF = 512, 64, 4096
FREE, ENDCHAIN, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


@dataclass
class _Entry:
    name: str
    kind: int                      # 1 storage, 2 stream, 5 root
    data: bytes = b""
    children: list | None = None
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    color: int = 1                 # black
    start: int = ENDCHAIN
    size: int = 0


def _cfb_key(name: str) -> tuple[int, str]:
    return (len(name), name.upper())


def _tree(nodes: list[int], entries: list[_Entry], depth: int, max_depth: list[int]) -> int:
    """A balanced tree of sibling entries (sorted), nodes on the deepest level red: a valid red-black tree."""
    if not nodes:
        return NOSTREAM
    mid = len(nodes) // 2
    node = nodes[mid]
    entries[node].left = _tree(nodes[:mid], entries, depth + 1, max_depth)
    entries[node].right = _tree(nodes[mid + 1:], entries, depth + 1, max_depth)
    entries[node].color = 0 if depth == max_depth[0] and depth > 0 else 1
    return node


def _depth(n: int) -> int:
    return max(n.bit_length() - 1, 0)


def _chain(start: int, count: int) -> list[int]:
    return [start + i + 1 for i in range(count - 1)] + [ENDCHAIN] if count else []


def _sectors(nbytes: int) -> int:
    return -(-nbytes // SECTOR)


def _directory(streams: dict[str, bytes]) -> list[_Entry]:
    """The root, its storages and streams, each parent's children linked as a red-black tree."""
    entries = [_Entry("Root Entry", 5, children=[])]
    storages: dict[str, int] = {}
    for path, data in streams.items():
        parent = 0
        if "/" in path:
            sname, path = path.split("/", 1)
            if sname not in storages:
                storages[sname] = len(entries)
                entries.append(_Entry(sname, 1, children=[]))
                entries[0].children.append(storages[sname])
            parent = storages[sname]
        entries[parent].children.append(len(entries))
        entries.append(_Entry(path, 2, data=data, size=len(data)))
    for e in entries:
        if e.children:
            kids = sorted(e.children, key=lambda i: _cfb_key(entries[i].name))
            e.child = _tree(kids, entries, 0, [_depth(len(kids))])
    return entries


def _mini_stream(entries: list[_Entry]) -> list[int]:
    """Put the small streams into the root's mini stream; returns the mini FAT."""
    mini = bytearray()
    minifat: list[int] = []
    for e in entries:
        if e.kind == 2 and e.size < CUTOFF:
            n = -(-e.size // MINI)
            e.start = len(minifat) if n else ENDCHAIN
            minifat += _chain(len(minifat), n)
            mini += e.data + b"\x00" * (n * MINI - e.size)
    entries[0].data, entries[0].size = bytes(mini), len(mini)
    return minifat


@dataclass
class _Layout:
    fat: list[int]
    n_fat: int
    n_dir: int
    dir_start: int
    n_minifat: int
    minifat_start: int
    body: bytes


def _allocate(entries: list[_Entry], minifat: list[int]) -> _Layout:
    """Sectors in file order: FAT, directory, mini FAT, then each large stream (and the mini stream)."""
    big = [e for e in entries if (e.kind == 2 and e.size >= CUTOFF) or (e.kind == 5 and e.size)]
    n_dir = _sectors(len(entries) * 128)
    n_minifat = _sectors(len(minifat) * 4)
    n_data = sum(_sectors(e.size) for e in big)
    n_fat = 1
    while n_fat * 128 < n_fat + n_dir + n_minifat + n_data:
        n_fat += 1
    if n_fat > 109:
        raise ValueError("file too large for a header-only DIFAT")
    fat = [FATSECT] * n_fat
    dir_start = len(fat)
    fat += _chain(dir_start, n_dir)
    minifat_start = len(fat) if n_minifat else ENDCHAIN
    fat += _chain(len(fat), n_minifat)
    body = bytearray()
    for e in big:
        e.start = len(fat)
        fat += _chain(len(fat), _sectors(e.size))
        body += e.data + b"\x00" * (_sectors(e.size) * SECTOR - e.size)
    fat += [FREE] * (n_fat * 128 - len(fat))
    return _Layout(fat, n_fat, n_dir, dir_start, n_minifat, minifat_start, bytes(body))


def _directory_bytes(entries: list[_Entry], n_dir: int) -> bytes:
    d = bytearray()
    for e in entries:
        name = e.name.encode("utf-16-le") + b"\x00\x00"
        d += name.ljust(64, b"\x00") + struct.pack("<HBB", len(name), e.kind, e.color)
        d += struct.pack("<III", e.left, e.right, e.child) + b"\x00" * 16 + struct.pack("<I", 0)
        d += b"\x00" * 16 + struct.pack("<IQ", e.start if (e.kind != 1) else 0, e.size)
    for _ in range(n_dir * 4 - len(entries)):
        d += b"\x00" * 64 + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", NOSTREAM, NOSTREAM, NOSTREAM)
        d += b"\x00" * 36 + struct.pack("<IQ", 0, 0)
    return bytes(d)


def _header(layout: _Layout) -> bytes:
    header = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16)
    header += struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6) + b"\x00" * 6
    header += struct.pack("<IIIIIIIII", 0, layout.n_fat, layout.dir_start, 0, CUTOFF, layout.minifat_start,
                          layout.n_minifat, ENDCHAIN, 0)
    header += b"".join(struct.pack("<I", i) for i in range(layout.n_fat))
    header += struct.pack("<I", FREE) * (109 - layout.n_fat)
    assert len(header) == SECTOR
    return bytes(header)


def write_cfb(streams: dict[str, bytes]) -> bytes:
    """A compound file holding ``streams`` ("STORAGE/STREAM" paths, one level deep is enough here)."""
    entries = _directory(streams)
    minifat = _mini_stream(entries)
    layout = _allocate(entries, minifat)
    mf = b"".join(struct.pack("<I", x) for x in minifat)
    mf += struct.pack("<I", FREE) * (layout.n_minifat * 128 - len(minifat))
    fat_bytes = b"".join(struct.pack("<I", x) for x in layout.fat)
    return _header(layout) + fat_bytes + _directory_bytes(entries, layout.n_dir) + mf + layout.body
