"""Training is deterministic and resuming from a checkpoint reproduces an uninterrupted run exactly.

Exact (bitwise) equality is expected, not a tolerance: the checkpoint restores model, optimizer,
scheduler and RNG states, and the batch order is a pure function of (seed, epoch), so the
resumed process performs the very same floating-point operations in the same order (same
thread settings, same machine).
"""

import threads_env  # noqa: F401
import os
import shutil
import tempfile
import unittest

import torch

import checkpoint as ckpt
import data
import make_synthetic
import train


class TrainingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="wafer-train-test-")
        cls.data_dir = os.path.join(cls.tmp, "data")
        make_synthetic.generate(cls.data_dir, train_windows=1200, vocab_size=1024, seed=3)
        cls.info = data.load_labels(cls.data_dir)
        cls.ws_train = data.load_split(cls.data_dir, "train", cls.info)
        cls.ws_val = data.load_split(cls.data_dir, "validation", cls.info)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def cfg(self, out, **extra):
        args = train.parse_args([
            "--data", self.data_dir, "--out", out, "--epochs", "2", "--batch-tokens", "1024", "--d-model", "32",
            "--layers", "1", "--heads", "2", "--d-ff", "64", "--threads", "1", "--seed", str(extra.pop("seed", 1)),
        ])
        cfg = vars(args)
        cfg.update(extra)
        return cfg

    def run_train(self, name, **extra):
        out = os.path.join(self.tmp, name)
        return out, train.train(self.cfg(out, **extra), self.ws_train, self.ws_val, self.info)

    def last(self, out):
        return ckpt.load(os.path.join(ckpt.checkpoint_dir(out), ckpt.LAST))

    def assert_same_state(self, a, b):
        self.assertEqual(a["step"], b["step"])
        for key in a["model"]:
            self.assertTrue(torch.equal(a["model"][key], b["model"][key]), key)
        self.assertEqual([h["train_loss"] for h in a["history"]], [h["train_loss"] for h in b["history"]])
        self.assertEqual([h.get("val_loss") for h in a["history"]], [h.get("val_loss") for h in b["history"]])

    def test_same_seed_same_weights(self):
        a, _ = self.run_train("det-a")
        b, _ = self.run_train("det-b")
        c, _ = self.run_train("det-c", seed=2)
        self.assert_same_state(self.last(a), self.last(b))
        la, lc = self.last(a), self.last(c)
        self.assertFalse(all(torch.equal(la["model"][k], lc["model"][k]) for k in la["model"]))

    def test_resume_after_epoch_one_equals_uninterrupted(self):
        full, result = self.run_train("full")
        steps_epoch1 = result["plan"]["batches_per_epoch"][0]
        # Killed one step into epoch 2: the newest checkpoint is the one written at the end of epoch 1.
        part, r1 = self.run_train("part", checkpoint_minutes=1e9, stop_after_steps=steps_epoch1 + 1)
        self.assertEqual(r1["stop_reason"], "interrupted")
        self.assertEqual(self.last(part)["epoch"], 1)
        self.run_train("part", resume=True)
        self.assert_same_state(self.last(full), self.last(part))

    def test_resume_mid_epoch_equals_uninterrupted(self):
        full, result = self.run_train("full-mid")
        steps_epoch1 = result["plan"]["batches_per_epoch"][0]
        stop = steps_epoch1 + 5
        part, _ = self.run_train("part-mid", checkpoint_every_steps=4, stop_after_steps=stop)
        saved = self.last(part)
        self.assertEqual(saved["step"], (stop // 4) * 4)  # the steps after it are lost, then redone
        self.run_train("part-mid", resume=True)
        self.assert_same_state(self.last(full), self.last(part))

    def test_time_budget_stops_cleanly_with_best_checkpoint(self):
        out, result = self.run_train("budget", max_minutes=0.0001)
        self.assertEqual(result["stop_reason"], "time_budget")
        self.assertTrue(os.path.exists(os.path.join(ckpt.checkpoint_dir(out), ckpt.BEST)))
        self.assertTrue(result["state"]["history"][-1]["partial"])


if __name__ == "__main__":
    unittest.main()
