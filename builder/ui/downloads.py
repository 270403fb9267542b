"""The files a finished run offers for download, made from its bundle on first request and kept beside it.

No streamlit here: the page's download buttons call these from their own thread, so each step is locked.
"""
from __future__ import annotations

import threading
from pathlib import Path

from ..export import FORMATS, bundle_zip, export_format

DOWNLOADS = {  # what the page offers: label, file name, exporter format (None: a bundle file)
    "bundle": ("Bundle (.zip)", "bundle.zip", None),
    "state_dict": ("state_dict (.pt)", "model.pt", "state_dict"),
    "onnx": ("ONNX", "model.onnx", "onnx"),
    "pt2": ("torch.export (.pt2)", "model.pt2", "pt2"),
    "torchscript": ("TorchScript (legacy)", "model.torchscript.pt", "torchscript"),
    "code": ("PyTorch code + loader (.py)", "model.py", "code"),
    "history": ("History (.csv)", "history.csv", None),
}


class BundleFiles:
    """A finished run's bundle folder (written by its worker), and the exports made from it."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.errors: dict[str, str] = {}
        self._lock = threading.Lock()

    def directory(self) -> Path:
        return self.folder

    def read(self, what: str, include_data: bool = False) -> bytes:
        """The bytes of one download (the bundle with its training data when `include_data` asks); a failure is
        remembered in `errors` (shown on the next page run)."""
        try:
            data = self._read(what, include_data)
        except Exception as e:  # an exporter that cannot handle a layer: say so rather than break the page
            self.errors[what] = f"{type(e).__name__}: {e}"
            raise
        self.errors.pop(what, None)
        return data

    def _read(self, what: str, include_data: bool) -> bytes:
        folder = self.directory()
        if what == "bundle":
            return bundle_zip(folder, include_data=include_data)
        if what == "history":
            return (folder / "history.csv").read_bytes()
        fmt = DOWNLOADS[what][2]
        target = folder / FORMATS[fmt]
        with self._lock:
            if not target.exists():
                export_format(folder, fmt)
        return target.read_bytes()
