"""How the server and a training worker talk through their pipe: messages pickled by value between two processes
of ours; a dataset as its parts (a JSON head, then safetensors bytes) and weights as safetensors bytes, so data and
weights never travel pickled."""
from __future__ import annotations

import json
import pickle
from multiprocessing.connection import Connection


def weight_bytes(state: dict) -> bytes:
    """A state dict as RunRequest.weights carries it: safetensors bytes, so weights never travel pickled."""
    from safetensors.torch import save
    return save({k: v.detach().cpu().contiguous() for k, v in state.items()})


def send(conn: Connection, message) -> None:
    """One message, pickled by value (tensors included): the peer is a process of ours, not a multiprocessing
    child, so torch's shared-memory handles cannot cross."""
    conn.send_bytes(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))


def receive(conn: Connection):
    return pickle.loads(conn.recv_bytes())


def send_dataset(conn: Connection, dataset) -> None:
    """A dataset as its parts, a JSON head and then safetensors bytes: data never travels pickled."""
    head, tensors = dataset.to_parts()
    conn.send_bytes(json.dumps(head).encode())
    conn.send_bytes(tensors)


def receive_dataset(conn: Connection):
    from .datasets import Dataset
    return Dataset.from_parts(json.loads(conn.recv_bytes()), conn.recv_bytes())
