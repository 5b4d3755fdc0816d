"""ONNX export: checker passes, dynamic batch/sequence axes, numbers match torch (numpy interpreter)
for shapes other than the export example, and the int8 graph matches its torch simulation."""

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
from model import WaferEncoder


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

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

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


if __name__ == "__main__":
    unittest.main()
