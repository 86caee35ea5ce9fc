#!/usr/bin/env python3
"""Generating vectors of the rank-1 lattice rules in MultivariateNormalProbability (issue 13).

Component-by-component (CBC) construction (Sloan, Kuo & Joe 2002, SIAM J Numer Anal 40:1650)
for a prime number of points n, minimising the worst-case error P_2 in the weighted Korobov
space of smoothness alpha = 2 with product weights gamma_j = 1/j (the first variables of Genz's
separation-of-variables integrand, ordered by the pivoting, matter most):

    e^2(z) = -1 + (1/n) sum_{k=0}^{n-1} prod_j (1 + gamma_j * 2 pi^2 B2({k z_j / n})),
    B2(x) = x^2 - x + 1/6.

Each component is chosen among all 1 <= z < n by the fast CBC of Nuyens & Cools (2006, Math
Comp 75:903): with g a primitive root of n the matrix omega({z k / n}) is circulant in the
exponents, so one component costs one FFT of length n - 1. Written from the papers; run it to
regenerate the table (python3 with numpy): python3 scripts/lattice-generators.py
"""
import numpy as np

PRIMES = [1021, 2039, 4093, 8191, 16381, 32749, 65521, 131071]
DIMENSIONS = 12


def primitive_root(n):
    phi = n - 1
    factors, m, f = set(), phi, 2
    while f * f <= m:
        while m % f == 0:
            factors.add(f)
            m //= f
        f += 1
    if m > 1:
        factors.add(m)
    for g in range(2, n):
        if all(pow(g, phi // q, n) != 1 for q in factors):
            return g
    raise ValueError(n)


def omega(x):
    return 2 * np.pi ** 2 * (x * x - x + 1.0 / 6.0)


def cbc(n, dims):
    g = primitive_root(n)
    powers = np.array([pow(g, t, n) for t in range(n - 1)], dtype=np.int64)   # g^t mod n
    inverse = np.array([pow(g, (n - 1 - t) % (n - 1), n) for t in range(n - 1)], dtype=np.int64)  # g^-t
    c = omega(powers / n)
    fc = np.fft.rfft(c)
    k = np.arange(n, dtype=np.int64)
    p = np.ones(n)
    z = []
    for j in range(1, dims + 1):
        gamma = 1.0 / j
        # sum_{k>=1} p_k omega({z k/n}) for z = g^a: circular convolution of c with q_b = p_{g^-b}
        q = p[inverse]
        conv = np.fft.irfft(fc * np.fft.rfft(q), n - 1)
        # error for z = g^a: mean over k of p_k (1 + gamma omega), k = 0 contributes p_0 (1 + gamma omega(0))
        total = p.sum() + gamma * (conv + p[0] * omega(0.0))
        a = int(np.argmin(total)) if j > 1 else 0
        zj = int(powers[a]) if j > 1 else 1
        z.append(zj)
        p *= 1 + gamma * omega(((k * zj) % n) / n)
    return z, p.mean() - 1


if __name__ == "__main__":
    print("    // (n, generating vector) from scripts/lattice-generators.py")
    for n in PRIMES:
        z, e2 = cbc(n, DIMENSIONS)
        print("        (%d, [%s]),  // P_2 %.3g" % (n, ", ".join(str(v) for v in z), e2))
