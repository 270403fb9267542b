"""ZIP archives opened safely (NPZ files are ZIPs too): every member's name, type and declared size checked before
anything is decompressed, and no member read beyond its limit or extracted to disk."""
from __future__ import annotations

import io
import re
import stat
import unicodedata
import zipfile

from ..errors import DataError
from .common import Limits, size_text

def open_zip(raw: bytes, name: str, limits: Limits, member_limit: int) -> zipfile.ZipFile:
    """The archive, once every member's name, type and declared size is safe; nothing is decompressed yet."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        members = archive.infolist()
    except Exception as e:  # zipfile parses untrusted bytes and raises many kinds (BadZipFile, struct.error, …)
        raise DataError(name, f"is not a readable ZIP archive ({e})") from None
    if len(members) > limits.max_members:
        raise DataError(name, f"holds {len(members):,} files; the limit is {limits.max_members:,}")
    for member in members:
        _check_member(member, name, member_limit)
        member.filename = _readable_name(member)
    total = sum(m.file_size for m in members)
    if total > limits.max_unpacked:
        raise DataError(name, f"would unpack to {size_text(total)}; the limit is {size_text(limits.max_unpacked)}",
                        "upload less data, or smaller files")
    return archive


def _readable_name(member: zipfile.ZipInfo) -> str:
    """A member's name as the person who made the archive wrote it. Without the ZIP's UTF-8 flag, zipfile reads
    names as the old DOS code page (cp437), but macOS's Finder and Linux's zip write UTF-8 there: "café" would
    become "cafe╠ü". Such a name is read as UTF-8 when its bytes are valid UTF-8 (DOS text almost never is), and
    every name is NFC-normalised, as macOS writes "é" as "e" and an accent that another system does not: the
    same folder name must be one class. Only the name used here changes; reading the member checks the raw one."""
    filename = member.filename
    if not member.flag_bits & 0x800 and not filename.isascii():
        try:
            filename = filename.encode("cp437").decode("utf-8")
        except UnicodeError:  # a real DOS (cp437) name
            pass
    return unicodedata.normalize("NFC", filename)


def _check_member(member: zipfile.ZipInfo, name: str, member_limit: int) -> None:
    raw_name = member.orig_filename
    path = raw_name.replace("\\", "/")
    problems = [("\x00" in raw_name, "has a NUL character in its name"),
                (path.startswith("/") or re.match(r"^[A-Za-z]:", path), "has an absolute path"),
                (".." in path.split("/"), "points outside the archive ('..')"),
                (stat.S_ISLNK(member.external_attr >> 16), "is a symbolic link"),
                (member.flag_bits & 0x1, "is password-protected")]
    refuse = next((reason for found, reason in problems if found), None)
    if refuse:
        raise DataError(name, f"member {raw_name!r} {refuse}; the archive is refused",
                        "upload a plain ZIP of ordinary files in folders")
    if member.file_size > member_limit:
        raise DataError(name, f"member {raw_name!r} would unpack to {size_text(member.file_size)}; the limit per file "
                              f"is {size_text(member_limit)}")


def read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str, cap: int) -> bytes:
    """A member's bytes, reading at most cap + 1 so that a header that lies about the size cannot flood memory."""
    try:
        with archive.open(member) as f:
            data = f.read(cap + 1)
    except Exception as e:  # damaged data, an unsupported compression method, a bad CRC…: all mean the same here
        raise DataError(name, f"member {member.filename!r} cannot be unpacked ({e})",
                        "the archive is damaged; create it again") from None
    if len(data) > cap:
        raise DataError(name, f"member {member.filename!r} unpacks to more than {size_text(cap)}, more than its header "
                              "declares; the archive is refused")
    return data
