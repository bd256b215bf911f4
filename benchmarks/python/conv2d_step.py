"""PyTorch peer for workloads/conv2d-step.mjs: one conv2d forward + gradients w.r.t. input and filter.

Input cases: [{"id", "batch", "height", "width", "inChannels", "outChannels", "kernel"}] with stride 1
and 'same' padding (kernel // 2, odd kernels). PyTorch works in NCHW, so the tensors are made in NCHW
before timing (the layout conversion from our NHWC is not part of the timed region). Each timed call:
y = conv2d(x, w); dx, dw = autograd.grad(y, (x, w), dy) -- the same as tf.valueAndGrads with dy.
"""
import torch
import torch.nn.functional as F

from peer_common import emit, measure, read_request, torch_setup


def main():
    req = read_request()
    controller, info = torch_setup(req, "NCHW (contiguous)")
    gen = torch.Generator().manual_seed(0)
    results = []
    for case in req["cases"]:
        n, h, w_ = case["batch"], case["height"], case["width"]
        cin, cout, k = case["inChannels"], case["outChannels"], case["kernel"]
        x = torch.randn(n, cin, h, w_, generator=gen).requires_grad_(True)
        w = (torch.randn(cout, cin, k, k, generator=gen) * 0.1).requires_grad_(True)
        dy = torch.randn(n, cout, h, w_, generator=gen)

        def step():
            y = F.conv2d(x, w, padding=k // 2)
            torch.autograd.grad(y, (x, w), dy)

        timing = measure(step, req["options"])
        timing["id"] = case["id"]
        results.append(timing)
    del controller
    emit(info, results)


if __name__ == "__main__":
    main()
