#!/usr/bin/env python3
"""Plain-PyTorch baseline for `vigil bench encoder`: times Hugging Face's SiglipVisionModel.

Same shapes as vigil's seeded bundles (random init from a config: speed depends on shapes, not weights, so
no download is needed), same precision, same frames per forward. Prints one JSON object (and writes it with
--json) that `vigil bench report` reads next to vigil's encoder JSON to show vigil's frames/s as a ratio of
plain PyTorch's.

What it times: `model(pixel_values=...)` under torch.inference_mode on pre-made pixels on the device - the
vision tower with its attention-pooling head, nothing else. vigil's encoder additionally runs preprocessing
(on the CPU), a 2-layer Mamba temporal encoder and token merging per clip, so a ratio below 1 is partly
that extra work; the FLOPs below count the tower only, as in vigil's formula without the Mamba term.

Needs: python3 with torch and transformers (>= 4.37, which has SiglipVisionModel). Meant for a GPU machine:

    python3 tools/baseline/siglip_pytorch.py --arch siglip-b16 --device cuda:0 --precision fp16 \
        --batch-frames 4,32,128 --json docs/bench/pytorch-siglip-b16-fp16.json
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import sys
import time

# image, patch, width, MLP, layers, heads: the same table as vigil's SeededBundleWriter.Shape
ARCHS = {
    "siglip-b16": (224, 16, 768, 3072, 12, 12),
    "siglip-so400m": (384, 14, 1152, 4304, 27, 16),
    "synthcam-tiny": (128, 16, 192, 768, 6, 3),
}


def tower_flops_per_frame(image, patch, d, m, layers):
    """vigil's FlopCount without the Mamba term (multiply-add = 2 FLOPs)."""
    p = (image // patch) ** 2
    patch_embed = 2 * p * (3 * patch * patch) * d
    per_layer = 8 * p * d * d + 4 * p * p * d + 4 * p * d * m
    head = 4 * p * d * d + 4 * d * d + 4 * p * d + 4 * d * m
    return patch_embed + layers * per_layer + head


def sync(torch, device):
    if device.startswith("cuda"):
        torch.cuda.synchronize(device)


def gemm_rate(torch, device, dtype, n, repeats):
    a = torch.rand((n, n), device=device, dtype=dtype)
    b = torch.rand((n, n), device=device, dtype=dtype)
    torch.matmul(a, b)
    sync(torch, device)
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        torch.matmul(a, b)
        sync(torch, device)
        best = min(best, time.perf_counter() - t0)
    return {"n": n, "dtype": str(dtype).replace("torch.", ""), "repeats": repeats, "bestSeconds": best,
            "flopsPerSecond": 2.0 * n ** 3 / best}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--arch", choices=sorted(ARCHS), default="siglip-b16")
    parser.add_argument("--device", default="cuda:0")
    parser.add_argument("--precision", choices=["fp32", "fp16", "bf16"], default="fp16")
    parser.add_argument("--batch-frames", default="4,32,128",
                        help="frames per forward, comma-separated (vigil's --batches 1,8,32 clips = 4,32,128 frames)")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--attn", default="sdpa", help="attn_implementation: sdpa or eager")
    parser.add_argument("--gemm-size", type=int, default=8192)
    parser.add_argument("--json", help="also write the result here")
    args = parser.parse_args(argv)

    import torch
    from transformers import SiglipVisionConfig, SiglipVisionModel

    dtype = {"fp32": torch.float32, "fp16": torch.float16, "bf16": torch.bfloat16}[args.precision]
    image, patch, width, mlp, layers, heads = ARCHS[args.arch]
    config = SiglipVisionConfig(hidden_size=width, intermediate_size=mlp, num_hidden_layers=layers,
                                num_attention_heads=heads, image_size=image, patch_size=patch,
                                hidden_act="gelu_pytorch_tanh", layer_norm_eps=1e-6, vision_use_head=True)
    torch.manual_seed(0)
    try:
        model = SiglipVisionModel._from_config(config, attn_implementation=args.attn)
    except (TypeError, ValueError):
        model = SiglipVisionModel(config)
    model = model.to(device=args.device, dtype=dtype).eval()

    per_frame = tower_flops_per_frame(image, patch, width, mlp, layers)
    gemm = gemm_rate(torch, args.device, dtype, args.gemm_size, 5)
    batches = []
    with torch.inference_mode():
        for frames in [int(b) for b in args.batch_frames.split(",") if b.strip()]:
            pixels = torch.rand((frames, 3, image, image), device=args.device, dtype=dtype) * 2 - 1
            for _ in range(args.warmup):
                model(pixel_values=pixels)
            sync(torch, args.device)
            seconds = []
            for _ in range(args.iterations):
                t0 = time.perf_counter()
                model(pixel_values=pixels)
                sync(torch, args.device)
                seconds.append(time.perf_counter() - t0)
            median = statistics.median(seconds)
            fps = frames / median
            batches.append({"frames": frames, "seconds": seconds, "medianSeconds": median, "framesPerSecond": fps,
                            "achievedFlopsPerSecond": fps * per_frame,
                            "efficiency": fps * per_frame / gemm["flopsPerSecond"]})

    result = {
        "kind": "pytorch-baseline",
        "command": " ".join([os.path.basename(sys.executable), "tools/baseline/siglip_pytorch.py"] + (argv or sys.argv[1:])),
        "machine": {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(), "cores": os.cpu_count(),
                    "loadAverage": " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "",
                    "os": platform.platform(), "python": platform.python_version(),
                    "torch": torch.__version__,
                    "gpu": torch.cuda.get_device_name(args.device) if args.device.startswith("cuda") else None},
        "arch": args.arch, "device": args.device, "precision": args.precision, "attention": args.attn,
        "towerFlopsPerFrame": per_frame, "gemm": gemm, "batches": batches,
    }
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        os.makedirs(os.path.dirname(os.path.abspath(args.json)), exist_ok=True)
        with open(args.json, "w") as f:
            f.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
