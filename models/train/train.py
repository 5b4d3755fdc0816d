"""Train the Wafer detector on tokenized windows, then calibrate, evaluate and export (pipeline.py).

    /usr/bin/python3 models/train/train.py --data DIR --out DIR [--seed 1] [--epochs auto|N]
        [--max-minutes 60] [--batch-tokens 4096] [--lr 1e-3] [--sample N] [--resume]

Design choices (why):
* AdamW + linear warmup + cosine decay: the standard recipe for small Transformers; the schedule
  is planned in steps up front (all epochs' batch lists are known), so it ends at the right time.
* `--epochs auto` measures training and inference throughput on this machine for ~10 s (on a
  throwaway copy of the model, inside a forked RNG, so the real run is unaffected), discounts it by
  PLAN_SAFETY, and picks the number of epochs that fits ~88 % of `--max-minutes` (if not even one
  epoch fits, the steps that do, with the LR schedule planned over them); the plan is printed
  before training. Post-training (calibrate/evaluate/export) adds ~2-5 min on top.
* Determinism: seeds for torch/numpy/python, `torch.use_deterministic_algorithms(True)`, a fixed
  thread count, and batch order a pure function of (seed, epoch). Two runs with the same seed,
  data and thread count give identical weights.
* Checkpoints every ~2 minutes and at each epoch end (checkpoint.py) with everything needed to
  continue exactly; `--resume` continues from `--out/checkpoints/last.pt` using the saved plan.
* `--max-minutes` is a hard budget for the training loop (across resumes): when it would be
  exceeded the loop stops after the current batch, validates, and continues with the best
  checkpoint (lowest class-weighted validation loss = the training objective on held-out data).
* `--sample N`: smoke mode, N train windows, 1 epoch, small evaluation sets; ~1-2 minutes.
"""

from __future__ import annotations

import threads_env  # noqa: F401  (must precede numpy/torch)
import argparse
import copy
import hashlib
import json
import os
import platform
import random
import sys
import time
from typing import Dict, List, Optional

import numpy as np
import torch
from torch.nn import functional as F

import checkpoint as ckpt
from data import class_weights, collate, label_counts, limit_requests, load_labels, load_split, log, train_batches
from inference import predict_probs, validation_summary
from lr_schedule import make_scheduler
from model import WaferEncoder, count_parameters
from progress import Progress, format_seconds

