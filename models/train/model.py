"""WaferEncoder: the small Transformer encoder that scores one tokenized input window.

Why hand-written attention: torch 1.13's ``nn.TransformerEncoder`` takes a "fast path" with nested
tensors in eval mode, which exports to ONNX badly (fused ops, shape specialisation). Plain
Linear / matmul / softmax ops export to a small, boring graph that ONNX Runtime (Node) runs
everywhere, and whose weights the int8 step can find and quantize.

Why pre-LN: it trains stably at a high learning rate without a long warmup, which matters on a
2-core CPU where every epoch is expensive.

Why dropout only on the embeddings, the two residual branches and the pooled vector (not on the
attention probabilities or inside the MLP): on a 2-core CPU every elementwise pass over the
activations costs about as much as a small matmul; these four placements regularize the residual
stream, which is what matters for a model this small, at about half the cost.

Why [CLS] + masked mean pooling: the [CLS] vector learns "is there an attack anywhere", the mean
keeps evidence from long windows whose payload sits far from position 0; concatenating both is
cheap (one 2*d LayerNorm) and robust to either alone being weak.
"""

from __future__ import annotations

import math
from typing import Optional

import torch
from torch import nn
from torch.nn import functional as F

#: Additive attention bias for padded keys. Large enough that exp() underflows to exactly 0 in
#: float32 (so padding cannot change the outputs), small enough to never overflow to -inf (a row
#: of -inf would turn softmax into NaN).
MASK_BIAS = -1.0e9


class SelfAttention(nn.Module):
    """Multi-head self-attention over a padded batch, with one fused QKV projection."""

    def __init__(self, d_model: int, n_heads: int) -> None:
        super().__init__()
        if d_model % n_heads != 0:
            raise ValueError(f"d_model={d_model} is not divisible by n_heads={n_heads}")
        self.d_model = d_model
        self.n_heads = n_heads
        self.d_head = d_model // n_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out = nn.Linear(d_model, d_model)

    def forward(self, x: torch.Tensor, key_bias: torch.Tensor) -> torch.Tensor:
        """x: [B, S, D]; key_bias: [B, 1, 1, S] additive (0 for tokens, MASK_BIAS for padding)."""
        b, s = x.shape[0], x.shape[1]
        qkv = self.qkv(x).reshape(b, s, 3, self.n_heads, self.d_head).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]  # each [B, H, S, Dh]
        scores = torch.matmul(q * (1.0 / math.sqrt(self.d_head)), k.transpose(-1, -2)) + key_bias
        weights = torch.softmax(scores, dim=-1)
        ctx = torch.matmul(weights, v).transpose(1, 2).reshape(b, s, self.d_model)
        return self.out(ctx)


class FeedForward(nn.Module):
    """Position-wise MLP (Linear -> GELU -> Linear)."""

    def __init__(self, d_model: int, d_ff: int) -> None:
        super().__init__()
        self.fc1 = nn.Linear(d_model, d_ff)
        self.fc2 = nn.Linear(d_ff, d_model)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(F.gelu(self.fc1(x)))


class EncoderLayer(nn.Module):
    """Pre-LN Transformer layer: x + Attn(LN(x)), then x + FF(LN(x))."""

    def __init__(self, d_model: int, n_heads: int, d_ff: int, dropout: float) -> None:
        super().__init__()
        self.ln_attn = nn.LayerNorm(d_model)
        self.attn = SelfAttention(d_model, n_heads)
        self.ln_ff = nn.LayerNorm(d_model)
        self.ff = FeedForward(d_model, d_ff)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor, key_bias: torch.Tensor) -> torch.Tensor:
        x = x + self.dropout(self.attn(self.ln_attn(x), key_bias))
        return x + self.dropout(self.ff(self.ln_ff(x)))


class WaferEncoder(nn.Module):
    """Token + learned position embeddings, pre-LN encoder layers, [CLS]+mean pooling, classifier.

    ``emb_dim`` (optional, default = d_model) factorizes the token embedding as
    vocab x emb_dim followed by an emb_dim -> d_model projection; it exists only to keep the
    float ONNX file under its size budget if the tokenizer's vocabulary turns out large.
    """

    def __init__(
        self,
        vocab_size: int,
        d_model: int = 128,
        n_layers: int = 2,
        n_heads: int = 4,
        d_ff: int = 256,
        max_len: int = 128,
        n_labels: int = 14,
        dropout: float = 0.1,
        pad_id: int = 0,
        emb_dim: Optional[int] = None,
    ) -> None:
        super().__init__()
        self.config = dict(
            vocab_size=vocab_size,
            d_model=d_model,
            n_layers=n_layers,
            n_heads=n_heads,
            d_ff=d_ff,
            max_len=max_len,
            n_labels=n_labels,
            dropout=dropout,
            pad_id=pad_id,
            emb_dim=emb_dim,
        )
        emb_dim = emb_dim or d_model
        self.tok_emb = nn.Embedding(vocab_size, emb_dim, padding_idx=pad_id)
        self.emb_proj = nn.Linear(emb_dim, d_model, bias=False) if emb_dim != d_model else None
        self.pos_emb = nn.Embedding(max_len, d_model)
        self.emb_dropout = nn.Dropout(dropout)
        self.layers = nn.ModuleList(EncoderLayer(d_model, n_heads, d_ff, dropout) for _ in range(n_layers))
        self.pool_norm = nn.LayerNorm(2 * d_model)
        self.head_dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(2 * d_model, n_labels)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """BERT-style init (N(0, 0.02), zero biases): small logits at step 0, stable warmup."""
        for module in self.modules():
            if isinstance(module, nn.Linear):
                nn.init.normal_(module.weight, std=0.02)
                if module.bias is not None:
                    nn.init.zeros_(module.bias)
            elif isinstance(module, nn.Embedding):
                nn.init.normal_(module.weight, std=0.02)
            elif isinstance(module, nn.LayerNorm):
                nn.init.ones_(module.weight)
                nn.init.zeros_(module.bias)
        with torch.no_grad():
            self.tok_emb.weight[self.config["pad_id"]].zero_()

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """input_ids, attention_mask: int64 [B, S] (mask 1 = token, 0 = padding) -> logits [B, L]."""
        seq_len = input_ids.shape[1]
        mask = attention_mask.to(torch.float32)
        x = self.tok_emb(input_ids)
        if self.emb_proj is not None:
            x = self.emb_proj(x)
        x = self.emb_dropout(x + self.pos_emb.weight[:seq_len].unsqueeze(0))
        key_bias = ((1.0 - mask) * MASK_BIAS).unsqueeze(1).unsqueeze(2)  # [B, 1, 1, S]
        for layer in self.layers:
            x = layer(x, key_bias)
        cls = x[:, 0]
        weights = mask.unsqueeze(-1)
        mean = (x * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1.0)
        pooled = self.pool_norm(torch.cat([cls, mean], dim=-1))
        return self.classifier(self.head_dropout(pooled))


class ProbabilityHead(nn.Module):
    """Export wrapper: same inputs, returns softmax probabilities (what the WAF consumes)."""

    def __init__(self, encoder: WaferEncoder) -> None:
        super().__init__()
        self.encoder = encoder

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return torch.softmax(self.encoder(input_ids, attention_mask), dim=-1)


def count_parameters(model: nn.Module) -> int:
    """Number of trainable parameters."""
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def build_model(config: dict) -> WaferEncoder:
    """Rebuilds a model from the ``config`` dict stored in checkpoints."""
    return WaferEncoder(**config)
