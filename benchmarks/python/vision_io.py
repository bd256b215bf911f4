"""Pillow + numpy peer for workloads/vision-io.mjs: PNG decode + resize + rescale + batch.

Input cases: [{"id", "batch", "size", "target"}]. Images are made once before timing with the same
integer pattern as the workload (`pixels`), saved as PNG by Pillow; each timed call opens every PNG
from bytes, converts to RGB, resizes to target×target (BILINEAR), and stacks the arrays into one
float32 batch scaled by 1/255. Pillow decodes in C (zlib); it is single-threaded either way.
"""
import io

import numpy as np
import PIL
from PIL import Image

from peer_common import base_info, emit, limit_threads, measure, read_request


def pixels(i, size):
    y, x, c = np.meshgrid(np.arange(size), np.arange(size), np.arange(3), indexing='ij')
    x = x.astype(np.int64)
    y = y.astype(np.int64)
    c = c.astype(np.int64)
    mixed = (x * 73856093) ^ (y * 19349663) ^ ((i * 3 + c) * 83492791)
    # Math.imul(v, 1) >>> 0 in the workload: the low 32 bits as unsigned.
    h = (mixed & 0xFFFFFFFF) % 64
    return ((x * 3 + y * 2 + c * 60 + i * 5 + h) % 256).astype(np.uint8)


def main():
    req = read_request()
    controller, note = limit_threads(req["threads"])
    info = base_info()
    info.update({"library": "Pillow " + PIL.__version__ + ", numpy " + np.__version__, "requestedThreads": req["threads"], "note": note})
    results = []
    for case in req["cases"]:
        n, size, target = case["batch"], case["size"], case["target"]
        fmt = case.get("format", "png")
        # JPEG rows: baseline, 4:4:4, quality 90, as the workload's jpeg-js-written files.
        save = {"format": "JPEG", "quality": 90, "subsampling": 0} if fmt == "jpeg" else {"format": "PNG"}
        files = []
        for i in range(n):
            buf = io.BytesIO()
            Image.fromarray(pixels(i, size), 'RGB').save(buf, **save)
            files.append(buf.getvalue())

        def step():
            arrays = [np.asarray(Image.open(io.BytesIO(b)).convert('RGB').resize((target, target), Image.BILINEAR)) for b in files]
            batch = np.stack(arrays).astype(np.float32) / 255.0
            return batch

        timing = measure(step, req["options"])
        timing["id"] = case["id"]
        results.append(timing)
    del controller
    emit(info, results)


if __name__ == "__main__":
    main()