SMOKE_EVAL_REQUESTS = 1500
#: Planning uses this share of the throughput measured in the ~10 s benchmark: on the real corpus
#: (595k windows) the benchmark said 733 windows/s while whole epochs sustained 610-640 windows/s
#: (shared machine, longer tail batches, checkpointing), so unscaled plans overran by ~15 %.
PLAN_SAFETY = 0.85
SMOKE_MAX_MINUTES = 1.5


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description="Train the Wafer detector (see module docstring).")
    ap.add_argument("--data", required=True, help="directory with labels.json and *.jsonl")
    ap.add_argument("--out", required=True, help="output directory (checkpoints, ONNX, metrics)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--epochs", default="auto", help="number of epochs, or 'auto' (fit the time budget)")
    ap.add_argument("--max-minutes", type=float, default=60.0, help="hard budget for the training loop")
    ap.add_argument("--batch-tokens", type=int, default=4096, help="padded tokens per batch (rows x max length)")
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--weight-decay", type=float, default=0.01)
    ap.add_argument("--warmup-steps", type=int, default=300)
    ap.add_argument("--class-weight-power", type=float, default=0.5, help="0 = unweighted, 1 = inverse frequency")
    ap.add_argument("--d-model", type=int, default=128)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--d-ff", type=int, default=256)
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--emb-dim", default="auto", help="token embedding width: 'auto' (d_model unless the float ONNX would exceed 8 MB) or an int")
    ap.add_argument("--sample", type=int, default=None, help="smoke mode: N train windows, 1 epoch, tiny eval")
    ap.add_argument("--resume", action="store_true", help="continue from --out/checkpoints/last.pt")
    ap.add_argument("--checkpoint-minutes", type=float, default=2.0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--target-fpr", type=float, default=0.001)
    ap.add_argument("--no-post", action="store_true", help="train only (skip calibrate/evaluate/export)")
    return ap.parse_args(argv)


def set_determinism(seed: int, threads: int) -> None:
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    np.random.seed(seed)
    random.seed(seed)
    torch.use_deterministic_algorithms(True)


def data_fingerprint(ws) -> str:
    """Identifies the training windows, so --resume refuses a different data set."""
    h = hashlib.sha1()
    for arr in (ws.ids, ws.offsets, ws.y):
        h.update(np.ascontiguousarray(arr).tobytes())
    return h.hexdigest()


def choose_emb_dim(setting, vocab_size: int, d_model: int, budget_bytes: int = int(7.5 * 1024 * 1024)) -> Optional[int]:
    """d_model unless vocab x d_model float32 would push model.onnx past ~7.5 MB (of the 8 MB cap)."""
    if setting not in (None, "auto"):
        value = int(setting)
        return None if value == d_model else value
    rest = 1_100_000  # encoder layers, position table, head: ~1 MB at the default sizes
    for dim in (d_model, 96, 64, 48, 32):
        if vocab_size * dim * 4 + rest <= budget_bytes:
            return None if dim == d_model else dim
    return 32


def make_optimizer(model: torch.nn.Module, lr: float, weight_decay: float) -> torch.optim.Optimizer:
    """AdamW; no weight decay on biases and LayerNorm gains (decaying them only hurts)."""
    decay = [p for n, p in model.named_parameters() if p.ndim >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.ndim < 2]
    groups = [{"params": decay, "weight_decay": weight_decay}, {"params": no_decay, "weight_decay": 0.0}]
    return torch.optim.AdamW(groups, lr=lr, betas=(0.9, 0.98), eps=1e-8)


def train_step(model, optimizer, scheduler, ws, index, pad_id, weights_t, clip: float = 1.0) -> float:
    """One optimizer step on one batch; returns the summed (weighted) loss of the batch."""
    ids, mask = collate(ws, index, pad_id)
    y = torch.from_numpy(ws.y[index])
    logits = model(torch.from_numpy(ids), torch.from_numpy(mask))
    per_window = F.cross_entropy(logits, y, reduction="none") * weights_t[y]
    loss = per_window.mean()  # weights have mean 1 over the data: a stable scale for any batch mix
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), clip)
    optimizer.step()
    scheduler.step()
    return float(per_window.detach().sum())


def measure_throughput(model, ws_train, ws_val, batches: List[np.ndarray], pad_id: int, weights_t, lr: float, seconds: float = 8.0) -> Dict[str, float]:
    """Times training steps (throwaway model copy, forked RNG) and inference on this machine."""
    bench = copy.deepcopy(model)
    opt = make_optimizer(bench, lr, 0.0)
    sched = make_scheduler(opt, 10, 1000)
    with torch.random.fork_rng():
        for index in batches[:2]:  # warm-up (allocator, thread pool)
            train_step(bench, opt, sched, ws_train, index, pad_id, weights_t)
        n_win = n_tok = 0
        t0 = time.perf_counter()
        for index in batches[2:]:
            train_step(bench, opt, sched, ws_train, index, pad_id, weights_t)
            n_win += len(index)
            n_tok += int(ws_train.lengths[index].sum())
            if time.perf_counter() - t0 > seconds:
                break
        train_s = time.perf_counter() - t0
    result = {"train_windows_per_s": n_win / train_s, "train_tokens_per_s": n_tok / train_s, "bench_windows": n_win}
    if ws_val is not None and len(ws_val):
        sub = ws_val.subset(np.arange(min(len(ws_val), 3000)))
        t0 = time.perf_counter()
        predict_probs(bench, sub, pad_id)
        result["eval_windows_per_s"] = len(sub) / (time.perf_counter() - t0)
    else:
        result["eval_windows_per_s"] = result["train_windows_per_s"] * 3
    return result


