"""Distributed training under torchrun: two gloo ranks on the CPU against one process, a rank killed mid-run,
resuming a distributed checkpoint on one process and on two ranks, the launch command, and NCCL on a GPU."""
import csv
import json
import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file
from torch.distributed.run import get_args_parser

import builder
from builder.distributed import Group, shard, unused_parameters
from builder.errors import SpecErrors
from builder.bundle import write_bundle
from builder.script import distributed_command
from builder.training import Trainer
from conftest import moons_spec, root_on_path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 240  # seconds for one torchrun launch: three Python processes importing torch on a busy 2-core runner
# The ranks weight their losses by their share of each global batch, so two ranks compute the single process's
# gradients; only the order of float additions differs (all-reduce, per-rank sums).
RTOL = 1e-5


def env(**extra) -> dict:
    return root_on_path(OMP_NUM_THREADS="1", NETBUILDER_DIST_TIMEOUT="30", **extra)


def torchrun_cmd(nproc: int, *train_args) -> list[str]:
    return [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", str(nproc),
            "-m", "builder", "train", *map(str, train_args)]


def torchrun(nproc: int, *train_args, **extra_env) -> subprocess.CompletedProcess:
    return subprocess.run(torchrun_cmd(nproc, *train_args), capture_output=True, text=True, cwd=ROOT,
                          timeout=TIMEOUT, env=env(**extra_env))


def history(bundle: Path) -> list[dict]:
    with open(bundle / "history.csv") as f:
        return [{k: float(v) for k, v in row.items() if v != ""} for row in csv.DictReader(f)]


@pytest.fixture(scope="module")
def two_ranks(tmp_path_factory):
    """One epoch of the 2-epoch spec on two gloo ranks (a bundle, and a checkpoint to resume from)."""
    tmp = tmp_path_factory.mktemp("ddp")
    spec = tmp / "spec.json"
    spec.write_text(json.dumps(moons_spec()))
    result = torchrun(2, spec, "--epochs", "1", "--out", tmp / "run")
    return tmp, result


def test_two_gloo_ranks_train_as_one_process_does(two_ranks, tmp_path):
    tmp, result = two_ranks
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]  # every rank exited with 0
    single = Trainer.from_spec(moons_spec(), telemetry=False, epochs=1).run()
    write_bundle(single, tmp_path / "single")
    ddp_row, one_row = history(tmp / "run")[0], history(tmp_path / "single")[0]
    for key in ("train_loss", "val_loss", "train_acc", "val_acc"):
        assert ddp_row[key] == pytest.approx(one_row[key], rel=RTOL), key
    weights = load_file(tmp / "run" / "model.safetensors")
    for name, value in single.model.state_dict().items():
        torch.testing.assert_close(weights[name], value, rtol=RTOL, atol=1e-6)


def test_only_rank_0_reports_and_writes(two_ranks):
    tmp, result = two_ranks
    out = result.stdout
    assert out.count("distributed: 2 ranks (gloo on cpu); global batch size 33 = 16–17 samples per rank") == 1
    assert out.count("bundle written to") == 1 and out.count("throughput:") == 1
    assert result.stderr.count("mlp on cpu:") >= 1 and "rank 1" not in result.stderr  # one progress bar
    assert sorted(p.name for p in (tmp / "run").iterdir()) == ["checkpoints", "history.csv", "model.safetensors",
                                                                "spec.json"]
    assert sorted(p.name for p in (tmp / "run" / "checkpoints").iterdir()) == ["best.pt", "last.pt"]
    assert sorted(p.name for p in tmp.iterdir()) == ["run", "spec.json"]


def test_a_distributed_checkpoint_resumes_on_one_process(two_ranks):
    tmp, _ = two_ranks
    resumed = Trainer.from_spec(moons_spec(), telemetry=False,
                                resume=tmp / "run" / "checkpoints" / "last.pt").run()
    assert resumed.status == "finished" and [r["epoch"] for r in resumed.history()] == [1, 2]
    straight = Trainer.from_spec(moons_spec(), telemetry=False).run()
    assert resumed.global_step == straight.global_step
    assert [r["train_loss"] for r in resumed.history()] == pytest.approx(
        [r["train_loss"] for r in straight.history()], rel=RTOL)
    for a, b in zip(resumed.model.parameters(), straight.model.parameters()):
        torch.testing.assert_close(a, b, rtol=RTOL, atol=1e-6)


