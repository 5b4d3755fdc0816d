"""int8 quantize -> dequantize round trip stays within half a quantization step per channel."""

import threads_env  # noqa: F401
import unittest

import numpy as np

from quantize import QMAX, dequantize, quantize_symmetric


class QuantizeTest(unittest.TestCase):
    def test_round_trip_error_bounded(self):
        rng = np.random.default_rng(0)
        w = rng.normal(0, 0.05, (64, 48)).astype(np.float32)
        w[3] = 0.0  # an all-zero channel
        w[5, 7] = 2.0  # an outlier only hurts its own channel
        for axis in (0, 1):
            q, scale = quantize_symmetric(w, axis)
            self.assertEqual(q.dtype, np.int8)
            self.assertEqual(scale.dtype, np.float32)
            self.assertEqual(scale.shape, (w.shape[axis],))
            self.assertLessEqual(int(np.abs(q.astype(int)).max()), QMAX)
            err = np.abs(dequantize(q, scale, axis) - w)
            bound = np.expand_dims(scale, 1 - axis) / 2 * (1 + 1e-6)
            self.assertTrue((err <= bound).all())
            rel = np.linalg.norm(dequantize(q, scale, axis) - w) / np.linalg.norm(w)
            self.assertLess(rel, 0.02)
        q, scale = quantize_symmetric(w, 0)
        self.assertTrue((dequantize(q, scale, 0)[3] == 0).all())

    def test_layout_independent(self):
        """Quantizing W per row equals quantizing W.T per column: the torch [out, in] weight and the
        ONNX MatMul [in, out] initializer get bit-identical dequantized values."""
        w = np.random.default_rng(1).normal(0, 1, (10, 7)).astype(np.float32)
        qa, sa = quantize_symmetric(w, 0)
        qb, sb = quantize_symmetric(np.ascontiguousarray(w.T), 1)
        self.assertTrue(np.array_equal(qa, qb.T))
        self.assertTrue(np.array_equal(dequantize(qa, sa, 0), dequantize(qb, sb, 1).T))


if __name__ == "__main__":
    unittest.main()
