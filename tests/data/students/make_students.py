"""Writes the simulated students' hand files of this directory (run once; the files are
committed). Each student works the network by hand, with plain arithmetic independent of
deltagraph, writes every value as people do (rounded or truncated to a number of significant
figures, informal names, spreadsheet formats) and carries their own written numbers forward.
Mistakes are injected at named steps; expected.toml says what the checker must find."""
import math

def sig(x): return 1/(1+math.exp(-x))
ACT = {
    "sigmoid": (sig, lambda f, z: f*(1-f)),
    "tanh": (math.tanh, lambda f, z: 1-f*f),
    "relu": (lambda z: max(0.0, z), lambda f, z: 1.0 if z > 0 else 0.0),
    "identity": (lambda z: z, lambda f, z: 1.0),
}
NETS = {
    "tutorial": dict(x=[1.0, 2.0], y=[1.0], loss="half_sse", lr=0.1, layers=[
        ([[2, 1], [1, 3], [3, 2]], [1, 2, 3], "sigmoid"),
        ([[1, 1, 2], [3, 2, 2]], [2, 1], "sigmoid"),
        ([[1, 3]], [2], "sigmoid")]),
    "tanh": dict(x=[0.5, -1.0], y=[1.0], loss="half_sse", lr=0.5, layers=[
        ([[0.4, -0.6], [0.3, 0.8]], [0.1, -0.2], "tanh"),
        ([[1.2, -0.7]], [0.05], "sigmoid")]),
    "relu": dict(x=[1.0, 2.0], y=[0.5], loss="half_sse", lr=0.1, layers=[
        ([[0.5, -1.0], [1.5, 0.5]], [0.0, -0.5], "relu"),
        ([[0.8, -0.4]], [0.1], "identity")]),
    "ce": dict(x=[1.0, 0.5], y=[1.0], loss="cross_entropy", lr=0.5, layers=[
        ([[0.2, 0.4], [-0.5, 0.3]], [0.1, 0.2], "sigmoid"),
        ([[0.7, -0.3]], [0.0], "sigmoid")]),
}

def fmt(x, n, truncate=False):
    if x == 0:
        return "0"
    if truncate:
        e = math.floor(math.log10(abs(x)))
        q = 10 ** (e - n + 1)
        x = math.trunc(x / q) * q
    s = f"{x:.{n}g}" if not truncate else f"{x:.{n}g}"
    return s

def work(net, n, mistake=lambda step, v, ctx: v, truncate=False, sign=1, half=True):
    """Rows (canonical name, written string) of one student's calculation."""
    rows = []
    def put(name, v):
        v = mistake(name, v, ctx)
        s = fmt(v, n, truncate)
        rows.append((name, s))
        return float(s)
    ctx = {}
    N = NETS[net]
    a, srcs, first = list(N["x"]), [f"x{i+1}" for i in range(len(N["x"]))], 1
    Ls = []
    for (W, b, act) in N["layers"]:
        zs, fs, ids = [], [], []
        for j, row in enumerate(W):
            k = first + j
            ctx["terms"] = [(f"w({srcs[i]},{k})", row[i], a[i]) for i in range(len(row))]
            ctx["bias"] = (f"b{k}", b[j])
            z = mistake(f"z{k}.sum", sum(w*x for _, w, x in ctx["terms"]) + b[j], ctx)
            z = put(f"z{k}", z)
            f = put(f"f{k}", ACT[act][0](z))
            zs.append(z); fs.append(f); ids.append(k)
        Ls.append((W, b, act, zs, fs, ids, list(a), srcs))
        a, srcs, first = fs, [str(k) for k in ids], first + len(W)
    y = N["y"]
    if N["loss"] == "half_sse":
        L = (0.5 if half else 1.0) * sum((yy - ff)**2 for yy, ff in zip(y, a))
    else:
        L = sum(-(yy*math.log(ff) + (1-yy)*math.log(1-ff)) for yy, ff in zip(y, a))
    put("L", L)
    deltas = {}
    nxt = None
    for (W, b, act, zs, fs, ids, ins, srcs) in reversed(Ls):
        dfs = {}
        for z, f, k in zip(zs, fs, ids):
            dfs[k] = put(f"df{k}", mistake(f"df{k}.rule", ACT[act][1](f, z), dict(f=f, z=z)))
        for j, (z, f, k) in enumerate(zip(zs, fs, ids)):
            if nxt is None:
                yy = y[j]
                if N["loss"] == "cross_entropy" and act == "sigmoid":
                    d = mistake(f"delta{k}.ce", f - yy, dict(df=dfs[k]))
                else:
                    d = -(yy - f) * (1 if half else 2) * dfs[k]
                d = sign * d
            else:
                (W2, ids2) = nxt
                d = dfs[k] * sum(W2[m][j] * deltas[k2] for m, k2 in enumerate(ids2))
            deltas[k] = put(f"delta{k}", d)
        nxt = (W, ids)
    grads = {}
    for (W, b, act, zs, fs, ids, ins, srcs) in Ls:
        for j, k in enumerate(ids):
            for i, src in enumerate(srcs):
                grads[f"w({src},{k})"] = (W[j][i], put(f"dL/dw({src},{k})", deltas[k] * ins[i]))
            grads[f"b{k}"] = (b[j], put(f"dL/db{k}", deltas[k]))
    for p, (v, g) in grads.items():
        # The person's own rule: w − α·(their gradient); textbook: w + α·δ·a.
        put(f"new_{p}", mistake(f"new_{p}.rule", v - sign * N["lr"] * g, dict(v=v, g=g, lr=N["lr"])))
    return rows

