"""Shared protocol for Python peers; mirrors benchmarks/lib/measure.mjs.

A peer script reads JSON from stdin ({"cases": [...], "threads": <int>, "options": {...}})
and prints JSON: {"info": {...}, "results": [{"id", "firstMs", "warmupCalls", "samples"}]}.
Each timed call runs to completion (numpy and PyTorch CPU ops are synchronous) before the clock stops.
"""
import json
import os
import platform
import sys
import time

DEFAULTS = {"warmupMs": 300, "minWarmup": 1, "targetMs": 1500, "minReps": 3, "maxReps": 200, "slowCallMs": 20000}


def read_request():
    req = json.load(sys.stdin)
    opts = dict(DEFAULTS)
    opts.update(req.get("options") or {})
    req["options"] = opts
    return req


def _time_once(step):
    start = time.perf_counter()
    step()
    return (time.perf_counter() - start) * 1000.0


def measure(step, opts):
    """First call, warm-up, then steady-state samples (ms), as in measure.mjs."""
    first = _time_once(step)
    if first > opts["slowCallMs"]:
        return {"firstMs": first, "warmupCalls": 0, "samples": []}
    warm = 0
    warm_start = time.perf_counter()
    while warm < opts["minWarmup"] or (time.perf_counter() - warm_start) * 1000.0 < opts["warmupMs"]:
        _time_once(step)
        warm += 1
    samples = []
    total = 0.0
    while len(samples) < opts["maxReps"] and (len(samples) < opts["minReps"] or total < opts["targetMs"]):
        ms = _time_once(step)
        samples.append(ms)
        total += ms
    return {"firstMs": first, "warmupCalls": warm, "samples": samples}

def measure_with_cpu(step, opts):
    """`measure`, plus the CPU time (process_time, ms) of each timed call as `cpuSamples`."""
    cpu = []

    def run():
        start = time.process_time()
        step()
        cpu.append((time.process_time() - start) * 1000.0)

    timing = measure(run, opts)
    timing["cpuSamples"] = cpu[-len(timing["samples"]):]
    return timing


def limit_threads(threads):
    """Pins BLAS/OpenMP pools to `threads` (an int) with threadpoolctl.

    Returns (controller, note): keep the controller alive while timing. Without threadpoolctl
    the pools keep their default size and the note says so.
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return None, "threadpoolctl is not installed: BLAS threads left at their default"
    return threadpool_limits(limits=int(threads)), None


def blas_info():
    """Which BLAS library, kernel (architecture) and thread count are live in this process."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        import io
        import contextlib
        import numpy as np
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            np.show_config()
        return {"source": "numpy.show_config (threadpoolctl not installed)", "config": buf.getvalue()}
    pools = [
        {k: p.get(k) for k in ("internal_api", "version", "architecture", "threading_layer", "num_threads", "filepath")}
        for p in threadpool_info()
    ]
    return {"source": "threadpoolctl", "pools": pools}


def base_info():
    return {
        "python": platform.python_version(),
        "executable": sys.executable,
        "env": {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")},
        "cpuCount": os.cpu_count(),
    }


def torch_setup(req, layout):
    """For a PyTorch peer: pins BLAS pools and torch's intra-op threads to the request's count.

    Returns (controller, info): keep the controller alive while timing; `info` is `base_info()` plus
    the torch version, thread counts (torch's default here and the one in use), oneDNN, BLAS and
    `layout` (how the peer lays out its tensors).
    """
    import torch
    default_threads = torch.get_num_threads()
    controller, note = limit_threads(req["threads"])
    torch.set_num_threads(int(req["threads"]))
    info = base_info()
    info.update({
        "library": "torch " + torch.__version__,
        "requestedThreads": req["threads"],
        "torchDefaultThreads": default_threads,
        "torchThreads": torch.get_num_threads(),
        "mkldnn": bool(torch.backends.mkldnn.is_available() and torch.backends.mkldnn.enabled),
        "blas": blas_info(),
        "note": note,
        "layout": layout,
    })
    return controller, info


def emit(info, results):
    json.dump({"info": info, "results": results}, sys.stdout)
    sys.stdout.write("\n")
