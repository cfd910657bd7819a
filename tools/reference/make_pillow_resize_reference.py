#!/usr/bin/env python3
"""Reference fixture for vigil's image resize (models/ FramePreprocessor): real Pillow output.

Hugging Face's SigLIP image processor resizes with Pillow (``PIL.Image.resize``, BICUBIC, no reducing gap),
so vigil's Java resize must give Pillow's bytes. This script resizes a few synthetic RGB images with the
installed Pillow and writes, under models/src/test/resources/reference/ (or --out):

  pillow_resize.json   the cases (input and output sizes, Pillow resample code, output file) + provenance
  pillow_resize_*.rgb  each case's output, packed RGB bytes, row by row

The input images are not stored: each pixel is a formula of (x, y, channel) that the Java test computes
too (``pattern`` below), with a smooth half and a noisy half so that sums overshoot and clamp.

Requires Pillow (Debian: apt-get install python3-pil; run with /usr/bin/python3 if a pyenv python shadows
it). Deterministic. Run from anywhere:

    /usr/bin/python3 tools/reference/make_pillow_resize_reference.py
"""
import argparse
import json
import os

import PIL
from PIL import Image

CASES = [
    # in_w, in_h, out_w, out_h, Pillow resample code (2 bilinear, 3 bicubic)
    (448, 256, 128, 128, 3),   # the synthetic camera's frames into synthcam-tiny
    (640, 480, 96, 96, 2),
    (100, 60, 128, 128, 3),    # upscaling: bicubic overshoots and clamps
    (300, 700, 64, 64, 3),
    (37, 23, 8, 8, 3),
]


def pattern(x, y, c, w):
    """The input pixel value; the Java test has the same formula."""
    if x < w // 2:
        return (x * 3 + y * 2 + c * 40) & 0xFF
    return (x * x * 7 + y * 13 + c * 50 + ((x * y) % 37) * 5) & 0xFF


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_out = os.path.join(here, "..", "..", "models", "src", "test", "resources", "reference")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=default_out)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    cases = []
    for in_w, in_h, out_w, out_h, code in CASES:
        data = bytes(pattern(x, y, c, in_w) for y in range(in_h) for x in range(in_w) for c in range(3))
        image = Image.frombytes("RGB", (in_w, in_h), data)
        resized = image.resize((out_w, out_h), resample=code, reducing_gap=None)
        name = f"pillow_resize_{in_w}x{in_h}_{out_w}x{out_h}_{code}.rgb"
        with open(os.path.join(args.out, name), "wb") as f:
            f.write(resized.tobytes())
        cases.append({"inWidth": in_w, "inHeight": in_h, "outWidth": out_w, "outHeight": out_h,
                      "resample": code, "file": name})
    with open(os.path.join(args.out, "pillow_resize.json"), "w") as f:
        json.dump({"source": f"Pillow {PIL.__version__} Image.resize(size, resample, reducing_gap=None)",
                   "script": "tools/reference/make_pillow_resize_reference.py",
                   "cases": cases}, f, indent=2)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {args.out} with Pillow {PIL.__version__}")


if __name__ == "__main__":
    main()
