#!/usr/bin/env bash
# The course's GPU check, in one command (about 3 minutes on one GPU):
#   1. the CUDA tests: the from-scratch torch LSTM equals the numpy one on the GPU, and
#      every GPU row of the benchmark runs;
#   2. the benchmark over the default size grid: numpy, torch on the CPU (from scratch
#      and torch.nn.LSTM), the from-scratch loop on the GPU, torch.nn.LSTM on cuDNN and
#      the CUDA-graph loop; it writes results/bench_gpu_<device>.json and its plot.
# On a machine without CUDA it says so and exits 0, writing nothing.
#
# Usage: bash scripts/gpu_check.sh            (PYTHON=... to choose the interpreter;
#        GPU_CHECK_OUT=DIR to write elsewhere than results/)
# It needs numpy, torch, matplotlib, tqdm and pytest, and installs nothing: a GPU
# machine often has no network, so it uses .venv when there is one, else python3.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [ -n "${PYTHON:-}" ]; then PY="$PYTHON"
elif [ -x .venv/bin/python ]; then PY=.venv/bin/python
else PY=python3; fi
OUTDIR="${GPU_CHECK_OUT:-results}"

if ! "$PY" -c "import numpy, torch, matplotlib, tqdm, pytest" 2>/dev/null; then
    echo "gpu_check: $PY lacks one of numpy, torch, matplotlib, tqdm, pytest; run bash scripts/setup_env.sh first" >&2
    exit 2
fi
if ! "$PY" -c "import sys, torch; sys.exit(0 if torch.cuda.is_available() else 1)" 2>/dev/null; then
    echo "gpu_check: no CUDA device here (torch.cuda.is_available() is False): nothing measured, no GPU results written."
    exit 0
fi

device="$("$PY" -c "import torch; print(torch.cuda.get_device_name(0))")"
# a file-name tag from the device's name: "NVIDIA H200" -> h200
tag="$(printf '%s' "$device" | tr 'A-Z' 'a-z' | sed -e 's/nvidia//g' -e 's/[^a-z0-9]\+/_/g' -e 's/^_*//' -e 's/_*$//')"
tag="${tag:-gpu}"
mkdir -p "$OUTDIR"
log="$OUTDIR/gpu_check_${tag}.log"
echo "gpu_check: $device ($("$PY" -c "import torch; print('torch', torch.__version__, '/ CUDA', torch.version.cuda)")); log: $log"
export PYTHONUNBUFFERED=1
{
    echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ) on $device"
    nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv 2>/dev/null || true
    echo "== CUDA tests"
} >"$log"

timeout 120 "$PY" -m pytest -q -p no:cacheprovider -k cuda tests/test_bench.py tests/test_torch_scratch.py 2>&1 | tee -a "$log"
tests=${PIPESTATUS[0]}

echo "== benchmark" | tee -a "$log"
timeout 200 "$PY" -m lstm_course.bench --max-seconds 4 --no-progress \
    --out "$OUTDIR/bench_gpu_${tag}.json" 2>&1 | tee -a "$log"
bench=${PIPESTATUS[0]}

if [ -n "${OUT:-}" ] && [ -d "${OUT:-}" ]; then   # the device tool brings back what is under $OUT
    cp "$OUTDIR/bench_gpu_${tag}".* "$log" "$OUT"/ 2>/dev/null || true
fi
echo "gpu_check: CUDA tests exit $tests, benchmark exit $bench"
[ "$tests" = 0 ] && [ "$bench" = 0 ]
