"""WaferEncoder: output shapes, and padding/masking must not change a window's outputs."""

import threads_env  # noqa: F401
import unittest

import torch

from model import ProbabilityHead, WaferEncoder, count_parameters


def tiny(**kw):
    torch.manual_seed(0)
    cfg = dict(vocab_size=300, d_model=32, n_layers=2, n_heads=4, d_ff=64, max_len=128, n_labels=14, dropout=0.1)
    cfg.update(kw)
    return WaferEncoder(**cfg).eval()


class ModelTest(unittest.TestCase):
    def test_shapes_and_probabilities(self):
        model = tiny()
        ids = torch.randint(4, 300, (5, 17))
        mask = torch.ones_like(ids)
        self.assertEqual(tuple(model(ids, mask).shape), (5, 14))
        probs = ProbabilityHead(model)(ids, mask)
        torch.testing.assert_close(probs.sum(-1), torch.ones(5))

    def test_default_size(self):
        model = WaferEncoder(8192)
        self.assertLess(count_parameters(model) * 4, 8 * 1024 * 1024)

    def test_padding_does_not_change_outputs(self):
        model = tiny()
        a = torch.tensor([[1, 10, 11, 12, 2]])
        b = torch.tensor([[1, 20, 21, 22, 23, 24, 25, 26, 27, 2]])
        alone_a = model(a, torch.ones_like(a))
        alone_b = model(b, torch.ones_like(b))
        batch = torch.zeros(2, 40, dtype=torch.int64)  # padded far beyond the longest window
        batch[0, :5], batch[1, :10] = a[0], b[0]
        mask = (batch != 0).to(torch.int64)
        out = model(batch, mask)
        torch.testing.assert_close(out[0], alone_a[0], atol=1e-5, rtol=1e-5)
        torch.testing.assert_close(out[1], alone_b[0], atol=1e-5, rtol=1e-5)

    def test_padded_token_ids_are_ignored(self):
        model = tiny()
        ids = torch.tensor([[1, 5, 6, 2, 0, 0, 0]])
        mask = torch.tensor([[1, 1, 1, 1, 0, 0, 0]])
        garbage = ids.clone()
        garbage[0, 4:] = torch.tensor([77, 88, 99])
        torch.testing.assert_close(model(ids, mask), model(garbage, mask), atol=1e-6, rtol=0)

    def test_mask_matters(self):
        model = tiny()
        ids = torch.tensor([[1, 5, 6, 7, 8, 2]])
        full = model(ids, torch.ones_like(ids))
        part = model(ids, torch.tensor([[1, 1, 1, 0, 0, 0]]))
        self.assertGreater((full - part).abs().max().item(), 1e-4)

    def test_factorized_embedding(self):
        model = tiny(emb_dim=16)
        ids = torch.randint(4, 300, (2, 9))
        self.assertEqual(tuple(model(ids, torch.ones_like(ids)).shape), (2, 14))

    def test_train_mode_dropout_is_seeded(self):
        model = tiny().train()
        ids = torch.randint(4, 300, (3, 12))
        torch.manual_seed(5)
        x = model(ids, torch.ones_like(ids))
        torch.manual_seed(5)
        y = model(ids, torch.ones_like(ids))
        self.assertTrue(torch.equal(x, y))


if __name__ == "__main__":
    unittest.main()
