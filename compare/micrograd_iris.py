"""The tutorial's Iris training written with micrograd's scalar autograd `Value`.

Same data handling and network as the tutorial (min-max scaling over the whole file, one
shuffle, first 130 rows train, a 4-5-3 network of sigmoid neurons, weights and biases drawn
from U[0, 1), one-hot targets, L = 1/2 * sum (y - y_hat)^2, per-sample SGD with lr 0.2,
validation accuracy after every epoch), but every forward pass builds micrograd Values and
every gradient comes from `loss.backward()`.

micrograd's Value has no sigmoid (nor exp), so sigmoid is added the way micrograd defines its
own ops: a new Value whose `_backward` closure applies the local derivative s * (1 - s).

Usage: python3 micrograd_iris.py IRIS.csv [EPOCHS] [SEED]
"""
import math
import random
import sys
from csv import reader

from micrograd.engine import Value


def sigmoid(v):
    s = 1.0 / (1.0 + math.exp(-v.data))
    out = Value(s, (v,), 'sigmoid')

    def _backward():
        v.grad += s * (1.0 - s) * out.grad
    out._backward = _backward
    return out


def load_dataset(path, n_train):
    rows = []
    labels = {}
    with open(path) as f:
        for row in reader(f):
            if not row:
                continue
            x = [float(v) for v in row[:4]]
            y = labels.setdefault(row[4], len(labels))
            rows.append((x, y))
    for i in range(4):  # min-max scaling per column, as sklearn's MinMaxScaler
        lo = min(r[0][i] for r in rows)
        hi = max(r[0][i] for r in rows)
        for r in rows:
            r[0][i] = (r[0][i] - lo) / (hi - lo)
    random.shuffle(rows)
    return rows[:n_train], rows[n_train:], len(labels)


class Layer:
    def __init__(self, n_in, n_out):
        # [w..., b] per neuron, as the tutorial stores them
        self.neurons = [[Value(random.random()) for _ in range(n_in + 1)] for _ in range(n_out)]

    def __call__(self, x):
        return [sigmoid(sum((w * xi for w, xi in zip(n[:-1], x)), n[-1])) for n in self.neurons]

    def parameters(self):
        return [p for n in self.neurons for p in n]


def main():
    path = sys.argv[1]
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    if len(sys.argv) > 3:
        random.seed(int(sys.argv[3]))
    lr, n_hidden, n_train = 0.2, 5, 130
    train, val, n_classes = load_dataset(path, n_train)
    layers = [Layer(4, n_hidden), Layer(n_hidden, n_classes)]
    params = [p for l in layers for p in l.parameters()]

    def forward(x):
        for l in layers:
            x = l(x)
        return x

    acc = []
    for epoch in range(epochs):
        for x, y in train:
            out = forward(x)
            target = [1.0 if k == y else 0.0 for k in range(n_classes)]
            loss = sum(((t - o) ** 2 for t, o in zip(target, out)), Value(0.0)) * 0.5
            for p in params:
                p.grad = 0.0
            loss.backward()
            for p in params:
                p.data -= lr * p.grad
        correct = 0
        for x, y in val:
            out = [o.data for o in forward(x)]
            correct += out.index(max(out)) == y
        acc.append(correct / len(val) * 100.0)
    print("final validation accuracy: %.2f%% after %d epochs" % (acc[-1], epochs))


if __name__ == "__main__":
    main()
