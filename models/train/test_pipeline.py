"""End to end: the smoke mode writes every artifact, and parity.json is reproduced by the exported
ONNX graphs (evaluated with the numpy interpreter, standing in for ONNX Runtime)."""

import threads_env  # noqa: F401
import json
import os
import shutil
import tempfile
import unittest

import numpy as np

import make_synthetic
import onnx_numpy
import train

ARTIFACTS = ["model.onnx", "model.int8.onnx", "thresholds.json", "metrics.json", "parity.json", "roc.png", "pr.png", "train-log.json"]


class PipelineTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="wafer-pipeline-test-")
        cls.data_dir = os.path.join(cls.tmp, "data")
        cls.out = os.path.join(cls.tmp, "out")
        make_synthetic.generate(cls.data_dir, train_windows=3000, vocab_size=1024, seed=5)
        os.remove(os.path.join(cls.data_dir, "ood.jsonl"))  # a missing split is skipped, not fatal
        train.main([
            "--data", cls.data_dir, "--out", cls.out, "--sample", "1500", "--d-model", "32", "--layers", "1",
            "--heads", "2", "--d-ff", "64", "--threads", "1", "--batch-tokens", "2048",
        ])

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def load(self, name):
        with open(os.path.join(self.out, name)) as f:
            return json.load(f)

    def test_artifacts_exist(self):
        for name in ARTIFACTS:
            self.assertTrue(os.path.getsize(os.path.join(self.out, name)) > 0, name)

    def test_thresholds_and_metrics(self):
        th = self.load("thresholds.json")
        self.assertIn(th["model"], ("model.onnx", "model.int8.onnx"))
        self.assertTrue(0.0 <= th["threshold"] <= 1.0)
        self.assertEqual(len(th["classThresholds"]), 13)
        metrics = self.load("metrics.json")
        for variant in ("float", "int8"):
            self.assertIn("test", metrics[variant])
            self.assertNotIn("ood", metrics[variant])
            self.assertIn("tprAtFpr0.001", metrics[variant]["test"]["request"])
        self.assertIn(metrics["recommendation"]["ship"], ("float", "int8"))
        log = self.load("train-log.json")
        self.assertEqual(log["seed"], 1)
        self.assertTrue(log["epochs"])

    def test_parity_reproduced_by_onnx_graphs(self):
        parity = self.load("parity.json")
        self.assertEqual(sum(len(b["input_ids"]) for b in parity["batches"]), min(64, parity["windows"]))
        widths = {len(b["input_ids"][0]) for b in parity["batches"]}
        self.assertGreater(len(widths), 1)  # different padded widths exercise the dynamic axis
        for key, model in parity["models"].items():
            path = os.path.join(self.out, model)
            for batch in parity["batches"]:
                feeds = {"input_ids": np.array(batch["input_ids"], dtype=np.int64), "attention_mask": np.array(batch["attention_mask"], dtype=np.int64)}
                got = onnx_numpy.run(path, feeds)["probs"]
                np.testing.assert_allclose(got, np.array(batch[key], dtype=np.float32), atol=parity["tolerance"] / 10)


if __name__ == "__main__":
    unittest.main()
