"""Calibration meets the target FPR on synthetic scores, tightly; request aggregation is a max."""

import threads_env  # noqa: F401
import unittest

import numpy as np

from calibrate import calibrate, tail_threshold
from request_scores import aggregate, attack_score

LABELS = ["benign", "sqli", "xss", "xxe"]


def synthetic_probs(rng, n_requests, attack_share=0.4, windows=3):
    rid = np.repeat(np.arange(n_requests), windows)
    y = np.zeros(len(rid), dtype=np.int64)
    attack_req = rng.random(n_requests) < attack_share
    first = np.arange(n_requests) * windows
    y[first[attack_req]] = rng.integers(1, len(LABELS), int(attack_req.sum()))
    logits = rng.normal(0, 1.5, (len(rid), len(LABELS)))
    logits[np.arange(len(rid)), y] += 4.0
    probs = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    return probs.astype(np.float32), y, rid, np.zeros(len(rid), dtype=np.int32)


class CalibrateTest(unittest.TestCase):
    def test_global_threshold_meets_target_fpr_tightly(self):
        rng = np.random.default_rng(0)
        probs, y, rid, src = synthetic_probs(rng, 30000)
        for target in (0.001, 0.01):
            th = calibrate(probs, y, rid, src, LABELS, target)
            req = aggregate(rid, y, attack_score(probs), src, len(LABELS))
            benign = req.score[~req.is_attack]
            fpr = (benign > th["threshold"]).mean()
            self.assertLessEqual(fpr, target)
            self.assertAlmostEqual(fpr, th["validation"]["fpr"])
            lower = benign[benign < th["threshold"]].max()  # the next candidate would break the target
            self.assertGreater((benign > lower).mean(), target)

    def test_per_class_thresholds_meet_their_share(self):
        rng = np.random.default_rng(1)
        probs, y, rid, src = synthetic_probs(rng, 20000)
        target = 0.01
        th = calibrate(probs, y, rid, src, LABELS, target)
        benign = probs[y == 0]
        for c in range(1, len(LABELS)):
            rate = (benign[:, c] > th["classThresholds"][LABELS[c]]).mean()
            self.assertLessEqual(rate, target / (len(LABELS) - 1))
        self.assertLessEqual(th["validation"]["classRuleWindowFpr"], target)  # union bound

    def test_warns_when_too_few_benign_requests(self):
        rng = np.random.default_rng(2)
        probs, y, rid, src = synthetic_probs(rng, 500)
        self.assertTrue(calibrate(probs, y, rid, src, LABELS, 0.001)["warnings"])

    def test_tail_threshold_with_ties(self):
        t = tail_threshold(np.array([0.9, 0.9, 0.9, 0.1] * 25, dtype=np.float32), 0.1)
        self.assertEqual(t["threshold"], np.float32(0.9))  # ties at 0.9 are NOT flagged (score > t)
        self.assertEqual(t["rate"], 0.0)

    def test_request_score_is_max_and_label_is_attack_label(self):
        rid = np.array([5, 5, 9, 9, 9])
        y = np.array([0, 2, 0, 0, 0])
        scores = np.array([0.1, 0.7, 0.2, 0.9, 0.3], dtype=np.float32)
        req = aggregate(rid, y, scores, np.zeros(5, dtype=np.int32), 3)
        self.assertEqual(req.rid.tolist(), [5, 9])
        self.assertEqual(req.score.tolist(), [np.float32(0.7), np.float32(0.9)])
        self.assertEqual(req.top_window.tolist(), [1, 3])
        self.assertEqual(req.label.tolist(), [2, 0])


if __name__ == "__main__":
    unittest.main()
