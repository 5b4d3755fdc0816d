"""Measures training throughput (windows/s) for batch-token budgets and thread settings.

Why a separate tool: the 2 cores are shared with other work, so single timings swing by 2-3x.
This runs each configuration in a fresh subprocess (thread settings of OpenBLAS are fixed at
import time), alternates configurations over several rounds, and reports the median and the best
round; the best approximates an idle machine, the median what a run will likely see.

    /usr/bin/python3 models/train/bench_throughput.py --data DIR [--batch-tokens 4096,8192,16384]
"""

from __future__ import annotations

import threads_env  # noqa: F401  (must precede numpy/torch)
import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def child(data: str, batch_tokens: int, seconds: float, sample: int) -> None:
    import torch

    sys.path.insert(0, HERE)
    import data as D
    from model import WaferEncoder
    from train import make_optimizer, train_step
    from lr_schedule import make_scheduler

    torch.set_num_threads(int(os.environ.get("WAFER_TORCH_THREADS", "2")))
    torch.manual_seed(0)
    torch.use_deterministic_algorithms(True)
    info = D.load_labels(data)
    ws = D.load_split(data, "train", info, sample=sample)
    model = WaferEncoder(info["vocabSize"], max_len=info["maxLength"], n_labels=len(info["labels"]))
    opt = make_optimizer(model, 1e-3, 0.01)
    sched = make_scheduler(opt, 10, 10_000)
    weights = torch.ones(len(info["labels"]))
    batches = D.train_batches(ws.lengths, batch_tokens, 1, 0)
    for index in batches[:3]:
        train_step(model, opt, sched, ws, index, info["padId"], weights)
    n = 0
    t0 = time.perf_counter()
    for index in batches[3:]:
        train_step(model, opt, sched, ws, index, info["padId"], weights)
        n += len(index)
        if time.perf_counter() - t0 > seconds:
            break
    print(json.dumps({"windows_per_s": n / (time.perf_counter() - t0)}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--batch-tokens", default="8192")
    ap.add_argument("--threads", default="2:1", help="comma list of TORCH:OPENBLAS thread pairs")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--sample", type=int, default=30000)
    ap.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child is not None:
        child(args.data, args.child, args.seconds, args.sample)
        return
    configs = [(int(bt), t) for bt in args.batch_tokens.split(",") for t in args.threads.split(",")]
    results = {c: [] for c in configs}
    for r in range(args.rounds):
        for bt, threads in configs:
            tt, ob = threads.split(":")
            env = dict(os.environ, WAFER_TORCH_THREADS=tt, OPENBLAS_NUM_THREADS=ob, OMP_NUM_THREADS=tt)
            out = subprocess.run(
                [sys.executable, __file__, "--data", args.data, "--child", str(bt), "--seconds", str(args.seconds), "--sample", str(args.sample)],
                env=env, capture_output=True, text=True, check=True,
            )
            wps = json.loads(out.stdout.strip().splitlines()[-1])["windows_per_s"]
            results[(bt, threads)].append(wps)
            print(f"round {r + 1} batch-tokens {bt} threads {threads}: {wps:,.0f} windows/s", flush=True)
    for (bt, threads), v in results.items():
        v = sorted(v)
        print(f"batch-tokens {bt:>6} threads {threads}: median {v[len(v) // 2]:,.0f}  best {v[-1]:,.0f} windows/s")


if __name__ == "__main__":
    main()
