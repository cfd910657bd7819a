#!/usr/bin/env python3
"""Reference fixtures for vigil's Java ports of Mamba-1 and ToMe merging (models/ module tests).

Writes, under models/src/test/resources/reference/ (or --out):

  mamba_tiny.safetensors      weights of a tiny random 2-layer Mamba stack, HF names under "temporal."
  mamba_tiny_io.safetensors   input [B, L, D], expected output, expected final per-layer state
  mamba_tiny.json             config + provenance
  bimamba_tiny.*              the same for the VideoMamba "bimamba v2" bidirectional variant
  tome_cases.safetensors      per case: input, merged features, sizes, source matrix
  tome_cases.json             cases (flags, metric chunk, r list) + provenance

Where the reference comes from is recorded in every JSON file ("source"), honestly:

  * Mamba: if `transformers` is importable, the stack is HF `MambaModel` itself (run with inputs_embeds)
    and its outputs/cache are recorded.  Otherwise the script falls back to its own pure-torch
    transcription of the semantics of HF `MambaMixer.slow_forward` (conv with zero left padding, softplus
    Δ with bias, exp(Δ·A), Euler B, sequential scan, D skip, silu(z) gate) inside pre-norm RMSNorm blocks
    with an fp32 residual and a final norm_f, and says so.
  * bimamba: always the script's transcription of OpenGVLab/VideoMamba `mamba_simple.py` (bimamba v2):
    a second scan over the time-reversed sequence with the _b parameters, summed after flipping back,
    before one shared out_proj.  (mamba_ssm's CUDA kernels are not available here.)
  * ToMe: if the `tome` package (facebookresearch/ToMe) is importable, its bipartite_soft_matching,
    merge_wavg and merge_source are used.  Otherwise the script's transcription of the semantics of
    tome/merge.py, and it says so.

Requires torch (Debian: apt-get install python3-torch, then run with /usr/bin/python3 if a pyenv python
shadows it); numpy is not needed.  Deterministic: fixed seeds.  Run from anywhere:

    /usr/bin/python3 tools/reference/make_mamba_tome_reference.py
"""
import argparse
import json
import math
import os
import struct

import torch
import torch.nn.functional as F

SEED = 20240611


