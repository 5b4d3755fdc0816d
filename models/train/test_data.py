"""Loading, length-bucketed batching, collation and class weights."""

import threads_env  # noqa: F401
import json
import os
import tempfile
import unittest

import numpy as np

import data


def write_split(path, rows):
    with open(path, "w") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")


INFO = {"labels": ["benign", "sqli", "xss"], "vocabSize": 100, "maxLength": 8, "padId": 0}


class LoadTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        with open(os.path.join(self.dir, "labels.json"), "w") as f:
            json.dump(INFO, f)

    def test_missing_and_empty_are_skipped(self):
        self.assertIsNone(data.load_split(self.dir, "test", INFO))
        open(os.path.join(self.dir, "ood.jsonl"), "w").close()
        self.assertIsNone(data.load_split(self.dir, "ood", INFO))

    def test_round_trip_and_truncation(self):
        rows = [
            {"ids": [1, 5, 6, 2], "y": 0, "rid": 7, "src": "a", "loc": "query"},
            {"ids": [1] + list(range(10, 20)) + [2], "y": 2, "rid": 7, "src": "b", "loc": "body"},
        ]
        write_split(os.path.join(self.dir, "train.jsonl"), rows)
        ws = data.load_split(self.dir, "train", INFO)
        self.assertEqual(len(ws), 2)
        self.assertEqual(ws.window(0).tolist(), [1, 5, 6, 2])
        self.assertEqual(len(ws.window(1)), 8)
        self.assertEqual(ws.window(1)[-1], 2)  # [SEP] kept
        self.assertEqual(ws.src_names, ["a", "b"])
        sub = ws.subset(np.array([1, 0]))
        self.assertEqual(sub.window(1).tolist(), [1, 5, 6, 2])

    def test_sample_is_seeded(self):
        rows = [{"ids": [1, i % 90 + 4, 2], "y": 0, "rid": i, "src": "s", "loc": "l"} for i in range(200)]
        write_split(os.path.join(self.dir, "train.jsonl"), rows)
        a = data.load_split(self.dir, "train", INFO, sample=50, seed=3)
        b = data.load_split(self.dir, "train", INFO, sample=50, seed=3)
        self.assertEqual(len(a), 50)
        self.assertTrue(np.array_equal(a.rid, b.rid))


class BatchingTest(unittest.TestCase):
    def setUp(self):
        rng = np.random.default_rng(0)
        self.lengths = np.clip(np.exp(rng.normal(np.log(20), 0.8, 5000)).astype(int), 3, 128)

    def test_every_window_once_and_budget_respected(self):
        batches = data.train_batches(self.lengths, 1024, seed=1, epoch=0, chunk_windows=1000)
        flat = np.concatenate(batches)
        self.assertEqual(sorted(flat.tolist()), list(range(len(self.lengths))))
        for b in batches:
            self.assertTrue(len(b) == 1 or len(b) * self.lengths[b].max() <= 1024)
        padded = sum(len(b) * self.lengths[b].max() for b in batches)
        self.assertGreater(self.lengths.sum() / padded, 0.9)  # bucketing keeps padding small

    def test_deterministic_per_seed_and_epoch(self):
        a = data.train_batches(self.lengths, 2048, 1, 0)
        b = data.train_batches(self.lengths, 2048, 1, 0)
        c = data.train_batches(self.lengths, 2048, 1, 1)
        self.assertTrue(all(np.array_equal(x, y) for x, y in zip(a, b)))
        self.assertFalse(len(a) == len(c) and all(np.array_equal(x, y) for x, y in zip(a, c)))

    def test_collate(self):
        ws = data.WindowSet("t", np.array([1, 5, 2, 1, 6, 7, 8, 2], dtype=np.int32), np.array([0, 3, 8]),
                            np.array([0, 1]), np.array([1, 2]), np.array([0, 0], dtype=np.int32), np.array([0, 0], dtype=np.int32))
        ids, mask = data.collate(ws, np.array([1, 0]), pad_id=0)
        self.assertEqual(ids.tolist(), [[1, 6, 7, 8, 2], [1, 5, 2, 0, 0]])
        self.assertEqual(mask.tolist(), [[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]])

    def test_limit_requests_keeps_whole_requests(self):
        rid = np.repeat(np.arange(100), 3)
        ws = data.WindowSet("t", np.ones(300 * 2, dtype=np.int32), np.arange(0, 601, 2), np.zeros(300, dtype=np.int64), rid,
                            np.zeros(300, dtype=np.int32), np.zeros(300, dtype=np.int32))
        small = data.limit_requests(ws, 10, seed=1)
        self.assertEqual(len(np.unique(small.rid)), 10)
        self.assertEqual(len(small), 30)


class ClassWeightTest(unittest.TestCase):
    def test_mean_one_and_rare_classes_up(self):
        y = np.array([0] * 900 + [1] * 90 + [2] * 10)
        w = data.class_weights(y, 4)
        self.assertAlmostEqual(float(w[y].mean()), 1.0, places=5)
        self.assertLess(w[0], w[1])
        self.assertLess(w[1], w[2])
        self.assertEqual(w[3], 1.0)  # absent class: harmless default


if __name__ == "__main__":
    unittest.main()
