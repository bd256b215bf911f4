"""PyTorch peer for workloads/lstm-step.mjs: one training step of an LSTM text classifier.

Input cases: [{"id", "batch", "steps", "vocab", "embed", "hidden", "classes"}]. The network:
Embedding(vocab, embed) -> LSTM(embed, hidden) (time-major) -> Linear(hidden, classes) on h_n[-1].
Each timed call: opt.zero_grad(); loss = F.cross_entropy(model(ids), y); loss.backward(); opt.step();
loss.item() (Adam, lr 1e-3). Data are made once, seeded, before timing; the model keeps training.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from peer_common import emit, measure, read_request, torch_setup


class Model(nn.Module):
    def __init__(self, vocab, embed, hidden, classes):
        super().__init__()
        self.embedding = nn.Embedding(vocab, embed)
        self.lstm = nn.LSTM(embed, hidden)
        self.linear = nn.Linear(hidden, classes)

    def forward(self, ids):  # ids [T, B]
        _, (h_n, _) = self.lstm(self.embedding(ids))
        return self.linear(h_n[-1])


def main():
    req = read_request()
    controller, info = torch_setup(req, "time-major (batch_first=False)")
    torch.manual_seed(0)
    gen = torch.Generator().manual_seed(0)
    results = []
    for case in req["cases"]:
        model = Model(case["vocab"], case["embed"], case["hidden"], case["classes"])
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        ids = torch.randint(0, case["vocab"], (case["steps"], case["batch"]), generator=gen)
        y = torch.randint(0, case["classes"], (case["batch"],), generator=gen)

        def step():
            opt.zero_grad()
            loss = F.cross_entropy(model(ids), y)
            loss.backward()
            opt.step()
            loss.item()

        timing = measure(step, req["options"])
        timing["id"] = case["id"]
        results.append(timing)
    del controller
    emit(info, results)


if __name__ == "__main__":
    main()
