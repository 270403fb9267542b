"""Share links: a setup survives the round trip; damaged, oversized and invalid links fail with a reason."""
import base64
import json
import zlib

import pytest

from builder.share import MAX_JSON_BYTES, MAX_LINK_CHARS, ShareLinkError, decode_setup, encode_setup
from builder.spec import parse_spec
from builder.ui.edits import default_spec


def _pack(payload: bytes) -> str:
    return "1." + base64.urlsafe_b64encode(zlib.compress(payload)).rstrip(b"=").decode()


def test_round_trip_keeps_spec_data_and_training():
    setup = default_spec()
    setup["training"]["lr"] = 0.123
    setup["data"]["options"]["noise"] = 0.31
    setup["layers"][0]["inputs"] = ["input"]
    back = decode_setup(encode_setup(setup))
    assert back == setup  # exactly what was shared, defaults left implicit
    assert parse_spec(back).to_dict() == parse_spec(setup).to_dict()
    assert back["training"]["lr"] == 0.123 and back["data"]["options"]["noise"] == 0.31


def test_link_is_url_safe_and_compressed():
    setup = default_spec()
    link = encode_setup(setup)
    assert link.startswith("1.")
    assert set(link[2:]) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert len(link) < len(json.dumps(setup))


def test_unicode_names_survive():
    setup = default_spec() | {"name": "Réseau 🌙", "description": "über-simple"}
    assert decode_setup(encode_setup(setup))["name"] == "Réseau 🌙"


@pytest.mark.parametrize("link, words", [
    ("", "empty"),
    ("hello", "not a NetBuilder share link"),
    ("2.abc", "not a NetBuilder share link"),
    ("1.@@@!!", "damaged"),
    ("1.AAAA", "damaged"),
    (_pack(b"not json at all"), "readable setup"),
    (_pack(b'{"format": "netbuilder/1"}'), "invalid spec"),
    (_pack(json.dumps({"format": "netbuilder/1", "input": {"shape": [0]}, "layers": [{"id": "a", "type": "ReLU"}]}).encode()),
     "every dimension must be"),
])
def test_bad_links_say_what_is_wrong(link, words):
    with pytest.raises(ShareLinkError, match=words):
        decode_setup(link)


def test_truncated_link_is_reported_as_cut_short():
    link = encode_setup(default_spec())
    with pytest.raises(ShareLinkError, match="cut short|damaged"):
        decode_setup(link[: len(link) // 2])


def test_too_long_link_is_refused_before_decoding():
    with pytest.raises(ShareLinkError, match="too long"):
        decode_setup("1." + "A" * (MAX_LINK_CHARS + 1))


def test_decompression_bomb_is_refused():
    bomb = _pack(b"{" + b" " * (MAX_JSON_BYTES * 4) + b"}")
    assert len(bomb) < MAX_LINK_CHARS  # small link, huge payload
    with pytest.raises(ShareLinkError, match="more than"):
        decode_setup(bomb)


def test_setup_too_big_for_a_link_is_refused_on_encode():
    setup = default_spec()
    setup["description"] = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(20000))  # incompressible
    with pytest.raises(ShareLinkError, match="more than a link holds"):
        encode_setup(setup)


def test_invalid_spec_is_not_encoded():
    with pytest.raises(ValueError):
        encode_setup({"format": "netbuilder/1", "layers": []})
