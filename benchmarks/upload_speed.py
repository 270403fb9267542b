"""How long an upload takes to read, side by side in one process, as ratios.

    .venv/bin/python -m benchmarks.upload_speed [--rows N] [--sheet-rows N] [--photos N]

- CSV: `load_csv` on a numeric table against pandas reading the same bytes as numbers (the floor: no checks,
  no encoding, no text columns), and the same table as a German Excel writes it (Windows-1252, semicolons,
  decimal commas) against the plain one: what reading any spreadsheet's numbers costs.
- Excel: `load_csv` on a workbook (its first sheet, read with openpyxl) against `pandas.read_excel`, which reads
  it with openpyxl too: the checks and the CSV reading that follows cost next to nothing beside the XML.
- Images: a ZIP of camera-sized JPEGs read by `load_image_zip` (which lets the JPEG decoder work at 1/2 to 1/8
  scale when the target size allows) against decoding each at full size first, as a plain Pillow loop does.
"""
from __future__ import annotations

import argparse
import io
import time
import zipfile

import numpy as np
import pandas as pd
from PIL import Image

from builder.uploads.csv_file import load_csv
from builder.uploads.image_zip import load_image_zip


def best_of(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def tables(rows: int) -> tuple[bytes, bytes]:
    rng = np.random.default_rng(0)
    values = rng.normal(size=(rows, 10)) * 1000
    header = [f"f{i}" for i in range(10)] + ["y"]
    plain = [",".join(header)] + [",".join(f"{v:.3f}" for v in row) + f",{i % 3}" for i, row in enumerate(values)]
    german = [";".join(header)] + [";".join(f"{v:.3f}".replace(".", ",") for v in row) + f";{i % 3}"
                                   for i, row in enumerate(values)]
    return ("\n".join(plain) + "\n").encode(), ("\r\n".join(german) + "\r\n").encode("cp1252")


def workbook(rows: int) -> bytes:
    import openpyxl
    rng = np.random.default_rng(0)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("data")
    sheet.append([f"f{i}" for i in range(10)] + ["y"])
    for i, row in enumerate(rng.normal(size=(rows, 10)).round(3).tolist()):
        sheet.append([*row, i % 3])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def photos(count: int) -> bytes:
    rng = np.random.default_rng(0)  # smooth shading and a little grain, as a photo compresses
    yy, xx = np.mgrid[0:1500, 0:2000]
    shade = np.stack([xx / 2000 * 200, yy / 1500 * 200, (xx + yy) / 3500 * 255], axis=-1)
    base = np.clip(shade + rng.normal(0, 6, shade.shape), 0, 255).astype(np.uint8)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for i in range(count):
            jpeg = io.BytesIO()
            Image.fromarray(np.roll(base, i * 7, axis=1)).save(jpeg, "JPEG", quality=85)
            archive.writestr(f"{'ab'[i % 2]}/{i}.jpg", jpeg.getvalue())
    return buffer.getvalue()


def full_size_loop(raw: bytes, size=(28, 28)) -> np.ndarray:
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        out = [np.asarray(Image.open(io.BytesIO(archive.read(m))).convert("L").resize(size), dtype=np.float32)
               for m in archive.namelist()]
    return np.stack(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--sheet-rows", type=int, default=20_000)
    parser.add_argument("--photos", type=int, default=40)
    args = parser.parse_args()

    plain, german = tables(args.rows)
    floor = best_of(lambda: pd.read_csv(io.BytesIO(plain)).to_numpy(np.float32))
    ours = best_of(lambda: load_csv(plain, "plain.csv"))
    excel = best_of(lambda: load_csv(german, "excel.csv"))
    print(f"CSV, {args.rows:,} rows × 10 numbers ({len(plain) / 1e6:.1f} MB)")
    print(f"  pandas as numbers       {floor:6.2f} s")
    print(f"  load_csv                {ours:6.2f} s   {ours / floor:5.1f}× pandas")
    print(f"  load_csv, German Excel  {excel:6.2f} s   {excel / ours:5.2f}× the plain file")

    sheet = workbook(args.sheet_rows)
    pandas_excel = best_of(lambda: pd.read_excel(io.BytesIO(sheet)).to_numpy(np.float32), repeat=1)
    ours_excel = best_of(lambda: load_csv(sheet, "sheet.xlsx"), repeat=1)
    print(f"Excel, {args.sheet_rows:,} rows × 10 numbers ({len(sheet) / 1e6:.1f} MB .xlsx)")
    print(f"  pandas.read_excel       {pandas_excel:6.2f} s")
    print(f"  load_csv (workbook)     {ours_excel:6.2f} s   {ours_excel / pandas_excel:5.2f}× pandas")

    archive = photos(args.photos)
    full = best_of(lambda: full_size_loop(archive), repeat=2)
    drafted = best_of(lambda: load_image_zip(archive, "photos.zip", size=(28, 28)), repeat=2)
    print(f"Images, {args.photos} JPEGs of 2000×1500 ({len(archive) / 1e6:.1f} MB) to 28×28 grey")
    print(f"  full-size decode loop   {full:6.2f} s")
    print(f"  load_image_zip          {drafted:6.2f} s   {full / drafted:5.1f}× faster")


if __name__ == "__main__":
    main()
