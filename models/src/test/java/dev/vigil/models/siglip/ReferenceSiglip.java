package dev.vigil.models.siglip;

/**
 * A deliberately plain double-precision SigLIP forward, loop by loop, written from the architecture description
 * to check the DJL implementation against.
 */
final class ReferenceSiglip {

    private final TinySiglip m;
    private final int d = TinySiglip.HIDDEN;
    private final int heads = TinySiglip.HEADS;

    ReferenceSiglip(TinySiglip model) {
        this.m = model;
    }

    /** Patch tokens after post_layernorm for one frame's pixels {@code [3][S][S]}. */
    double[][] visionTokens(double[][][] pixels) {
        int p = TinySiglip.PATCH;
        int g = TinySiglip.IMAGE / p;
        double[] w = m.get("vision_model.embeddings.patch_embedding.weight");
        double[] b = m.get("vision_model.embeddings.patch_embedding.bias");
        double[] pos = m.get("vision_model.embeddings.position_embedding.weight");
        double[][] x = new double[g * g][d];
        for (int gy = 0; gy < g; gy++) {
            for (int gx = 0; gx < g; gx++) {
                int t = gy * g + gx;
                for (int o = 0; o < d; o++) {
                    double s = b[o];
                    for (int c = 0; c < 3; c++) {
                        for (int py = 0; py < p; py++) {
                            for (int px = 0; px < p; px++) {
                                s += w[((o * 3 + c) * p + py) * p + px] * pixels[c][gy * p + py][gx * p + px];
                            }
                        }
                    }
                    x[t][o] = s + pos[t * d + o];
                }
            }
        }
        x = encoder("vision_model.encoder", x);
        return layerNorm("vision_model.post_layernorm", x);
    }

    /** The attention-pooling head's output for one frame's tokens. */
    double[] pool(double[][] tokens) {
        String h = "vision_model.head.";
        double[] probe = m.get(h + "probe");
        double[] inW = m.get(h + "attention.in_proj_weight");
        double[] inB = m.get(h + "attention.in_proj_bias");
        double[] q = new double[d];
        for (int o = 0; o < d; o++) {
            double s = inB[o];
            for (int i = 0; i < d; i++) {
                s += inW[o * d + i] * probe[i];
            }
            q[o] = s;
        }
        double[][] k = new double[tokens.length][d];
        double[][] v = new double[tokens.length][d];
        for (int t = 0; t < tokens.length; t++) {
            for (int o = 0; o < d; o++) {
                double sk = inB[d + o];
                double sv = inB[2 * d + o];
                for (int i = 0; i < d; i++) {
                    sk += inW[(d + o) * d + i] * tokens[t][i];
                    sv += inW[(2 * d + o) * d + i] * tokens[t][i];
                }
                k[t][o] = sk;
                v[t][o] = sv;
            }
        }
        double[] ctx = attendOne(q, k, v);
        double[] attended = linear(h + "attention.out_proj", new double[][] {ctx})[0];
        double[][] normed = layerNorm(h + "layernorm", new double[][] {attended});
        double[] mlp = mlp(h + "mlp", normed)[0];
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            out[i] = attended[i] + mlp[i];
        }
        return out;
    }

    /** The text embedding for one row of token ids. */
    double[] text(long[] ids) {
        double[] emb = m.get("text_model.embeddings.token_embedding.weight");
        double[] pos = m.get("text_model.embeddings.position_embedding.weight");
        double[][] x = new double[ids.length][d];
        for (int t = 0; t < ids.length; t++) {
            for (int i = 0; i < d; i++) {
                x[t][i] = emb[(int) ids[t] * d + i] + pos[t * d + i];
            }
        }
        x = layerNorm("text_model.final_layer_norm", encoder("text_model.encoder", x));
        return linear("text_model.head", new double[][] {x[ids.length - 1]})[0];
    }

    private double[][] encoder(String prefix, double[][] x) {
        double[][] h = x;
        for (int l = 0; l < m.layers; l++) {
            String p = prefix + ".layers." + l + ".";
            double[][] a = selfAttention(p + "self_attn", layerNorm(p + "layer_norm1", h));
            h = add(h, a);
            double[][] f = mlp(p + "mlp", layerNorm(p + "layer_norm2", h));
            h = add(h, f);
        }
        return h;
    }

    private double[][] selfAttention(String prefix, double[][] x) {
        double[][] q = linear(prefix + ".q_proj", x);
        double[][] k = linear(prefix + ".k_proj", x);
        double[][] v = linear(prefix + ".v_proj", x);
        double[][] ctx = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            ctx[t] = attendOne(q[t], k, v);
        }
        return linear(prefix + ".out_proj", ctx);
    }

    /** Multi-head attention of one query over all keys. */
    private double[] attendOne(double[] q, double[][] k, double[][] v) {
        int hd = d / heads;
        double scale = 1.0 / Math.sqrt(hd);
        double[] out = new double[d];
        for (int h = 0; h < heads; h++) {
            double[] logits = new double[k.length];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k.length; j++) {
                double s = 0;
                for (int i = 0; i < hd; i++) {
                    s += q[h * hd + i] * k[j][h * hd + i];
                }
                logits[j] = s * scale;
                max = Math.max(max, logits[j]);
            }
            double total = 0;
            for (int j = 0; j < k.length; j++) {
                logits[j] = Math.exp(logits[j] - max);
                total += logits[j];
            }
            for (int j = 0; j < k.length; j++) {
                for (int i = 0; i < hd; i++) {
                    out[h * hd + i] += logits[j] / total * v[j][h * hd + i];
                }
            }
        }
        return out;
    }

    private double[][] mlp(String prefix, double[][] x) {
        double[][] h = linear(prefix + ".fc1", x);
        for (double[] row : h) {
            for (int i = 0; i < row.length; i++) {
                double u = row[i];
                row[i] = 0.5 * u * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (u + 0.044715 * u * u * u)));
            }
        }
        return linear(prefix + ".fc2", h);
    }

    private double[][] linear(String prefix, double[][] x) {
        double[] w = m.get(prefix + ".weight");
        double[] b = m.get(prefix + ".bias");
        int in = x[0].length;
        int outDim = b.length;
        double[][] y = new double[x.length][outDim];
        for (int t = 0; t < x.length; t++) {
            for (int o = 0; o < outDim; o++) {
                double s = b[o];
                for (int i = 0; i < in; i++) {
                    s += w[o * in + i] * x[t][i];
                }
                y[t][o] = s;
            }
        }
        return y;
    }

    private double[][] layerNorm(String prefix, double[][] x) {
        double[] w = m.get(prefix + ".weight");
        double[] b = m.get(prefix + ".bias");
        double[][] y = new double[x.length][d];
        for (int t = 0; t < x.length; t++) {
            double mean = 0;
            for (double v : x[t]) {
                mean += v;
            }
            mean /= d;
            double var = 0;
            for (double v : x[t]) {
                var += (v - mean) * (v - mean);
            }
            var /= d;
            for (int i = 0; i < d; i++) {
                y[t][i] = (x[t][i] - mean) / Math.sqrt(var + TinySiglip.EPS) * w[i] + b[i];
            }
        }
        return y;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] y = new double[a.length][a[0].length];
        for (int t = 0; t < a.length; t++) {
            for (int i = 0; i < a[t].length; i++) {
                y[t][i] = a[t][i] + b[t][i];
            }
        }
        return y;
    }
}
