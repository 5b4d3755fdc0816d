"""Metric helpers agree with brute-force definitions."""

import threads_env  # noqa: F401
import unittest

import numpy as np

from metrics_math import average_precision, macro_f1, roc_auc, roc_curve, tpr_at_fpr


class MetricsTest(unittest.TestCase):
    def test_auc_matches_pairwise_definition_with_ties(self):
        rng = np.random.default_rng(0)
        labels = rng.random(300) < 0.3
        scores = np.round(rng.random(300) + labels * 0.3, 1)  # many ties
        pos, neg = scores[labels], scores[~labels]
        brute = ((pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()) / (len(pos) * len(neg))
        self.assertAlmostEqual(roc_auc(labels, scores), brute, places=10)

    def test_roc_and_tpr_at_fpr(self):
        labels = np.array([1, 1, 0, 1, 0, 0], dtype=bool)
        scores = np.array([0.9, 0.8, 0.7, 0.6, 0.2, 0.1])
        fpr, tpr, _ = roc_curve(labels, scores)
        self.assertEqual(fpr[0], 0.0)
        self.assertEqual(tpr[-1], 1.0)
        self.assertAlmostEqual(tpr_at_fpr(labels, scores, 0.0), 2 / 3)
        self.assertIsNone(roc_auc(np.ones(3, bool), np.arange(3.0)))

    def test_average_precision_perfect(self):
        labels = np.array([1, 1, 0, 0], dtype=bool)
        self.assertAlmostEqual(average_precision(labels, np.array([0.9, 0.8, 0.2, 0.1])), 1.0)

    def test_macro_f1(self):
        y = np.array([0, 0, 1, 1])
        self.assertAlmostEqual(macro_f1(y, y, 3), 1.0)


if __name__ == "__main__":
    unittest.main()
