"""Share links: a whole setup (the spec with its data choice and training settings), a teacher's lesson, or the
variants of a comparison, each as one compressed, URL-safe string, and back.

The string is `1.` followed by base64url(zlib(compact JSON)) without padding; the leading version lets a
later format be told apart. Decoding never trusts its input: the text, the compressed data and the JSON
are each size-capped, and the result goes through the same spec loader as an uploaded file.
"""
from __future__ import annotations

import base64
import binascii
import json
import re
import zlib

from .errors import DataError, SpecErrors
from .lessons import teaching
from .spec import NotJSON, decode_json, parse_sent_spec
from .variants import MAX_VARIANTS

VERSION = "1"
MAX_LINK_CHARS = 16_000  # comfortably inside every browser's URL limit
MAX_JSON_BYTES = 256 * 1024  # a spec is a few KB; more is a mistake or a decompression bomb
MAX_LABEL_CHARS = 120  # a variant's label: a few words saying what it changed
_BASE64URL = re.compile(r"[A-Za-z0-9_-]+")


class ShareLinkError(ValueError):
    """A share link that cannot be opened, with the reason in words."""


def encode_setup(setup: dict) -> str:
    """The share string for a setup; raises ShareLinkError if it is too large for a link."""
    return _pack(_validated(setup))


def encode_teaching(found: dict) -> str:
    """The share string for what a teacher's link sets (builder.lessons.teaching: a lesson, its goal, the
    controls it locks and hides); DataError when it is not valid."""
    return _pack(teaching(found))


def decode_teaching(link: str) -> dict:
    """What a teacher's share string sets, checked; ShareLinkError says what is wrong."""
    raw = _parse_json(_inflate(_unbase64(_payload(link))))
    try:
        return teaching(raw)
    except DataError as e:
        raise ShareLinkError(str(e)) from None


def encode_variants(variants: list[dict]) -> str:
    """The share string for a comparison's variants (each {"label", "spec"}; the setup they vary travels as its
    own share string); ShareLinkError when one is not valid or they are too large for a link."""
    try:
        return _pack({"variants": [{"label": v["label"], "spec": _validated(v["spec"])} for v in variants]})
    except SpecErrors as e:
        raise ShareLinkError("a variant's spec is invalid: " + "; ".join(str(err) for err in e.errors)) from None


def decode_variants(link: str) -> list[dict]:
    """The variants a share string holds ({"label", "spec"} each, the specs validated, at most
    MAX_VARIANTS - 1: the setup they vary is the first); ShareLinkError says what is wrong."""
    raw = _parse_json(_inflate(_unbase64(_payload(link))))
    found = raw.get("variants") if isinstance(raw, dict) and set(raw) == {"variants"} else None
    if not isinstance(found, list) or not 1 <= len(found) < MAX_VARIANTS:
        raise ShareLinkError(f"the comparison link holds no list of 1 to {MAX_VARIANTS - 1} variants")
    out = []
    for i, v in enumerate(found, 1):
        if not isinstance(v, dict) or set(v) != {"label", "spec"} or not isinstance(v["label"], str) \
                or not 0 < len(v["label"]) <= MAX_LABEL_CHARS:
            raise ShareLinkError(f"variant {i} of the comparison link is not a label (1 to {MAX_LABEL_CHARS} "
                                 "characters) and a spec")
        try:
            out.append({"label": v["label"], "spec": _validated(v["spec"])})
        except SpecErrors as e:
            raise ShareLinkError(f"variant {i} of the comparison link holds an invalid spec: "
                                 + "; ".join(str(err) for err in e.errors)) from None
    return out


def _pack(value: dict) -> str:
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()
    packed = base64.urlsafe_b64encode(zlib.compress(text, 9)).rstrip(b"=").decode("ascii")
    link = f"{VERSION}.{packed}"
    if len(link) > MAX_LINK_CHARS:
        raise ShareLinkError(f"this setup needs {len(link):,} characters, more than a link holds "
                             f"({MAX_LINK_CHARS:,}); download the spec JSON and share the file instead")
    return link


def decode_setup(link: str) -> dict:
    """The setup a share string holds, as a validated spec dict; ShareLinkError says what is wrong."""
    return _parse(_inflate(_unbase64(_payload(link))))


def _payload(link) -> str:
    """The packed part of a share string, once its size and version are checked."""
    if not isinstance(link, str) or not link.strip():
        raise ShareLinkError("the share link is empty")
    link = link.strip()
    if len(link) > MAX_LINK_CHARS:
        raise ShareLinkError(f"the share link is too long ({len(link):,} characters; at most {MAX_LINK_CHARS:,})")
    version, _, packed = link.partition(".")
    if version != VERSION or not packed:
        raise ShareLinkError("this is not a NetBuilder share link (it should start with '1.'); "
                             "copy the whole link again")
    return packed


def _validated(setup) -> dict:
    """The setup checked by the spec loader, as the keys it was given (defaults stay implicit: shorter links)."""
    return parse_sent_spec(setup).model_dump(mode="json", exclude_none=True, exclude_unset=True)


def _unbase64(packed: str) -> bytes:
    if not _BASE64URL.fullmatch(packed):
        raise ShareLinkError("the share link is damaged (it holds characters a link never has); copy the whole link again")
    try:
        return base64.urlsafe_b64decode(packed + "=" * (-len(packed) % 4))
    except (binascii.Error, ValueError):
        raise ShareLinkError("the share link is damaged (not valid base64); copy the whole link again") from None


def _inflate(data: bytes) -> bytes:
    inflater = zlib.decompressobj()
    try:
        text = inflater.decompress(data, MAX_JSON_BYTES + 1)
    except zlib.error:
        raise ShareLinkError("the share link is damaged (cannot be decompressed); copy the whole link again") from None
    if len(text) > MAX_JSON_BYTES or inflater.unconsumed_tail:
        raise ShareLinkError(f"the share link unpacks to more than {MAX_JSON_BYTES // 1024} KB, far more than any "
                             "network needs")
    if not inflater.eof:
        raise ShareLinkError("the share link is cut short; copy the whole link again")
    return text


def _parse_json(text: bytes):
    try:
        return decode_json(text)
    except NotJSON:
        raise ShareLinkError("the share link does not hold a readable setup") from None


def _parse(text: bytes) -> dict:
    raw = _parse_json(text)
    try:
        return _validated(raw)
    except SpecErrors as e:
        raise ShareLinkError("the share link holds an invalid spec: " + "; ".join(str(err) for err in e.errors)) from None