# ---------------------------------------------------------------------------------------------- safetensors
def save_safetensors(path, tensors, metadata=None):
    """Minimal safetensors writer (fp32 only): 8-byte LE header length, JSON header, raw LE data."""
    header = {}
    blobs = []
    offset = 0
    for name in sorted(tensors):
        t = tensors[name].detach().to(torch.float32).contiguous().cpu()
        data = struct.pack("<%df" % t.numel(), *t.flatten().tolist())
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    if metadata:
        header["__metadata__"] = {k: str(v) for k, v in metadata.items()}
    raw = json.dumps(header, separators=(",", ":")).encode("utf-8")
    raw += b" " * ((8 - len(raw) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for blob in blobs:
            f.write(blob)


# ---------------------------------------------------------------------------------------------- Mamba
MAMBA = dict(hidden_size=8, state_size=4, conv_kernel=4, expand=2, time_step_rank=1, num_hidden_layers=2,
             layer_norm_epsilon=1e-5, use_bias=False, use_conv_bias=True)


def random_mixer_params(cfg, gen, bidirectional):
    """Parameters with the reference initialisation's character, plus noise on norms and D so they matter."""
    d, n, k, r = cfg["hidden_size"], cfg["state_size"], cfg["conv_kernel"], cfg["time_step_rank"]
    di = cfg["expand"] * d

    def uniform(shape, fan_in):
        bound = 1.0 / math.sqrt(fan_in)
        return (torch.rand(shape, generator=gen) * 2 - 1) * bound

    p = {"in_proj.weight": uniform((2 * di, d), d), "out_proj.weight": uniform((d, di), di)}
    if cfg["use_bias"]:
        p["in_proj.bias"] = uniform((2 * di,), d)
        p["out_proj.bias"] = uniform((d,), di)
    for conv, xproj, dtproj, alog, dskip in [("conv1d", "x_proj", "dt_proj", "A_log", "D")] + (
            [("conv1d_b", "x_proj_b", "dt_proj_b", "A_b_log", "D_b")] if bidirectional else []):
        p[conv + ".weight"] = uniform((di, 1, k), k)
        if cfg["use_conv_bias"]:
            p[conv + ".bias"] = uniform((di,), k)
        p[xproj + ".weight"] = uniform((r + 2 * n, di), di)
        p[dtproj + ".weight"] = uniform((di, r), r)
        dt = torch.exp(torch.rand(di, generator=gen) * (math.log(0.1) - math.log(1e-3)) + math.log(1e-3))
        dt = dt.clamp(min=1e-4)
        p[dtproj + ".bias"] = dt + torch.log(-torch.expm1(-dt))  # inverse softplus
        p[alog] = torch.log(torch.arange(1, n + 1, dtype=torch.float32)).repeat(di, 1) \
            + 0.1 * torch.randn((di, n), generator=gen)
        p[dskip] = 1 + 0.1 * torch.randn(di, generator=gen)
    return p


def random_stack_params(cfg, gen, bidirectional):
    params = {}
    for i in range(cfg["num_hidden_layers"]):
        for name, value in random_mixer_params(cfg, gen, bidirectional).items():
            params["layers.%d.mixer.%s" % (i, name)] = value
        params["layers.%d.norm.weight" % i] = 1 + 0.1 * torch.randn(cfg["hidden_size"], generator=gen)
    params["norm_f.weight"] = 1 + 0.1 * torch.randn(cfg["hidden_size"], generator=gen)
    return params


def rms_norm(x, weight, eps):
    variance = x.float().pow(2).mean(-1, keepdim=True)
    return weight * (x * torch.rsqrt(variance + eps))


def one_direction(p, x, z, cfg, conv, xproj, dtproj, alog, dskip):
    """One gated selective scan, HF slow_forward semantics. x, z: [B, Di, L] (pre-conv x branch, gate)."""
    n, k, r = cfg["state_size"], cfg["conv_kernel"], cfg["time_step_rank"]
    batch, di, length = x.shape
    # causal depthwise conv: zero left padding, keep the first L outputs
    xc = F.conv1d(x, p[conv + ".weight"], p.get(conv + ".bias"), padding=k - 1, groups=di)[..., :length]
    xc = F.silu(xc)
    ssm_params = xc.transpose(1, 2) @ p[xproj + ".weight"].t()                       # [B, L, R+2N]
    dt_low, b, c = torch.split(ssm_params, [r, n, n], dim=-1)
    delta = F.softplus(dt_low @ p[dtproj + ".weight"].t() + p[dtproj + ".bias"]).transpose(1, 2)  # [B, Di, L]
    a = -torch.exp(p[alog].float())                                                     # [Di, N]
    decay = torch.exp(a[None, :, None, :] * delta[:, :, :, None])                      # [B, Di, L, N]
    drive = delta[:, :, :, None] * b[:, None, :, :] * xc[:, :, :, None]                # [B, Di, L, N]
    h = torch.zeros(batch, di, n)
    outs = []
    for t in range(length):
        h = decay[:, :, t, :] * h + drive[:, :, t, :]
        outs.append((h @ c[:, t, :].unsqueeze(-1))[..., 0])
    y = torch.stack(outs, dim=-1) + xc * p[dskip][None, :, None]
    y = y * F.silu(z)
    # the state a continuation needs: h and the last K-1 *pre-conv* inputs (zero-padded on the left)
    padded = F.pad(x, (k - 1, 0))
    return y, h, padded[..., -(k - 1):]


def mixer_forward(p, u, cfg, bidirectional):
    di = cfg["expand"] * cfg["hidden_size"]
    xz = u @ p["in_proj.weight"].t()
    if "in_proj.bias" in p:
        xz = xz + p["in_proj.bias"]
    x, z = xz.transpose(1, 2).split(di, dim=1)
    y, h, tail = one_direction(p, x, z, cfg, "conv1d", "x_proj", "dt_proj", "A_log", "D")
    if bidirectional:
        yb, _, _ = one_direction(p, x.flip(-1), z.flip(-1), cfg, "conv1d_b", "x_proj_b", "dt_proj_b", "A_b_log",
                                 "D_b")
        y = y + yb.flip(-1)
    out = y.transpose(1, 2) @ p["out_proj.weight"].t()
    if "out_proj.bias" in p:
        out = out + p["out_proj.bias"]
    return out, h, tail


def transcribed_stack(params, x, cfg, bidirectional):
    residual = x.float()
    states = []
    for i in range(cfg["num_hidden_layers"]):
        prefix = "layers.%d.mixer." % i
        p = {name[len(prefix):]: v for name, v in params.items() if name.startswith(prefix)}
        normed = rms_norm(residual, params["layers.%d.norm.weight" % i], cfg["layer_norm_epsilon"])
        out, h, tail = mixer_forward(p, normed, cfg, bidirectional)
        residual = residual + out
        states.append((h, tail))
    return rms_norm(residual, params["norm_f.weight"], cfg["layer_norm_epsilon"]), states


def transformers_stack(params, x, cfg):
    """Runs HF MambaModel itself; returns None when transformers is not installed."""
    try:
        import transformers
        from transformers import MambaConfig, MambaModel
    except ImportError:
        return None
    config = MambaConfig(hidden_size=cfg["hidden_size"], state_size=cfg["state_size"],
                         conv_kernel=cfg["conv_kernel"], expand=cfg["expand"],
                         time_step_rank=cfg["time_step_rank"], num_hidden_layers=cfg["num_hidden_layers"],
                         layer_norm_epsilon=cfg["layer_norm_epsilon"], use_bias=cfg["use_bias"],
                         use_conv_bias=cfg["use_conv_bias"], residual_in_fp32=True, vocab_size=16)
    model = MambaModel(config).eval()
    state = model.state_dict()
    for name, value in params.items():
        state[name] = value.clone()
    model.load_state_dict(state)
    with torch.no_grad():
        out = model(inputs_embeds=x, use_cache=True)
    k = cfg["conv_kernel"]
    cache = out.cache_params
    states = [(cache.ssm_states[i].clone(), cache.conv_states[i][..., 1:].clone())
              for i in range(cfg["num_hidden_layers"])]
    # HF's conv_states hold the last K inputs (zero-padded); the carried tail is its last K-1 columns.
    assert states[0][1].shape[-1] == k - 1
    return out.last_hidden_state, states, "transformers %s MambaModel (slow path on CPU)" % transformers.__version__


def write_mamba(out_dir, name, bidirectional):
    gen = torch.Generator().manual_seed(SEED + (1 if bidirectional else 0))
    cfg = dict(MAMBA)
    params = random_stack_params(cfg, gen, bidirectional)
    x = torch.randn((2, 11, cfg["hidden_size"]), generator=gen)  # B = 2 streams, L = 11 tokens
    result = None if bidirectional else transformers_stack(params, x, cfg)
    with torch.no_grad():
        if result is None:
            output, states = transcribed_stack(params, x, cfg, bidirectional)
            source = ("torch transcription of VideoMamba bimamba v2 (mamba_simple.py) semantics on top of HF "
                      "MambaMixer.slow_forward semantics; NOT transformers output" if bidirectional else
                      "torch transcription of HF MambaMixer.slow_forward semantics in MambaModel-style pre-norm "
                      "blocks (transformers not installed); NOT transformers output")
        else:
            output, states, source = result
    save_safetensors(os.path.join(out_dir, name + ".safetensors"),
                     {"temporal." + k: v for k, v in params.items()}, {"source": source})
    io = {"input": x, "output": output}
    for i, (h, tail) in enumerate(states):
        io["state.layers.%d.ssm" % i] = h
        io["state.layers.%d.conv_tail" % i] = tail
    save_safetensors(os.path.join(out_dir, name + "_io.safetensors"), io, {"source": source})
    meta = dict(cfg, prefix="temporal", bidirectional=bidirectional, seed=SEED, torch=torch.__version__,
                source=source, batch=2, length=11)
    with open(os.path.join(out_dir, name + ".json"), "w") as f:
        json.dump(meta, f, indent=2, sort_keys=True)
        f.write("\n")
    return source


# ---------------------------------------------------------------------------------------------- ToMe
def transcribed_matching(metric, r, class_token=False, distill_token=False):
    """Returns merge(x, mode) with the semantics of ToMe's bipartite_soft_matching (tome/merge.py)."""
    protected = int(class_token) + int(distill_token)
    r = min(r, (metric.shape[1] - protected) // 2)
    if r <= 0:
        return lambda x, mode="mean": x
    with torch.no_grad():
        unit = metric / metric.norm(dim=-1, keepdim=True)
        set_a, set_b = unit[:, 0::2], unit[:, 1::2]
        scores = set_a @ set_b.transpose(1, 2)
        if class_token:
            scores[:, 0, :] = -math.inf
        if distill_token:
            scores[:, :, 0] = -math.inf
        best, partner = scores.max(dim=-1)
        ranked = best.argsort(dim=-1, descending=True).unsqueeze(-1)
        kept, merged = ranked[:, r:], ranked[:, :r]
        target = partner.unsqueeze(-1).gather(1, merged)
        if class_token:
            kept = kept.sort(dim=1).values

    def merge(x, mode="mean"):
        evens, odds = x[:, 0::2], x[:, 1::2]
        n, _, c = evens.shape
        stay = evens.gather(1, kept.expand(n, kept.shape[1], c))
        moving = evens.gather(1, merged.expand(n, r, c))
        odds = odds.scatter_reduce(1, target.expand(n, r, c), moving, reduce=mode)
        if distill_token:
            return torch.cat([stay[:, :1], odds[:, :1], stay[:, 1:], odds[:, 1:]], dim=1)
        return torch.cat([stay, odds], dim=1)

    return merge


def tome_functions():
    try:
        from tome.merge import bipartite_soft_matching, merge_source, merge_wavg
        return bipartite_soft_matching, merge_wavg, merge_source, "facebookresearch/ToMe tome.merge"
    except ImportError:
        def wavg(merge, x, size=None):
            size = torch.ones_like(x[..., 0, None]) if size is None else size
            x = merge(x * size, mode="sum")
            size = merge(size, mode="sum")
            return x / size, size

        def source(merge, x, src=None):
            if src is None:
                n, t, _ = x.shape
                src = torch.eye(t, device=x.device)[None, ...].expand(n, t, t)
            return merge(src, mode="amax")

        return (transcribed_matching, wavg, source,
                "torch transcription of ToMe merge.py semantics (bipartite_soft_matching + merge_wavg + "
                "merge_source); NOT the tome package")


def head_chunk_mean(x, chunk):
    b, t, c = x.shape
    return x.reshape(b, t, c // chunk, chunk).mean(2)


def target_schedule(tokens, target, protected=0):
    out, t = [], tokens
    while t > target:
        r = min(t - target, (t - protected) // 2)
        if r <= 0:
            break
        out.append(r)
        t -= r
    return out


def write_tome(out_dir):
    matching, wavg, source_fn, source = tome_functions()
    gen = torch.Generator().manual_seed(SEED + 7)
    width, chunk = 16, 4
    cases = {
        "plain": dict(tokens=25, r=[6, 4, 3], class_token=False, distill_token=False),
        "class": dict(tokens=24, r=[7, 5, 2], class_token=True, distill_token=False),
        "class_distill": dict(tokens=27, r=[8, 6], class_token=True, distill_token=True),
        "halving": dict(tokens=49, r=target_schedule(49, 8), class_token=False, distill_token=False),
    }
    tensors = {}
    for name, case in cases.items():
        x = torch.randn((2, case["tokens"], width), generator=gen)
        tensors[name + ".input"] = x
        feats, size, src = x, None, None
        for r in case["r"]:
            merge = matching(head_chunk_mean(feats, chunk), r, case["class_token"], case["distill_token"])
            src = source_fn(merge, feats, src)
            feats, size = wavg(merge, feats, size)
        tensors[name + ".features"] = feats
        tensors[name + ".sizes"] = size[..., 0]
        tensors[name + ".sources"] = src
    save_safetensors(os.path.join(out_dir, "tome_cases.safetensors"), tensors, {"source": source})
    meta = {"source": source, "metric": "mean over head chunks", "metric_chunk": chunk, "width": width,
            "order": "reference (ToMe's own output order)", "seed": SEED, "torch": torch.__version__,
            "note": "metric recomputed from the current features before every step (LongVLM, VideoChat-Flash)",
            "cases": cases}
    with open(os.path.join(out_dir, "tome_cases.json"), "w") as f:
        json.dump(meta, f, indent=2, sort_keys=True)
        f.write("\n")
    return source


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_out = os.path.join(here, "..", "..", "models", "src", "test", "resources", "reference")
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=default_out)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.manual_seed(SEED)
    print("mamba_tiny:  ", write_mamba(args.out, "mamba_tiny", bidirectional=False))
    print("bimamba_tiny:", write_mamba(args.out, "bimamba_tiny", bidirectional=True))
    print("tome_cases:  ", write_tome(args.out))


if __name__ == "__main__":
    main()