def write(name, rows, header="name,value", sep=",", rename=None, keep=None, decimal=".", blank=(), comments=()):
    out = [header] if header else []
    out += comments
    for n, v in rows:
        if keep and n not in keep:
            continue
        if decimal != ".":
            v = v.replace(".", decimal)
        if n in blank:
            v = ""
        n2 = (rename or {}).get(n, n)
        if sep == "," and "," in n2:
            n2 = f'"{n2}"'
        out.append(f"{n2}{sep}{v}")
    open(name, "w", encoding="utf-8").write("\n".join(out) + "\n")

FORWARD = lambda r: [x for x in r if not x[0].startswith(("dL/", "new_"))]

# anna: 3 figures, informal names, everything right.
write("anna-coarse-informal-names.csv", work("tutorial", 3), rename={
    "z1": "Z1", "f1": "a1", "z4": "net4", "f4": "h4", "f6": "yhat", "L": "E", "delta6": "dL/dz6",
    "df6": "σ'(z6)", "delta4": "∂L/∂z4", "f2": "σ(z2)", "dL/dw(1,4)": "dL/dw14", "new_w(1,4)": "w'(1,4)",
    "dL/dw(x1,1)": "dw11", "new_b6": "b6'", "delta5": "DELTA5"})
# ben: the textbook sign δ = (y − ŷ)·f′ and w ← w + α·δ·a, 6 figures.
write("ben-textbook-sign.csv", work("tutorial", 6, sign=-1))
# chen: a European spreadsheet (; and decimal commas), b4 left out of z4.
def chen(step, v, ctx):
    return v - ctx["bias"][1] if step == "z4.sum" else v
write("chen-european-bias-left-out.csv", FORWARD(work("tutorial", 5, chen)), header="Name;Wert", sep=";", decimal=",",
      comments=["# Vorwärtsrechnung"])
# dana: full-width characters from a Chinese input method, a Unicode minus, cells left empty.
rows = work("tutorial", 4)
fw = str.maketrans("0123456789.,-z", "０１２３４５６７８９．，−ｚ")
out = ["名称，数值"] + [f"{n.translate(fw) if n.startswith('z') else n}，{'' if n in ('L', 'delta2', 'delta3') else v.translate(fw)}"
                      for n, v in FORWARD(rows)]
open("dana-full-width-partly-filled.csv", "w", encoding="utf-8").write("\n".join(out) + "\n")
# eli: a sheet copied as tab-separated text; z4 with b4 left out AND w(3,4) read as 3.
def eli(step, v, ctx):
    if step == "z4.sum":
        return v - ctx["bias"][1] + (3 - 2) * ctx["terms"][2][2]
    return v
write("eli-tab-separated-two-mistakes.csv", FORWARD(work("tutorial", 6, eli)), header="name\tvalue", sep="\t")
# fay: α left out of every update of neuron 4's weights, 12 figures.
def fay(step, v, ctx):
    if step.startswith("new_w(") and step.endswith(",4).rule"):
        return ctx["v"] - ctx["g"]
    return v
write("fay-learning-rate-left-out.csv", work("tutorial", 12, fay))
# gus (tanh): the sigmoid's f·(1 − f) used for the tanh neurons' derivative.
def gus(step, v, ctx):
    return ctx["f"] * (1 - ctx["f"]) if step in ("df1.rule", "df2.rule") else v
write("gus-tanh-with-sigmoid-rule.csv", work("tanh", 5, gus))
# hana (relu): relu′ = 1 for z1 < 0.
def hana(step, v, ctx):
    return 1.0 if step == "df1.rule" else v
write("hana-relu-derivative-one.csv", work("relu", 5, hana))
# ivan (cross-entropy): ŷ − y multiplied by f′ at the output.
def ivan(step, v, ctx):
    return v * ctx["df"] if step == "delta3.ce" else v
write("ivan-cross-entropy-times-derivative.csv", work("ce", 5, ivan))
# jo: only the updates, 12 figures; the step added to b6.
def jo(step, v, ctx):
    return ctx["v"] + ctx["lr"] * ctx["g"] if step == "new_b6.rule" else v
write("jo-updates-only.csv", [r for r in work("tutorial", 12, jo) if r[0].startswith("new_")])
# kai: df3 = 4.5e-5 written as 0 (it is "negligible"), and carried into δ3.
def kai(step, v, ctx):
    return 0.0 if step == "df3.rule" else v
write("kai-small-value-as-zero.csv", work("tutorial", 6, kai))
# lea: a calculator display, truncated at 5 figures.
write("lea-truncated-display.csv", work("tutorial", 5, truncate=True))
# max: δ4 copied without its power of ten; the rest from the right δ4.
rows = work("tutorial", 5)
rows = [(n, v.split("e")[0] if n == "delta4" else v) for n, v in rows
        if not n.startswith(("dL/", "new_")) and n not in ("delta1", "delta2", "delta3")]
write("max-power-of-ten-lost.csv", rows)
# ned: percentages, a fraction, 3.08×10^-6, a header in Chinese.
rows = [("x1", "2/2"), ("z1", "5"), ("f1", "99.33%"), ("f2", "99.99%"), ("L", "3.08×10^-6"), ("z4", "5.993")]
write("ned-percent-fraction-power.csv", rows, header="名称,数值")
# olga: the loss without its ½: L, every δ and gradient doubled, updates w − α·2g.
write("olga-loss-without-half.csv", work("tutorial", 12, half=False))
# pia: three unreadable lines among readable ones.
write("pia-some-unreadable-lines.csv", [("z1", "5"), ("z9", "5"), ("f1", "abc"), ("f2", "0.99988"), ("yhat7", "0.9975")])
