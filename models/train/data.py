"""Loading tokenized windows into compact arrays, length-bucketed batching, and class weights.

Why compact arrays: 600k windows as Python lists of ints cost ~1 GB and are slow to batch; one
flat int32 array plus offsets is ~70 MB and lets a batch be gathered with one fancy-index.

Why length-bucketed batches: windows are mostly short (median ~20 ids) with a tail to 128.
Random batches would pad everything to ~128 and waste most of the CPU on padding; sorting by
length inside shuffled chunks and filling each batch up to a TOKEN budget (rows x padded length)
keeps padding small, gives short windows big batches and long windows small ones, and still
randomizes the order (chunks are shuffled, then the batches of the whole epoch are shuffled).
Everything is a pure function of (seed, epoch), so an epoch's order can be rebuilt exactly when
resuming.

Class imbalance: we use CLASS-WEIGHTED loss, weight_c proportional to (N / (K * n_c)) ** 0.5
(square-root inverse frequency), normalized so an average window has weight 1, capped at
``max_weight``. Why this rather than balanced sampling: (1) every window is still seen exactly
once per epoch, so the epoch/step position stays trivially reproducible and rare classes' few
distinct payloads are not repeated 10-50x per epoch (which memorizes payloads instead of
learning the class); (2) the square root (not full inverse frequency) lifts rare classes
(xxe, ldap_xpath, crlf, ssti...) several-fold while not teaching the model that "benign" is rare,
which would inflate p(attack) on benign traffic and hurt the 0.1 % FPR operating point.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

import numpy as np

SPLIT_FILES = {
    "train": "train.jsonl",
    "validation": "validation.jsonl",
    "test": "test.jsonl",
    "ood": "ood.jsonl",
    "benign-benchmark": "benign-benchmark.jsonl",
}


def log(msg: str) -> None:
    """Messages go to stderr so stdout stays clean for machine-readable output."""
    print(msg, file=sys.stderr, flush=True)


def load_labels(data_dir: str) -> dict:
    """Reads labels.json and checks the fields the trainer relies on."""
    with open(os.path.join(data_dir, "labels.json"), encoding="utf-8") as f:
        info = json.load(f)
    for key in ("labels", "vocabSize", "maxLength", "padId"):
        if key not in info:
            raise ValueError(f"labels.json lacks {key!r}")
    if info["labels"][0] != "benign":
        raise ValueError("labels.json: label 0 must be 'benign' (attack score = 1 - p(benign))")
    info["dataDir"] = data_dir
    return info


def load_parity_fields(data_dir: str) -> Optional["WindowSet"]:
    """The parity fields chosen by the TypeScript side (``parity-fields.jsonl``: fields from OUR
    generators only, so the committed fixture holds no dataset text), as a WindowSet; None if absent."""
    path = os.path.join(data_dir, "parity-fields.jsonl")
    if not os.path.exists(path):
        return None
    ids: List[int] = []
    offsets = [0]
    y: List[int] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            ids.extend(row["ids"])
            offsets.append(len(ids))
            y.append(int(row["y"]))
    n = len(y)
    if n == 0:
        return None
    zeros = np.zeros(n, dtype=np.int32)
    return WindowSet("parity", np.array(ids, dtype=np.int32), np.array(offsets, dtype=np.int64), np.array(y, dtype=np.int64),
                     np.arange(n, dtype=np.int64), zeros, zeros, ["parity"], ["mixed"])


@dataclass
class WindowSet:
    """A split as flat arrays: window i is ids[offsets[i]:offsets[i+1]]."""

    name: str
    ids: np.ndarray  # int32 [total ids]
    offsets: np.ndarray  # int64 [n + 1]
    y: np.ndarray  # int64 [n]
    rid: np.ndarray  # int64 [n]
    src: np.ndarray  # int32 [n], index into src_names
    loc: np.ndarray  # int32 [n], index into loc_names
    src_names: List[str] = field(default_factory=list)
    loc_names: List[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.y)

    @property
    def lengths(self) -> np.ndarray:
        return np.diff(self.offsets)

    def window(self, i: int) -> np.ndarray:
        return self.ids[self.offsets[i]:self.offsets[i + 1]]

    def subset(self, index: np.ndarray, name: Optional[str] = None) -> "WindowSet":
        """The windows at `index` (in that order), re-packed."""
        index = np.asarray(index, dtype=np.int64)
        lengths = self.lengths[index]
        offsets = np.zeros(len(index) + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        gather = np.repeat(self.offsets[index] - offsets[:-1], lengths) + np.arange(offsets[-1])
        return WindowSet(
            name or self.name, self.ids[gather], offsets, self.y[index], self.rid[index],
            self.src[index], self.loc[index], self.src_names, self.loc_names,
        )


def _codes(values: List[str]) -> tuple:
    names: Dict[str, int] = {}
    codes = np.fromiter((names.setdefault(v, len(names)) for v in values), dtype=np.int32, count=len(values))
    return codes, list(names)


def load_split(
    data_dir: str, split: str, info: dict, sample: Optional[int] = None, seed: int = 1,
) -> Optional[WindowSet]:
    """Loads one split; returns None (with a message) if the file is missing or empty.

    `sample` keeps a seeded random subset of that many windows (parsed lazily, so sampling a
    600k-line file costs only the read). Windows longer than maxLength are truncated, keeping the
    final [SEP], with a warning: the TypeScript pipeline should never produce them.
    """
    path = os.path.join(data_dir, SPLIT_FILES.get(split, split))
    if not os.path.exists(path):
        log(f"[data] {split}: {path} missing, skipped")
        return None
    with open(path, "rb") as f:
        lines = [line for line in f.read().split(b"\n") if line.strip()]
    if not lines:
        log(f"[data] {split}: {path} is empty, skipped")
        return None
    if sample is not None and sample < len(lines):
        keep = np.sort(np.random.default_rng([seed, 7]).choice(len(lines), sample, replace=False))
        lines = [lines[i] for i in keep]
    max_len, vocab, n_labels = info["maxLength"], info["vocabSize"], len(info["labels"])
    seqs: List[List[int]] = []
    y = np.empty(len(lines), dtype=np.int64)
    rid = np.empty(len(lines), dtype=np.int64)
    srcs: List[str] = []
    locs: List[str] = []
    truncated = 0
    for i, line in enumerate(lines):
        obj = json.loads(line)
        ids = obj["ids"]
        if len(ids) > max_len:
            ids = ids[: max_len - 1] + ids[-1:]
            truncated += 1
        seqs.append(ids)
        y[i] = obj["y"]
        rid[i] = obj["rid"]
        srcs.append(obj.get("src", ""))
        locs.append(obj.get("loc", ""))
    lengths = np.fromiter((len(s) for s in seqs), dtype=np.int64, count=len(seqs))
    offsets = np.zeros(len(seqs) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    flat = np.fromiter((t for s in seqs for t in s), dtype=np.int64, count=int(offsets[-1]))
    if flat.size and (flat.min() < 0 or flat.max() >= vocab):
        raise ValueError(f"{split}: token id outside [0, {vocab})")
    if (y < 0).any() or (y >= n_labels).any():
        raise ValueError(f"{split}: label outside [0, {n_labels})")
    if (lengths == 0).any():
        raise ValueError(f"{split}: empty window (expected at least [CLS] ... [SEP])")
    if truncated:
        log(f"[data] {split}: WARNING {truncated} windows longer than {max_len} truncated")
    src, src_names = _codes(srcs)
    loc, loc_names = _codes(locs)
    ws = WindowSet(split, flat.astype(np.int32), offsets, y, rid, src, loc, src_names, loc_names)
    log(f"[data] {split}: {len(ws)} windows, {len(np.unique(rid))} requests, median length {int(np.median(lengths))}")
    return ws


def limit_requests(ws: WindowSet, max_requests: int, seed: int) -> WindowSet:
    """Keeps a seeded random subset of whole requests (all windows of a kept rid)."""
    rids = np.unique(ws.rid)
    if len(rids) <= max_requests:
        return ws
    keep = np.random.default_rng([seed, 11]).choice(rids, max_requests, replace=False)
    return ws.subset(np.flatnonzero(np.isin(ws.rid, keep)))


def pack_sorted(order: np.ndarray, lengths: np.ndarray, batch_tokens: int) -> List[np.ndarray]:
    """Greedily cuts `order` (ascending length) into batches with rows * max_len <= batch_tokens.

    For a batch starting at `start`, cost(end) = (end - start) * len[end - 1] only grows with
    `end`, so the longest batch that fits is found by binary search. A single window longer than
    the budget still forms a batch of one.
    """
    sorted_len = lengths[order]
    n = len(order)
    batches: List[np.ndarray] = []
    start = 0
    while start < n:
        lo, hi = start + 1, n  # lo always fits (a batch of one is always allowed)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if (mid - start) * int(sorted_len[mid - 1]) <= batch_tokens:
                lo = mid
            else:
                hi = mid - 1
        batches.append(order[start:lo])
        start = lo
    return batches


def train_batches(lengths: np.ndarray, batch_tokens: int, seed: int, epoch: int, chunk_windows: int = 16384) -> List[np.ndarray]:
    """One epoch's batches: shuffle, sort within chunks of `chunk_windows`, pack, shuffle batches.

    Deterministic in (seed, epoch): resuming rebuilds exactly the same list.
    """
    rng = np.random.default_rng([seed, epoch, 12345])
    perm = rng.permutation(len(lengths))
    batches: List[np.ndarray] = []
    for start in range(0, len(perm), chunk_windows):
        chunk = perm[start:start + chunk_windows]
        chunk = chunk[np.argsort(lengths[chunk], kind="stable")]
        batches.extend(pack_sorted(chunk, lengths, batch_tokens))
    return [batches[i] for i in rng.permutation(len(batches))]


def eval_batches(lengths: np.ndarray, batch_tokens: int) -> List[np.ndarray]:
    """Inference batches: globally sorted by length (minimal padding), no shuffling."""
    return pack_sorted(np.argsort(lengths, kind="stable"), lengths, batch_tokens)


def collate(ws: WindowSet, index: np.ndarray, pad_id: int) -> tuple:
    """Gathers windows into (input_ids, attention_mask) int64 arrays padded to the batch maximum."""
    lengths = ws.lengths[index]
    width = int(lengths.max())
    cols = np.arange(width)
    valid = cols[None, :] < lengths[:, None]
    ids = np.full((len(index), width), pad_id, dtype=np.int64)
    ids[valid] = ws.ids[(ws.offsets[index][:, None] + cols[None, :])[valid]]
    return ids, valid.astype(np.int64)


def class_weights(y: np.ndarray, n_labels: int, power: float = 0.5, max_weight: float = 10.0) -> np.ndarray:
    """Tempered inverse-frequency class weights (see module docstring for why)."""
    counts = np.bincount(y, minlength=n_labels).astype(np.float64)
    present = counts > 0
    w = np.zeros(n_labels)
    w[present] = (counts.sum() / (present.sum() * counts[present])) ** power
    w[present] /= (w[present] * counts[present]).sum() / counts.sum()  # mean weight per window = 1
    w = np.minimum(w, max_weight)
    w[~present] = 1.0
    return w.astype(np.float32)


def label_counts(ws: WindowSet, labels: Sequence[str]) -> Dict[str, int]:
    counts = np.bincount(ws.y, minlength=len(labels))
    return {name: int(c) for name, c in zip(labels, counts)}
