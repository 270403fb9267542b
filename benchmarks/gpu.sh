#!/usr/bin/env bash
# The checks that need a CUDA GPU, in one run, for a machine that has one (CI never does):
#   bash benchmarks/gpu.sh [all|cuda|bench|suite]        logs go to $OUT (default ./gpu-out), each in full
# - the tests marked `cuda` (every one skips without a GPU);
# - the engine's figures on the GPU: telemetry on/off against the resident-tensor and DataLoader loops, MLP at three
#   widths and three presets;
# - the whole non-browser suite with the device left at "auto", which is the GPU there: one line per test as it ends,
#   and each failure's report in failures.log as it happens, so a run stopped at its time limit still says why.
#   (Tests that compute a reference on the CPU beside a model trained on the GPU fail there: they assume the CPU.)
# Runs with whatever python3 holds torch with CUDA (PYTHON=...), from the repository's root.
set -u
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
OUT=${OUT:-gpu-out}
mkdir -p "$OUT"
export PYTHONUNBUFFERED=1
MODE=${1:-all}
{ nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv
  "$PY" -c "import torch; print('torch', torch.__version__, 'cuda', torch.cuda.is_available())"; nproc; uptime; } \
  2>&1 | tee "$OUT/machine.txt"
case $MODE in all|cuda)
  timeout 120 "$PY" -m pytest -p no:cacheprovider -m cuda -rA --tb=short tests/test_cuda.py tests/test_training.py \
    tests/test_distributed.py > "$OUT/cuda.log" 2>&1; tail -3 "$OUT/cuda.log";;
esac
case $MODE in all|bench)
  timeout 150 "$PY" benchmarks/bench.py --device cuda --widths 64 1024 4096 --epochs 30 --repeats 3 \
    > "$OUT/bench.log" 2>&1
  timeout 150 "$PY" benchmarks/train_throughput.py --device cuda --presets lenet_digits resnet18_digits lstm_adding \
    --epochs 15 --repeats 3 >> "$OUT/bench.log" 2>&1; cat "$OUT/bench.log";;
esac
case $MODE in all|suite)
  rm -f "$OUT/failures.log"
  NETBUILDER_FAILURE_LOG="$OUT/failures.log" timeout 300 "$PY" -m pytest -p no:cacheprovider -n "${WORKERS:-12}" -m "not browser" -v --tb=line \
    --ignore=tests/browser > "$OUT/suite.log" 2>&1
  grep -E "(FAILED|ERROR) " "$OUT/suite.log" | sort > "$OUT/failed.txt"; wc -l < "$OUT/failed.txt"; tail -3 "$OUT/suite.log";;
esac
