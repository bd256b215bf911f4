"""PyTorch peer for workloads/lenet-step.mjs: one training step of a LeNet-style CNN, batch 64, Adam.

Input cases: [{"id", "batch", "height", "width", "classes"}]. The network, in NCHW:
Conv2d(1, 32, 5, padding=2) -> ReLU -> MaxPool2d(2) -> Conv2d(32, 64, 5, padding=2) -> ReLU ->
MaxPool2d(2) -> Flatten -> Linear(7*7*64, 128) -> ReLU -> Linear(128, 10). Each timed call:
opt.zero_grad(); loss = F.cross_entropy(model(x), y); loss.backward(); opt.step(); loss.item()
(Adam, lr 1e-3). Data are made once, seeded, before timing; the model keeps training across calls.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from peer_common import emit, measure, read_request, torch_setup


def make_model(height, width, classes):
    return nn.Sequential(
        nn.Conv2d(1, 32, 5, padding=2),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 5, padding=2),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear((height // 4) * (width // 4) * 64, 128),
        nn.ReLU(),
        nn.Linear(128, classes),
    )


def main():
    req = read_request()
    controller, info = torch_setup(req, "NCHW (contiguous)")
    torch.manual_seed(0)
    gen = torch.Generator().manual_seed(0)
    results = []
    for case in req["cases"]:
        n, h, w, k = case["batch"], case["height"], case["width"], case["classes"]
        model = make_model(h, w, k)
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        x = torch.randn(n, 1, h, w, generator=gen)
        y = torch.randint(0, k, (n,), generator=gen)

        def step():
            opt.zero_grad()
            loss = F.cross_entropy(model(x), y)
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
