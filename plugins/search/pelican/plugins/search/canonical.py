"""Pagefind's bundle made byte-for-byte reproducible: each filter's values in sorted order.

Pagefind 1.5 writes the values of a filter (the topics, the years) in the
order of a Rust hash map, which is seeded afresh in every run, so two builds
of the same pages wrote different filter files, and so a different metadata
file and entry file naming them. Search results were the same; the bytes
were not. Here each filter file's values are sorted, the file is renamed by
the hash of its new content (as Pagefind names it: the first seven hex
digits of the SHA-1 of its payload), and the metadata and entry files that
name it are rewritten to match.

The files are gzip-compressed CBOR after a 12-byte signature. Only the part of
CBOR that Pagefind writes is read: whole numbers, strings, arrays and maps.
"""

import gzip
import hashlib
import json
import struct
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


class UnexpectedBundle(ValueError):
    """The bundle is not laid out as this module expects (another Pagefind version)."""


def _head(major, value):
    if value < 24:
        return bytes([major << 5 | value])
    for extra, size, fmt in ((24, 1, ">B"), (25, 2, ">H"), (26, 4, ">I"), (27, 8, ">Q")):
        if value < 1 << (8 * size):
            return bytes([major << 5 | extra]) + struct.pack(fmt, value)
    raise UnexpectedBundle(f"number too large for CBOR: {value}")


def encode(value):
    """CBOR of a value made of ints, strings, bytes, lists and dicts, shortest form."""
    if isinstance(value, bool) or value is None:
        return bytes([{False: 0xF4, True: 0xF5, None: 0xF6}[value]])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(item) for item in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(encode(k) + encode(v) for k, v in value.items())
    raise UnexpectedBundle(f"cannot encode {type(value).__name__} as CBOR")


def decode(data):
    value, end = _decode(data, 0)
    if end != len(data):
        raise UnexpectedBundle("trailing bytes after the CBOR value")
    return value


def _decode(data, at):
    try:
        first = data[at]
    except IndexError:
        raise UnexpectedBundle("CBOR value cut short") from None
    major, extra = first >> 5, first & 0x1F
    at += 1
    if major == 7:
        simple = {20: False, 21: True, 22: None}
        if extra not in simple:
            raise UnexpectedBundle(f"unexpected CBOR simple value {extra}")
        return simple[extra], at
    if extra < 24:
        argument = extra
    elif extra <= 27:
        size = 1 << (extra - 24)
        argument = int.from_bytes(data[at:at + size], "big")
        at += size
    else:
        raise UnexpectedBundle("indefinite-length CBOR is not expected here")
    if major == 0:
        return argument, at
    if major == 1:
        return -1 - argument, at
    if major in (2, 3):
        chunk = data[at:at + argument]
        return (chunk if major == 2 else chunk.decode("utf-8")), at + argument
    if major == 4:
        items = []
        for _ in range(argument):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        mapping = {}
        for _ in range(argument):
            key, at = _decode(data, at)
            mapping[key], at = _decode(data, at)
        return mapping, at
    raise UnexpectedBundle(f"unexpected CBOR major type {major}")


def read(path):
    data = gzip.decompress(Path(path).read_bytes())
    if not data.startswith(SIGNATURE):
        raise UnexpectedBundle(f"{Path(path).name} lacks Pagefind's signature")
    return decode(data[len(SIGNATURE):])


def write(folder, prefix, suffix, value, digits):
    """Write `value` as a Pagefind file named by its content's hash; return the hash part."""
    payload = encode(value)
    name = f"{prefix}{hashlib.sha1(payload).hexdigest()[:digits]}"
    # mtime=0: gzip would otherwise stamp the time of writing into the file.
    Path(folder, f"{name}{suffix}").write_bytes(gzip.compress(SIGNATURE + payload, mtime=0))
    return name


def sorted_filters(bundle):
    """Sort every filter's values in `bundle` (a folder) and rename what names them."""
    bundle = Path(bundle)
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for about in entry["languages"].values():
        meta_path = bundle / f"pagefind.{about['hash']}.pf_meta"
        meta = read(meta_path)
        # [version, pages, index chunks, filters as [name, file hash], sorts, meta keys]
        if not (isinstance(meta, list) and len(meta) >= 4 and isinstance(meta[3], list)):
            raise UnexpectedBundle(f"{meta_path.name} is not laid out as expected")
        prefix = about["hash"].rsplit("_", 1)[0] + "_"
        filters = []
        for name, old_hash in meta[3]:
            old_path = bundle / "filter" / f"{old_hash}.pf_filter"
            content = read(old_path)
            if not (isinstance(content, list) and len(content) == 2 and isinstance(content[1], list)):
                raise UnexpectedBundle(f"{old_path.name} is not laid out as expected")
            content[1].sort(key=lambda item: item[0])
            old_path.unlink()
            filters.append([name, write(bundle / "filter", prefix, ".pf_filter", content, 7)])
        meta[3] = sorted(filters)
        meta_path.unlink()
        about["hash"] = write(bundle, f"pagefind.{prefix}", ".pf_meta", meta, 10)[len("pagefind."):]
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
