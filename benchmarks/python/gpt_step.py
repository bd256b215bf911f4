"""PyTorch peer for workloads/gpt-step.mjs: a nanoGPT-style GPT (4 layers, width 128, 4 heads).

Input cases: [{"id", "kind": "train"|"generate", "vocab", "layers", "width", "heads", "context", ...}].
- train: {"batch"}; each timed call is opt.zero_grad(); F.cross_entropy(model(x).view(-1, V), y.view(-1))
  .backward(); opt.step(); loss.item() with torch.optim.AdamW(lr 3e-4, weight_decay 0.1 on every parameter).
- generate: {"prompt", "newTokens", "useCache"}; each timed call greedily generates newTokens tokens from a
  fixed prompt under torch.no_grad(), recomputing the prefix (useCache false) or keeping per-layer keys and
  values and running one position per step (useCache true).
The model: token + learned position embeddings, pre-LN blocks with fused c_attn, explicit softmax attention
with a causal mask (torch 1.13 has no scaled_dot_product_attention), GELU (tanh) MLP of width 4E, final
LayerNorm, lm_head tied to the token embedding; dropout 0; GPT-2 init (N(0, 0.02)).
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from peer_common import emit, measure, read_request, torch_setup


class Block(nn.Module):
    def __init__(self, e, h):
        super().__init__()
        self.h = h
        self.ln_1 = nn.LayerNorm(e)
        self.c_attn = nn.Linear(e, 3 * e)
        self.attn_proj = nn.Linear(e, e)
        self.ln_2 = nn.LayerNorm(e)
        self.c_fc = nn.Linear(e, 4 * e)
        self.mlp_proj = nn.Linear(4 * e, e)

    def attn(self, x, cache):
        b, t, e = x.shape
        d = e // self.h
        q, k, v = self.c_attn(x).split(e, dim=2)
        q = q.view(b, t, self.h, d).transpose(1, 2)
        k = k.view(b, t, self.h, d).transpose(1, 2)
        v = v.view(b, t, self.h, d).transpose(1, 2)
        if cache is not None:
            if "k" in cache:
                k = torch.cat([cache["k"], k], dim=2)
                v = torch.cat([cache["v"], v], dim=2)
            cache["k"], cache["v"] = k, v
        p = k.shape[2]
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(d))
        if t > 1:
            mask = torch.ones(t, p, dtype=torch.bool).tril(diagonal=p - t)
            att = att.masked_fill(~mask, float("-inf"))
        att = F.softmax(att, dim=-1)
        y = (att @ v).transpose(1, 2).contiguous().view(b, t, e)
        return self.attn_proj(y)

    def forward(self, x, cache=None):
        x = x + self.attn(self.ln_1(x), cache)
        return x + self.mlp_proj(F.gelu(self.c_fc(self.ln_2(x)), approximate="tanh"))


class Gpt(nn.Module):
    def __init__(self, vocab, context, e, layers, heads):
        super().__init__()
        self.wte = nn.Embedding(vocab, e)
        self.wpe = nn.Embedding(context, e)
        self.h = nn.ModuleList([Block(e, heads) for _ in range(layers)])
        self.ln_f = nn.LayerNorm(e)
        self.lm_head = nn.Linear(e, vocab, bias=False)
        self.lm_head.weight = self.wte.weight
        for name, p in self.named_parameters():
            if name.endswith("proj.weight"):
                nn.init.normal_(p, 0.0, 0.02 / math.sqrt(2 * layers))
            elif name.endswith(".bias") and "ln_" not in name:
                nn.init.zeros_(p)
            elif p.dim() == 2:
                nn.init.normal_(p, 0.0, 0.02)

    def forward(self, ids, caches=None, offset=0):
        t = ids.shape[1]
        pos = torch.arange(offset, offset + t, dtype=torch.long)
        x = self.wte(ids) + self.wpe(pos)
        for i, block in enumerate(self.h):
            x = block(x, None if caches is None else caches[i])
        return self.lm_head(self.ln_f(x))


def make_step(case, gen):
    v, e, nl, nh, ctx = case["vocab"], case["width"], case["layers"], case["heads"], case["context"]
    model = Gpt(v, ctx, e, nl, nh)
    if case["kind"] == "train":
        b = case["batch"]
        opt = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.1)
        data = torch.randint(0, v, (b, ctx + 1), generator=gen)
        x, y = data[:, :-1].contiguous(), data[:, 1:].contiguous()

        def step():
            opt.zero_grad()
            loss = F.cross_entropy(model(x).view(-1, v), y.view(-1))
            loss.backward()
            opt.step()
            loss.item()

        return step
    model.eval()
    prompt = [(i * 37 + 11) % v for i in range(case["prompt"])]
    n_new = case["newTokens"]

    def generate_nocache():
        with torch.no_grad():
            seq = torch.tensor([prompt], dtype=torch.long)
            for _ in range(n_new):
                nxt = model(seq)[0, -1].argmax().item()
                seq = torch.cat([seq, torch.tensor([[nxt]], dtype=torch.long)], dim=1)

    def generate_cache():
        with torch.no_grad():
            caches = [{} for _ in range(nl)]
            logits = model(torch.tensor([prompt], dtype=torch.long), caches, 0)
            length = len(prompt)
            for i in range(n_new):
                nxt = logits[0, -1].argmax().item()
                if i == n_new - 1:
                    break
                logits = model(torch.tensor([[nxt]], dtype=torch.long), caches, length)
                length += 1

    return generate_cache if case["useCache"] else generate_nocache


def main():
    req = read_request()
    controller, info = torch_setup(req, "[B, T, E] (nanoGPT)")
    torch.manual_seed(0)
    gen = torch.Generator().manual_seed(0)
    results = []
    for case in req["cases"]:
        timing = measure(make_step(case, gen), req["options"])
        timing["id"] = case["id"]
        results.append(timing)
    del controller
    emit(info, results)


if __name__ == "__main__":
    main()
