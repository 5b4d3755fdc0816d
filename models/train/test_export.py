"""ONNX export: checker passes, dynamic batch/sequence axes, numbers match torch (numpy interpreter)
for shapes other than the export example, and the int8 graphs (weight-only, and static with uint8
activations) match their torch simulations."""

import threads_env  # noqa: F401
import os
import shutil
import tempfile
import unittest

import numpy as np
import onnx
import torch

import export_onnx
import onnx_numpy
from activation_ranges import linear_input_ranges
from data import WindowSet
from model import WaferEncoder
from quantize import activation_qparams


class ExportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="wafer-export-test-")
        torch.manual_seed(0)
        cls.model = WaferEncoder(2000, d_model=64, n_layers=2, n_heads=4, d_ff=128, max_len=128, n_labels=14).eval()
        cls.float_path = os.path.join(cls.tmp, "model.onnx")
        cls.int8_path = os.path.join(cls.tmp, "model.int8.onnx")
        export_onnx.export_float(cls.model, cls.float_path, {"labels": "[]"})
        cls.records = export_onnx.quantize_model(cls.float_path, cls.int8_path)
        cls.sim = export_onnx.simulate_int8(cls.model, cls.records)
        # The static variant, built as the pipeline builds it (calibrated on a synthetic window set).
        cls.static_path = os.path.join(cls.tmp, "model.static.onnx")
        cls.static_records = export_onnx.quantize_model(cls.float_path, cls.static_path, embeddings=False)
        static = export_onnx.simulate_int8(cls.model, cls.static_records)
        cls.linears = export_onnx.linear_inputs(cls.static_records, static)
        ranges = linear_input_ranges(static, cls.linears.values(), cls.window_set(), pad_id=0)
        cls.act = {m: activation_qparams(*ranges[m]) for m in cls.linears.values()}
        cls.rewritten = export_onnx.add_activation_quantization(cls.static_path, {w: cls.act[m] for w, m in cls.linears.items()})
        cls.static_sim = export_onnx.simulate_activations(static, cls.act)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @staticmethod
    def window_set():
        g = np.random.default_rng(3)
        lengths = g.integers(2, 60, 200)
        offsets = np.concatenate([[0], np.cumsum(lengths)])
        ids = g.integers(4, 2000, int(offsets[-1])).astype(np.int32)
        zeros = np.zeros(200, np.int32)
        return WindowSet("synthetic", ids, offsets.astype(np.int64), zeros.astype(np.int64), np.arange(200), zeros, zeros, ["synthetic"], ["query"])

    def batch(self, n, s):
        g = torch.Generator().manual_seed(n * 1000 + s)
        ids = torch.randint(4, 2000, (n, s), generator=g)
        lengths = torch.randint(1, s + 1, (n,), generator=g)
        lengths[0] = s
        mask = (torch.arange(s)[None, :] < lengths[:, None]).to(torch.int64)
        return ids * mask, mask

    def test_checker_interface_opset_and_dynamic_axes(self):
        for path in (self.float_path, self.int8_path):
            proto = export_onnx.check(path)
            opset = [o.version for o in proto.opset_import if o.domain in ("", "ai.onnx")][0]
            self.assertTrue(13 <= opset <= 15)
            dims = export_onnx.dynamic_dims(proto)
            self.assertEqual(dims["input_ids"], ["batch", "seq"])
            self.assertEqual(dims["attention_mask"], ["batch", "seq"])
            self.assertEqual(dims["probs"][0], "batch")
            self.assertLessEqual(os.path.getsize(path), export_onnx.MAX_BYTES)

    def test_int8_graph_structure(self):
        proto = onnx.load(self.int8_path)
        dq = [n for n in proto.graph.node if n.op_type == "DequantizeLinear"]
        self.assertEqual(len(dq), len(self.records))
        # every Linear weight and both embedding tables are quantized
        expected = {n for n, p in self.model.named_parameters() if p.ndim == 2}
        self.assertEqual({r["torchParameter"] for r in self.records}, expected)
        int8 = [i for i in proto.graph.initializer if i.data_type == onnx.TensorProto.INT8]
        self.assertEqual(len(int8), 2 * len(self.records))  # values + zero points
        self.assertLess(os.path.getsize(self.int8_path), 0.4 * os.path.getsize(self.float_path))

    def test_float_graph_matches_torch_on_new_shapes(self):
        for n, s in ((1, 3), (3, 17), (2, 128)):
            ids, mask = self.batch(n, s)
            with torch.no_grad():
                expected = torch.softmax(self.model(ids, mask), -1).numpy()
            got = onnx_numpy.run(self.float_path, {"input_ids": ids.numpy(), "attention_mask": mask.numpy()})["probs"]
            self.assertEqual(got.shape, (n, 14))
            np.testing.assert_allclose(got, expected, atol=1e-5)

    def test_int8_graph_matches_simulation(self):
        ids, mask = self.batch(4, 29)
        with torch.no_grad():
            expected = torch.softmax(self.sim(ids, mask), -1).numpy()
            float_probs = torch.softmax(self.model(ids, mask), -1).numpy()
        got = onnx_numpy.run(self.int8_path, {"input_ids": ids.numpy(), "attention_mask": mask.numpy()})["probs"]
        np.testing.assert_allclose(got, expected, atol=1e-5)
        self.assertLess(np.abs(expected - float_probs).max(), 0.05)  # quantization changes little
        self.assertGreater(np.abs(expected - float_probs).max(), 0.0)  # ...but it did change weights

    def test_static_int8_graph_structure(self):
        proto = onnx.load(self.static_path)
        ops = [n.op_type for n in proto.graph.node]
        # every Linear of the encoder layers (qkv, out, fc1, fc2 per layer) reads uint8 activations
        self.assertEqual(sorted(self.linears.values()), sorted(n for n, m in self.model.named_modules() if n.startswith("layers.") and isinstance(m, torch.nn.Linear)))
        self.assertEqual(self.rewritten, len(self.linears))
        self.assertEqual(ops.count("QuantizeLinear"), len(self.linears))
        # embedding tables stay float (a DequantizeLinear on them would run whole on every call)
        self.assertNotIn("tok_emb.weight", {r["torchParameter"] for r in self.static_records})
        for scale, zero_point in self.act.values():
            self.assertGreater(scale, 0)
            self.assertEqual(zero_point.dtype, np.uint8)

    def test_static_int8_graph_matches_simulation(self):
        for n, s in ((1, 5), (4, 29), (2, 128)):
            ids, mask = self.batch(n, s)
            with torch.no_grad():
                expected = torch.softmax(self.static_sim(ids, mask), -1).numpy()
                weight_only = torch.softmax(self.sim(ids, mask), -1).numpy()
            got = onnx_numpy.run(self.static_path, {"input_ids": ids.numpy(), "attention_mask": mask.numpy()})["probs"]
            np.testing.assert_allclose(got, expected, atol=1e-5)
            self.assertGreater(np.abs(expected - weight_only).max(), 0.0)  # the activations were quantized

    def test_static_scores_do_not_depend_on_batch_mates(self):
        """Fixed ranges: a window scores the same alone and padded into a batch with others."""
        ids, mask = self.batch(3, 40)
        with torch.no_grad():
            together = torch.softmax(self.static_sim(ids, mask), -1).numpy()
            n = int(mask[1].sum())
            alone = torch.softmax(self.static_sim(ids[1:2, :n], mask[1:2, :n]), -1).numpy()
        np.testing.assert_allclose(alone[0], together[1], atol=1e-6)


if __name__ == "__main__":
    unittest.main()
