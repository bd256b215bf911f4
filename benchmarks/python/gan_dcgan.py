"""PyTorch peer for workloads/gan.mjs: one DCGAN training iteration (a D step and a G step), batch 64.

Input cases: [{"id", "imageSize", "width", "latentDim", "batch"}] (imageSize 32). The networks, NCHW,
as @ml/gan's DcganGenerator / DcganDiscriminator with w = width:
G: ConvTranspose2d(Z, 4w, 4, 1, 0, bias=False) BN ReLU, (4w, 2w, 4, 2, 1) BN ReLU, (2w, w, 4, 2, 1) BN
ReLU, (w, 1, 4, 2, 1) Tanh. D: Conv2d(1, w, 4, 2, 1) LeakyReLU(0.2), (w, 2w, 4, 2, 1, bias=False) BN
LeakyReLU, (2w, 4w, 4, 2, 1, bias=False) BN LeakyReLU, (4w, 1, 4, 1, 0). Adam(2e-4, betas (0.5, 0.999)).
Each timed call: D step on the fixed real batch and detached fakes (BCE with logits), then a G step on
fresh codes (non-saturating BCE), both losses read with .item().
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from peer_common import emit, measure, read_request, torch_setup


def make_g(z, w):
    return nn.Sequential(
        nn.ConvTranspose2d(z, 4 * w, 4, 1, 0, bias=False), nn.BatchNorm2d(4 * w), nn.ReLU(),
        nn.ConvTranspose2d(4 * w, 2 * w, 4, 2, 1, bias=False), nn.BatchNorm2d(2 * w), nn.ReLU(),
        nn.ConvTranspose2d(2 * w, w, 4, 2, 1, bias=False), nn.BatchNorm2d(w), nn.ReLU(),
        nn.ConvTranspose2d(w, 1, 4, 2, 1), nn.Tanh(),
    )


def make_d(w):
    return nn.Sequential(
        nn.Conv2d(1, w, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(w, 2 * w, 4, 2, 1, bias=False), nn.BatchNorm2d(2 * w), nn.LeakyReLU(0.2),
        nn.Conv2d(2 * w, 4 * w, 4, 2, 1, bias=False), nn.BatchNorm2d(4 * w), nn.LeakyReLU(0.2),
        nn.Conv2d(4 * w, 1, 4, 1, 0),
    )


def main():
    req = read_request()
    controller, info = torch_setup(req, "NCHW (contiguous)")
    torch.manual_seed(0)
    gen = torch.Generator().manual_seed(0)
    results = []
    for case in req["cases"]:
        n, s, w, z = case["batch"], case["imageSize"], case["width"], case["latentDim"]
        g, d = make_g(z, w), make_d(w)
        opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
        opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
        real = torch.rand(n, 1, s, s, generator=gen) * 2 - 1
        ones, zeros = torch.ones(n), torch.zeros(n)

        def step():
            d.zero_grad()
            fake = g(torch.randn(n, z, 1, 1, generator=gen))
            err_d = (F.binary_cross_entropy_with_logits(d(real).view(-1), ones) +
                     F.binary_cross_entropy_with_logits(d(fake.detach()).view(-1), zeros))
            err_d.backward()
            opt_d.step()
            g.zero_grad()
            fake = g(torch.randn(n, z, 1, 1, generator=gen))
            err_g = F.binary_cross_entropy_with_logits(d(fake).view(-1), ones)
            err_g.backward()
            opt_g.step()
            err_d.item()
            err_g.item()

        timing = measure(step, req["options"])
        timing["id"] = case["id"]
        results.append(timing)
    del controller
    emit(info, results)


if __name__ == "__main__":
    main()
