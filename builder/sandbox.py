"""Checks with a bound on time and memory: a check of something a person sent (an uploaded file, a large spec) runs
in a short-lived process forked from the training forkserver, under a memory limit and a deadline. A check that
runs over either is refused in words, and the server serving everyone else never notices.

Results come back as plain data: numbers and text as JSON, tensors as safetensors — nothing is unpickled.
"""
from __future__ import annotations

import json
import os
import resource
import time
from dataclasses import dataclass

from .errors import BundleError, DataError, SpecError, SpecErrors
from .settings import settings

ERRORS = {"DataError": DataError, "BundleError": BundleError}


class CheckLimitError(DataError):
    """A check ran out of its time or memory: the input is refused."""


@dataclass
class Bounds:
    seconds: float
    memory_mb: int

    @classmethod
    def from_settings(cls) -> "Bounds":
        s = settings()
        return cls(s.check_timeout, s.check_memory_mb)


def bounded(work, *args, what: str, bounds: Bounds | None = None):
    """`work(*args)` in a child process within the bounds; its result must be `encode`-able (see below).

    Raises CheckLimitError naming `what` when the child runs out of time or memory, and re-raises the child's
    DataError, BundleError or SpecErrors as such."""
    from .forkserver import forkserver_context
    bounds = bounds or Bounds.from_settings()
    ctx = forkserver_context()
    ours, theirs = ctx.Pipe()
    process = ctx.Process(target=_child, args=(theirs, work, args, bounds.memory_mb), daemon=True,
                          name="netbuilder-check")
    process.start()
    theirs.close()
    deadline = time.monotonic() + bounds.seconds
    try:
        if not ours.poll(max(0.0, deadline - time.monotonic())):
            raise CheckLimitError(what, f"checking it took longer than {bounds.seconds:g} s, so it is refused",
                                  "send something smaller; the limit is set by NETBUILDER_CHECK_TIMEOUT")
        try:
            kind, payload = json.loads(ours.recv_bytes()), None
        except (EOFError, OSError):
            process.join(5)
            raise CheckLimitError(what, f"checking it needed more than {bounds.memory_mb:,} MB of memory, so it is "
                                        "refused", "send something smaller; the limit is set by "
                                                   "NETBUILDER_CHECK_MEMORY_MB") from None
        if kind["ok"]:
            payload = decode(kind["result"], ours.recv_bytes() if kind.get("tensors") else b"")
            return payload
        raise _error(kind)
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        ours.close()


def _error(kind: dict) -> Exception:
    if kind["type"] == "SpecErrors":
        return SpecErrors([SpecError(e["layer_id"], e["message"], e["hint"], e["layer_type"], e.get("source"))
                           for e in kind["errors"]])
    if kind["type"] == "DataError":
        return DataError(kind["source"], kind["message"], kind["hint"])
    if kind["type"] == "BundleError":
        return BundleError(kind["message"])
    return DataError("the check", f"failed ({kind['type']}: {kind['message']})")


def _child(conn, work, args, memory_mb: int) -> None:
    """In the child: cap the address space at what it holds now plus `memory_mb`, work, send the result."""
    try:
        used = _vm_size_bytes()
        limit = used + memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError):
        pass
    try:
        result = work(*args)
        head, tensors = encode(result)
        conn.send_bytes(json.dumps({"ok": True, "result": head, "tensors": bool(tensors)}).encode())
        if tensors:
            conn.send_bytes(tensors)
    except MemoryError:
        os._exit(3)  # the parent reports it as out of memory
    except SpecErrors as e:
        conn.send_bytes(json.dumps({"ok": False, "type": "SpecErrors",
                                    "errors": [{**err.to_dict(), "source": err.source} for err in e.errors]}).encode())
    except DataError as e:
        conn.send_bytes(json.dumps({"ok": False, "type": "DataError", "source": e.source, "message": e.message,
                                    "hint": e.hint}).encode())
    except Exception as e:  # noqa: BLE001 - any failure of the check is a refusal, told in words
        conn.send_bytes(json.dumps({"ok": False, "type": type(e).__name__, "message": str(e)[:500]}).encode())
    finally:
        conn.close()


def _vm_size_bytes() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


# ---- results as plain data -------------------------------------------------------------------------

@dataclass
class Weights:
    """A check's result that carries tensors besides plain data: a bundle's spec and its weights."""

    info: dict
    state: dict


def encode(result) -> tuple[dict, bytes]:
    """(JSON-able description, safetensors bytes) of a check's result: plain JSON data, Weights, or a Dataset."""
    from .datasets import Dataset
    if isinstance(result, Weights):
        from safetensors.torch import save
        return {"kind": "weights", "info": result.info}, save({k: v.contiguous() for k, v in result.state.items()})
    if isinstance(result, Dataset):
        head, tensors = result.to_parts()
        return {"kind": "dataset", "dataset": head}, tensors
    json.dumps(result)  # plain data only: anything else is a bug of ours, caught as such
    return {"kind": "json", "value": result}, b""


def decode(head: dict, tensors: bytes):
    if head["kind"] == "json":
        return head["value"]
    if head["kind"] == "weights":
        from safetensors.torch import load
        return Weights(head["info"], load(tensors))
    from .datasets import Dataset
    return Dataset.from_parts(head["dataset"], tensors)


# ---- the checks the page runs in the sandbox ---------------------------------------------------------

def read_bundle(name: str, data: bytes) -> Weights:
    """An uploaded bundle (.zip bytes): its spec and weights, after every check of `bundle.load_bundle`."""
    from .bundle import load_bundle
    bundle = load_bundle(name, data=data)
    return Weights({"spec": bundle.spec.to_dict()}, bundle.model.net.state_dict())


def read_spec(name: str, data: bytes) -> dict:
    """An uploaded spec (.json bytes), parsed and fully checked."""
    from .checker import check_spec
    from .spec import MAX_SPEC_BYTES, NotJSON, decode_json, parse_sent_spec
    if len(data) > MAX_SPEC_BYTES:
        raise SpecErrors([SpecError(None, f"the spec is {len(data):,} bytes; a spec is at most {MAX_SPEC_BYTES:,}",
                                    source=name)])
    try:  # the file's text, never a path it might hold
        spec = parse_sent_spec(decode_json(data))
    except NotJSON as e:
        raise SpecErrors([SpecError(None, str(e), source=name)]) from None
    check_spec(spec)  # the check itself is what is bounded; its errors show on the canvas afterwards
    return spec.to_dict()


def read_own_image(name: str, data: bytes, size: tuple[int, int], mode: str) -> Weights:
    """An image a person gives to follow through a network: [C, H, W] in [0, 1], read as a ZIP of image folders is
    read to train (`uploads.image_zip.read_images`), at the network's size and colours."""
    import torch

    from .uploads.image_zip import read_images
    x, _ = read_images(data, name, (int(size[0]), int(size[1])), mode)
    return Weights({"name": name}, {"x": torch.from_numpy(x[0])})


def check_spec_dict(spec: dict) -> int:
    """A large spec checked (the page then checks it again in-process, cached, knowing it ends in time)."""
    from .checker import check_spec
    return len(check_spec(spec).errors)


def read_onnx(name: str, data: bytes) -> Weights:
    """An uploaded ONNX file (its bytes): parsed into a spec and its weights, nothing in it run (see
    onnx_import); the notes say what a person should know about the result."""
    from .imported import import_model
    imported = import_model(data, name=name)
    return Weights({"spec": imported.spec, "notes": imported.notes}, imported.state)