def make_plan(cfg: dict, model, ws_train, ws_val, weights_t, n_eval_windows: int) -> dict:
    """Epochs, steps and warmup; with epochs='auto', from measured throughput and the budget."""
    pad_id = cfg["pad_id"]
    budget_s = cfg["max_minutes"] * 60.0
    first = train_batches(ws_train.lengths, cfg["batch_tokens"], cfg["seed"], 0)
    plan = {"batch_tokens": cfg["batch_tokens"], "windows_per_batch": len(ws_train) / max(1, len(first))}
    n_val = len(ws_val) if ws_val is not None else 0
    if cfg["epochs"] == "auto":
        tp = measure_throughput(model, ws_train, ws_val, first, pad_id, weights_t, cfg["lr"])
        tp["planning_train_windows_per_s"] = tp["train_windows_per_s"] * PLAN_SAFETY
        epoch_s = len(ws_train) / tp["planning_train_windows_per_s"] + n_val / (tp["eval_windows_per_s"] * PLAN_SAFETY)
        epochs = int(max(1, min(30, (0.88 * budget_s) // epoch_s)))
        plan.update(measured=tp, estimated_epoch_s=epoch_s)
    else:
        epochs = int(cfg["epochs"])
    counts = [len(first)] + [len(train_batches(ws_train.lengths, cfg["batch_tokens"], cfg["seed"], e)) for e in range(1, epochs)]
    total = int(sum(counts))
    max_steps = None
    if "measured" in plan and plan["estimated_epoch_s"] > 0.88 * budget_s:
        # Not even one epoch fits: plan (and decay the LR over) the steps that do fit.
        steps_per_s = plan["measured"]["planning_train_windows_per_s"] / plan["windows_per_batch"]
        val_s = n_val / (plan["measured"]["eval_windows_per_s"] * PLAN_SAFETY)
        max_steps = int(max(1, min(total, (0.88 * budget_s - val_s) * steps_per_s)))
        total = max_steps
    plan["max_steps"] = max_steps
    warmup = int(max(1, min(cfg["warmup_steps"], 0.05 * total)))
    plan.update(epochs=epochs, batches_per_epoch=counts, total_steps=total, warmup_steps=warmup)
    if "measured" in plan:
        tp = plan["measured"]
        plan["estimated_training_s"] = min(epochs * plan["estimated_epoch_s"], 0.88 * budget_s)
        plan["estimated_post_training_s"] = 2 * n_eval_windows / tp["eval_windows_per_s"] + 45
    return plan


def print_plan(plan: dict, cfg: dict, ws_train, model) -> None:
    lengths = ws_train.lengths
    lines = [
        f"[plan] train windows {len(ws_train):,} (median length {int(np.median(lengths))}, mean {lengths.mean():.1f}), "
        f"batch-tokens {plan['batch_tokens']} (~{plan['windows_per_batch']:.0f} windows/batch), "
        f"model {count_parameters(model):,} parameters, threads {cfg['threads']}",
    ]
    if "measured" in plan:
        tp = plan["measured"]
        lines.append(
            f"[plan] measured: train {tp['train_windows_per_s']:,.0f} windows/s ({tp['train_tokens_per_s']:,.0f} tokens/s), "
            f"inference {tp['eval_windows_per_s']:,.0f} windows/s -> planning with {PLAN_SAFETY:.0%} of that: "
            f"~{format_seconds(plan['estimated_epoch_s'])} per epoch incl. validation"
        )
    lines.append(
        f"[plan] {plan['epochs']} epoch(s)" + (f" cut to {plan['max_steps']:,} steps to fit the budget" if plan.get("max_steps") else "")
        + f", {plan['total_steps']:,} steps (warmup {plan['warmup_steps']}), "
        f"lr {cfg['lr']:g}, budget {cfg['max_minutes']:g} min"
        + (f", estimated training {format_seconds(plan['estimated_training_s'])} + post-training ~{format_seconds(plan['estimated_post_training_s'])}" if "estimated_training_s" in plan else "")
    )
    for line in lines:
        log(line)


def _checkpoint_payload(state: dict, model, optimizer, scheduler) -> dict:
    payload = {k: v for k, v in state.items()}
    payload.update(model=model.state_dict(), optimizer=optimizer.state_dict(), scheduler=scheduler.state_dict(), rng=ckpt.rng_states())
    return payload


def train(cfg: dict, ws_train, ws_val, info: dict, n_eval_windows: int = 0) -> dict:
    """The training loop. Returns {'model' (best weights loaded), 'state', 'plan', 'stop_reason'}."""
    out_dir = cfg["out"]
    ck_dir = ckpt.checkpoint_dir(out_dir)
    labels = info["labels"]
    pad_id = cfg["pad_id"] = info["padId"]
    set_determinism(cfg["seed"], cfg["threads"])
    fingerprint = data_fingerprint(ws_train)
    resume = ckpt.load(os.path.join(ck_dir, ckpt.LAST)) if cfg.get("resume") else None
    if cfg.get("resume") and resume is None:
        log(f"[train] --resume: no checkpoint in {ck_dir}, starting fresh")
    if resume is not None:
        if resume["fingerprint"] != fingerprint:
            raise SystemExit("[train] --resume: the training data differ from the checkpoint's; refusing")
        model_config = resume["model_config"]
    else:
        emb_dim = choose_emb_dim(cfg.get("emb_dim", "auto"), info["vocabSize"], cfg["d_model"])
        model_config = dict(
            vocab_size=info["vocabSize"], d_model=cfg["d_model"], n_layers=cfg["layers"], n_heads=cfg["heads"], d_ff=cfg["d_ff"],
            max_len=info["maxLength"], n_labels=len(labels), dropout=cfg["dropout"], pad_id=pad_id, emb_dim=emb_dim,
        )
    # A resumed run keeps its original settings (seed, lr, weights...); only the budget is new.
    run_cfg = resume["cfg"] if resume is not None else {k: v for k, v in cfg.items() if k not in ("resume",)}
    model = WaferEncoder(**model_config)
    weights = class_weights(ws_train.y, len(labels), run_cfg["class_weight_power"])
    weights_t = torch.from_numpy(weights)

    if resume is not None:
        plan = resume["plan"]
        if resume["epoch"] >= plan["epochs"]:
            log("[train] --resume: the checkpoint is past the last planned epoch; nothing left to train")
        else:
            log(f"[train] resuming in epoch {resume['epoch'] + 1}/{plan['epochs']} at batch {resume['batch']} (step {resume['step']})")
    else:
        plan = make_plan(cfg, model, ws_train, ws_val, weights_t, n_eval_windows)
    print_plan(plan, {**cfg, **(resume["cfg"] if resume else {}), "max_minutes": cfg["max_minutes"]}, ws_train, model)
    optimizer = make_optimizer(model, run_cfg["lr"], run_cfg["weight_decay"])
    scheduler = make_scheduler(optimizer, plan["warmup_steps"], plan["total_steps"])
    state = dict(
        epoch=0, batch=0, step=0, train_seconds=0.0, epoch_loss_sum=0.0, epoch_windows=0, epoch_seconds=0.0,
        history=[], best=None, checkpoints_written=0,
    )
    if resume is not None:
        model.load_state_dict(resume["model"])
        optimizer.load_state_dict(resume["optimizer"])
        scheduler.load_state_dict(resume["scheduler"])
        for key in state:
            state[key] = resume[key]
        ckpt.restore_rng_states(resume["rng"])
    static = dict(cfg=run_cfg, plan=plan, model_config=model_config, fingerprint=fingerprint, class_weights=weights.tolist(), labels=labels)

    def save_last() -> None:
        state["checkpoints_written"] += 1
        ckpt.atomic_save(_checkpoint_payload({**state, **static}, model, optimizer, scheduler), os.path.join(ck_dir, ckpt.LAST))

    def validate() -> Dict[str, float]:
        if ws_val is None or not len(ws_val):
            return {}
        probs = predict_probs(model, ws_val, pad_id)
        return validation_summary(probs, ws_val.y, weights)

    def end_of_epoch(partial: bool) -> None:
        """Validation, history, best checkpoint; the epoch's position already points past it."""
        val = validate()
        record = {
            "epoch": state["epoch"] + 1,
            "partial": partial,
            "step": state["step"],
            "train_loss": state["epoch_loss_sum"] / max(1, state["epoch_windows"]),
            "train_windows": state["epoch_windows"],
            "train_seconds": state["epoch_seconds"],
            "lr": scheduler.get_last_lr()[0],
            **{f"val_{k}": v for k, v in val.items()},
        }
        state["history"].append(record)
        score = val.get("loss", -state["step"])  # no validation: the latest model is "best"
        if state["best"] is None or score < state["best"]["score"]:
            state["best"] = {"score": score, "epoch": record["epoch"], "step": state["step"], "partial": partial}
            ckpt.atomic_save({"model": model.state_dict(), "model_config": model_config, "record": record, "labels": labels}, os.path.join(ck_dir, ckpt.BEST))
        log(
            f"[train] epoch {record['epoch']}{' (partial)' if partial else ''}: train loss {record['train_loss']:.4f}"
            + (f", val loss {val['loss']:.4f} (unweighted {val['loss_unweighted']:.4f}), val acc {val['accuracy']:.4f}, val macro-F1 {val['macro_f1']:.4f}" if val else "")
            + f", {format_seconds(record['train_seconds'])}"
        )

    budget_s = cfg["max_minutes"] * 60.0
    ckpt_every_s = cfg.get("checkpoint_minutes", 2.0) * 60.0
    ckpt_every_steps = cfg.get("checkpoint_every_steps")  # tests only
    stop_after_steps = cfg.get("stop_after_steps")  # tests only: simulates a kill (no saving)
    est_eval_s = (len(ws_val) if ws_val is not None else 0) / plan.get("measured", {}).get("eval_windows_per_s", 3000.0)
    stop_reason = "completed"
    model.train()
    session_start = time.perf_counter()
    trained_before = state["train_seconds"]
    last_ckpt = time.perf_counter()
    while state["epoch"] < plan["epochs"]:
        batches = train_batches(ws_train.lengths, plan["batch_tokens"], run_cfg["seed"], state["epoch"])
        n_epoch_windows = len(ws_train)
        done_windows = int(sum(len(b) for b in batches[: state["batch"]]))
        bar = Progress(n_epoch_windows, f"epoch {state['epoch'] + 1}/{plan['epochs']}", start=done_windows)
        over_budget = False
        while state["batch"] < len(batches) and not (plan.get("max_steps") and state["step"] >= plan["max_steps"]):
            t0 = time.perf_counter()
            index = batches[state["batch"]]
            loss_sum = train_step(model, optimizer, scheduler, ws_train, index, pad_id, weights_t)
            dt = time.perf_counter() - t0
            state["batch"] += 1
            state["step"] += 1
            state["epoch_loss_sum"] += loss_sum
            state["epoch_windows"] += len(index)
            state["epoch_seconds"] += dt
            state["train_seconds"] = trained_before + (time.perf_counter() - session_start)
            bar.update(len(index), loss=state["epoch_loss_sum"] / state["epoch_windows"], lr=scheduler.get_last_lr()[0])
            now = time.perf_counter()
            if (ckpt_every_steps and state["step"] % ckpt_every_steps == 0) or (not ckpt_every_steps and now - last_ckpt >= ckpt_every_s):
                save_last()
                last_ckpt = now
            if stop_after_steps is not None and state["step"] >= stop_after_steps:
                bar.close()
                return {"model": model, "state": state, "plan": plan, "stop_reason": "interrupted"}
            if state["train_seconds"] + est_eval_s >= budget_s and not (state["batch"] == len(batches) and state["epoch"] + 1 == plan["epochs"]):
                over_budget = True
                break
        bar.close()
        if plan.get("max_steps") and state["step"] >= plan["max_steps"] and state["batch"] < len(batches):
            log(f"[train] planned {plan['max_steps']} steps done (part of an epoch)")
            stop_reason = "planned_steps"
            end_of_epoch(partial=True)
            save_last()
            break
        if over_budget:
            stop_reason = "time_budget"
            log(f"[train] time budget of {cfg['max_minutes']:g} min reached at step {state['step']}/{plan['total_steps']}; stopping cleanly")
            end_of_epoch(partial=True)
            save_last()
            break
        end_of_epoch(partial=False)
        state.update(epoch=state["epoch"] + 1, batch=0, epoch_loss_sum=0.0, epoch_windows=0, epoch_seconds=0.0)
        state["train_seconds"] = trained_before + (time.perf_counter() - session_start)
        save_last()
        last_ckpt = time.perf_counter()
    best = ckpt.load(os.path.join(ck_dir, ckpt.BEST))
    if best is not None:
        model.load_state_dict(best["model"])
        log(f"[train] using best checkpoint: epoch {best['record']['epoch']} (step {best['record']['step']}), val loss {best['record'].get('val_loss', float('nan')):.4f}")
    model.eval()
    return {"model": model, "state": state, "plan": plan, "stop_reason": stop_reason, "model_config": model_config, "class_weights": weights.tolist(), "cfg": run_cfg}


def main(argv: Optional[List[str]] = None) -> int:
    t_start = time.perf_counter()
    args = parse_args(argv)
    cfg = {k.replace("-", "_"): v for k, v in vars(args).items()}
    smoke = args.sample is not None
    if smoke:
        cfg["epochs"] = "1"
        cfg["max_minutes"] = min(cfg["max_minutes"], SMOKE_MAX_MINUTES)
        log(f"[train] smoke mode: {args.sample} train windows, 1 epoch, evaluation sets capped at {SMOKE_EVAL_REQUESTS} requests")
    os.makedirs(args.out, exist_ok=True)
    torch.set_num_threads(args.threads)
    info = load_labels(args.data)
    ws_train = load_split(args.data, "train", info, sample=args.sample, seed=args.seed)
    if ws_train is None:
        raise SystemExit("[train] no training data")
    splits = {name: load_split(args.data, name, info) for name in ("validation", "test", "ood", "benign-benchmark")}
    if smoke:
        splits = {k: (limit_requests(v, SMOKE_EVAL_REQUESTS, args.seed) if v is not None else None) for k, v in splits.items()}
    log(f"[data] train label counts: {label_counts(ws_train, info['labels'])}")
    n_eval = sum(len(v) for v in splits.values() if v is not None)
    t_loaded = time.perf_counter()
    result = train(cfg, ws_train, splits["validation"], info, n_eval_windows=n_eval)
    t_trained = time.perf_counter()
    if result["stop_reason"] == "interrupted":
        return 0
    state = result["state"]
    total_windows = sum(h["train_windows"] for h in state["history"])
    total_train_s = sum(h["train_seconds"] for h in state["history"])
    train_log = {
        "config": {k: v for k, v in result["cfg"].items()},
        "seed": args.seed,
        "smoke": smoke,
        "model_config": result["model_config"],
        "parameters": count_parameters(result["model"]),
        "class_weights": dict(zip(info["labels"], result["class_weights"])),
        "train_label_counts": label_counts(ws_train, info["labels"]),
        "versions": {"torch": torch.__version__, "numpy": np.__version__, "python": platform.python_version()},
        "machine": {"threads": torch.get_num_threads(), "cpu_count": os.cpu_count(), "platform": platform.platform()},
        "plan": result["plan"],
        "stop_reason": result["stop_reason"],
        "best": state["best"],
        "throughput": {
            "train_windows_per_s": total_windows / total_train_s if total_train_s else None,
            "train_tokens_per_s_estimate": (total_windows / total_train_s) * float(ws_train.lengths.mean()) if total_train_s else None,
            "median_window_length": float(np.median(ws_train.lengths)),
            "mean_window_length": float(ws_train.lengths.mean()),
            "batch_tokens": result["plan"]["batch_tokens"],
        },
        "epochs": state["history"],
        "duration_s": {"load": t_loaded - t_start, "training_loop_this_session": t_trained - t_loaded, "training_total": state["train_seconds"]},
    }
    if not args.no_post:
        import pipeline  # late import: matplotlib/onnx are only needed after training

        post = pipeline.post_training(result["model"], info, splits, args.out, args.target_fpr, args.seed)
        train_log["post_training"] = post
    train_log["duration_s"]["post_training"] = time.perf_counter() - t_trained
    train_log["duration_s"]["total_this_session"] = time.perf_counter() - t_start
    with open(os.path.join(args.out, "train-log.json"), "w", encoding="utf-8") as f:
        json.dump(train_log, f, indent=2, default=_json_default)
    log(f"[train] done in {format_seconds(time.perf_counter() - t_start)}; outputs in {args.out}")
    return 0


def _json_default(obj):
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, (np.floating,)):
        return float(obj)
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    raise TypeError(f"not JSON serializable: {type(obj)}")


if __name__ == "__main__":
    sys.exit(main())