def _worker(parent: int, local_rank: int) -> int | None:
    """The pid of the child of `parent` whose environment says LOCAL_RANK=local_rank."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])  # the name in (...) may hold spaces
            environ = (stat.parent / "environ").read_bytes().split(b"\0")
        except (OSError, ValueError, IndexError):
            continue  # the process ended, or is not ours to read
        if ppid == parent and f"LOCAL_RANK={local_rank}".encode() in environ:
            return int(stat.parent.name)
    return None


def _wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {seconds}s waiting for {what}")


def test_a_killed_rank_ends_the_run_with_an_error_and_the_run_resumes_on_two_ranks(tmp_path):
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(moons_spec(epochs=100_000, batch_size=8)))
    log = open(tmp_path / "log.txt", "w+")
    proc = subprocess.Popen(torchrun_cmd(2, spec, "--out", tmp_path / "run"), stdout=log, stderr=subprocess.STDOUT,
                            cwd=ROOT, env=env(), start_new_session=True)
    try:
        checkpoint = tmp_path / "run" / "checkpoints" / "last.pt"
        _wait_for(checkpoint.exists, TIMEOUT, "the first epoch's checkpoint")  # training has begun
        os.kill(_wait_for(lambda: _worker(proc.pid, 1), 10, "the rank with LOCAL_RANK=1"), signal.SIGKILL)
        returncode = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # our own torchrun and its workers, never a hang in CI
            proc.wait()
    log.seek(0)
    output = log.read()
    assert returncode != 0
    assert "local_rank: 1" in output and "SIGKILL" in output, output[-3000:]

    epoch = torch.load(checkpoint, weights_only=True)["epoch"]
    result = torchrun(2, spec, "--resume", checkpoint, "--epochs", epoch + 1, "--out", tmp_path / "resumed")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    assert [r["epoch"] for r in history(tmp_path / "resumed")] == list(range(1, epoch + 2))


def test_shards_cover_each_global_batch_once():
    for world, n in ((2, 33), (3, 7), (4, 2)):
        idx = torch.randperm(100)[:n]
        parts = [shard(idx, Group(r, world, r, torch.device("cpu"), "gloo")) for r in range(world)]
        counted = [p for p, k in parts if k]
        assert sorted(torch.cat(counted).tolist()) == sorted(idx.tolist())
        assert sum(k for _, k in parts) == n
        assert all(len(p) == 1 for p, k in parts if k == 0)  # an empty share still runs one sample, weight 0


def test_ddp_is_told_of_layers_that_reach_no_output():
    spec = moons_spec()
    assert not unused_parameters(builder.build_model(spec))
    spec["layers"].insert(0, {"id": "side", "type": "Linear", "params": {"out_features": 3}})
    spec["layers"][1]["inputs"] = ["input"]  # fc1 reads the input; side's output is never read
    assert unused_parameters(builder.build_model(spec))


def test_a_batch_smaller_than_the_ranks_is_refused():
    group = Group(0, 4, 0, torch.device("cpu"), "gloo")
    with pytest.raises(SpecErrors, match="batch_size 2 is smaller than the number of ranks"):
        Trainer.from_spec(moons_spec(batch_size=2), telemetry=False, group=group)


def test_the_launch_command_is_what_torchrun_parses():
    command = distributed_command("my specs/lenet.json", 4)
    assert command == "torchrun --standalone --nproc_per_node 4 -m builder train 'my specs/lenet.json'"
    args = get_args_parser().parse_args(shlex.split(command)[1:])
    assert args.nproc_per_node == "4" and args.module and args.standalone
    assert [args.training_script, *args.training_script_args] == ["builder", "train", "my specs/lenet.json"]
    multi = get_args_parser().parse_args(shlex.split(distributed_command("spec.json", 8, nnodes=2))[1:])
    assert (multi.nnodes, multi.nproc_per_node, multi.rdzv_backend) == ("2", "8", "c10d")
    assert multi.rdzv_endpoint.endswith(":29500") and not multi.standalone


@pytest.mark.cuda
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_nccl_on_one_gpu(tmp_path):
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(moons_spec(epochs=1)))
    result = torchrun(1, spec, "--device", "cuda", "--out", tmp_path / "run")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "distributed: 1 rank (nccl on cuda)" in result.stdout
    single = Trainer.from_spec(moons_spec(epochs=1), telemetry=False, device="cuda").run()
    assert history(tmp_path / "run")[0]["train_loss"] == pytest.approx(single.history()[0]["train_loss"], rel=1e-4)
