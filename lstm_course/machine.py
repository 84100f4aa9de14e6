"""The machine a benchmark runs on: threads of torch and of numpy's BLAS, and a
record of the device and library versions that goes with every result (lesson 8)."""
import datetime
import os
import platform

import numpy as np
import torch

NO_CUDA = "no CUDA device"


def _openblas():
    """numpy's bundled OpenBLAS as a ctypes library, with its thread functions; None if not found."""
    import ctypes
    try:
        with open("/proc/self/maps") as f:
            paths = {line.split()[-1] for line in f if "openblas" in line and ".so" in line}
    except OSError:
        return None
    for path in sorted(paths):
        lib = ctypes.CDLL(path)
        for suffix in ("scipy_openblas_{}_num_threads64_", "openblas_{}_num_threads"):
            if hasattr(lib, suffix.format("set")) and hasattr(lib, suffix.format("get")):
                return getattr(lib, suffix.format("set")), getattr(lib, suffix.format("get"))
    return None


def blas_threads():
    """How many threads numpy's matrix products use (None when that cannot be read)."""
    blas = _openblas()
    return int(blas[1]()) if blas else None


def set_threads(n):
    """Use ``n`` threads in torch and in numpy's OpenBLAS (on a shared or small machine,
    1 thread gives steadier times). Returns the number numpy's BLAS now reports, or None."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be a positive integer, got {n!r}")
    torch.set_num_threads(n)
    blas = _openblas()
    if blas is None:
        return None
    blas[0](n)
    return int(blas[1]())


def environment():
    """Where the numbers come from: machine, device, library versions, date."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    cuda = torch.cuda.is_available()
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "cpu": cpu, "cpu_count": os.cpu_count(), "torch_threads": torch.get_num_threads(),
        "numpy_blas_threads": blas_threads(),
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "gpu": torch.cuda.get_device_name(0) if cuda else NO_CUDA,
        "device": torch.cuda.get_device_name(0) if cuda else f"CPU only: {cpu}",
        "python": platform.python_version(), "platform": platform.platform(),
        "numpy": np.__version__, "torch": torch.__version__,
        "cuda": torch.version.cuda if cuda else None,
        "cudnn": torch.backends.cudnn.version() if cuda else None,
        "cudnn_allow_tf32": torch.backends.cudnn.allow_tf32 if cuda else None,
        "cuda_matmul_allow_tf32": torch.backends.cuda.matmul.allow_tf32 if cuda else None,
    }
