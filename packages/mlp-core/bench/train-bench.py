"""numpy side of `pnpm bench:mlp`: the deck's training loop, vectorised as the deck's code is.

Reads the configuration as JSON from argv[1], prints JSON: seconds, final weights, accuracy.
"""
import json
import sys
import time

import numpy as np

cfg = json.loads(sys.argv[1])
H, steps, lr, reg = cfg["hidden"], cfg["steps"], cfg["lr"], cfg["reg"]
X = np.random.RandomState(cfg["dataSeed"]).randn(cfg["n"], 2)
labels = np.logical_xor(X[:, 0] > 0, X[:, 1] > 0).astype(int)
y = np.eye(2)[labels]
np.random.seed(cfg["weightSeed"])
W1 = (2 * np.random.random((2, H)) - 1) / np.sqrt(2)
W2 = (2 * np.random.random((H, 2)) - 1) / np.sqrt(H)
b1 = np.zeros((1, H))
b2 = np.zeros((1, 2))
N = X.shape[0]


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


start = time.perf_counter()
for _ in range(steps):
    z1 = X.dot(W1) + b1
    h1 = sigmoid(z1)
    z2 = h1.dot(W2) + b2
    h2 = sigmoid(z2)
    loss = np.sum((y - h2) ** 2) / (2 * N) + reg / (2 * N) * (np.sum(W1**2) + np.sum(W2**2))
    dLoss_dh2 = -(y - h2) / N
    dh2_dz2 = h2 * (1 - h2)
    dLoss_dz2 = dLoss_dh2 * dh2_dz2
    dLoss_dW2 = h1.T.dot(dLoss_dz2) + reg * W2 / N
    dLoss_db2 = dLoss_dz2.sum(axis=0, keepdims=True)
    dLoss_dh1 = dLoss_dz2.dot(W2.T)
    dh1_dz1 = h1 * (1 - h1)
    dLoss_dz1 = dLoss_dh1 * dh1_dz1
    dLoss_dW1 = X.T.dot(dLoss_dz1) + reg * W1 / N
    dLoss_db1 = dLoss_dz1.sum(axis=0, keepdims=True)
    W2 += -lr * dLoss_dW2
    b2 += -lr * dLoss_db2
    W1 += -lr * dLoss_dW1
    b1 += -lr * dLoss_db1
seconds = time.perf_counter() - start

h2 = sigmoid(sigmoid(X.dot(W1) + b1).dot(W2) + b2)
accuracy = float(np.mean(h2.argmax(axis=1) == labels))
print(json.dumps({"seconds": seconds, "W1": W1.tolist(), "W2": W2.tolist(), "accuracy": accuracy,
                  "numpy": np.__version__}))
