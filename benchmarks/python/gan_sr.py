"""PyTorch peer for workloads/gan-sr.mjs: SRResNet ×2 inference (eval mode, no grad).

Input cases: [{"id", "features", "blocks", "height", "width"}]. The network is the one @ml/gan's
SrResNet builds (SRGAN generator with BN and PReLU, one ×2 sub-pixel stage, bicubic image skip as a
grouped 5×5 conv producing 4 phases after replicate padding, then pixel_shuffle), in NCHW, random
weights (timing only). Each timed call: y = model(x) under torch.no_grad().
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from peer_common import emit, measure, read_request, torch_setup


class Block(nn.Module):
    def __init__(self, f):
        super().__init__()
        self.conv1, self.bn1, self.act = nn.Conv2d(f, f, 3, padding=1, bias=False), nn.BatchNorm2d(f), nn.PReLU()
        self.conv2, self.bn2 = nn.Conv2d(f, f, 3, padding=1, bias=False), nn.BatchNorm2d(f)

    def forward(self, x):
        return self.bn2(self.conv2(self.act(self.bn1(self.conv1(x))))) + x


class SrResNet(nn.Module):
    def __init__(self, f, b):
        super().__init__()
        self.head, self.head_act = nn.Conv2d(3, f, 9, padding=4), nn.PReLU()
        self.blocks = nn.Sequential(*[Block(f) for _ in range(b)])
        self.body_conv, self.body_bn = nn.Conv2d(f, f, 3, padding=1, bias=False), nn.BatchNorm2d(f)
        self.up = nn.Sequential(nn.Conv2d(f, 4 * f, 3, padding=1), nn.PixelShuffle(2), nn.PReLU())
        self.tail = nn.Conv2d(f, 3, 9, padding=4)
        self.register_buffer('skip', torch.randn(12, 1, 5, 5) * 0.1)

    def forward(self, x):
        h0 = self.head_act(self.head(x))
        y = self.body_bn(self.body_conv(self.blocks(h0))) + h0
        y = self.tail(self.up(y))
        skip = F.pixel_shuffle(F.conv2d(F.pad(x, (2, 2, 2, 2), mode='replicate'), self.skip, groups=3), 2)
        return y + skip


def main():
    req = read_request()
    controller, info = torch_setup(req, "NCHW (contiguous)")
    torch.manual_seed(0)
    results = []
    for case in req["cases"]:
        model = SrResNet(case["features"], case["blocks"]).eval()
        x = torch.rand(1, 3, case["height"], case["width"])

        def step():
            with torch.no_grad():
                model(x)

        timing = measure(step, req["options"])
        timing["id"] = case["id"]
        results.append(timing)
    del controller
    emit(info, results)


if __name__ == "__main__":
    main()
