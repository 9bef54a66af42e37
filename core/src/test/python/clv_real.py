#!/usr/bin/python3
"""An independent fit of BG/NBD and Gamma-Gamma on the real UCI file (pandas summary of SPEC-cleaned lines,
scipy's optimiser over log parameters from several starts), for the pins of
io.retailseg.clv.CustomerValueRealDataTest. Usage: clv_real.py ../shared/data/online_retail.csv.gz"""
import sys
import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import gammaln

from clean_real import read_raw, clean

df = clean(read_raw(sys.argv[1]))
df["InvoiceDate"] = pd.to_datetime(df["InvoiceDate"])
df["day"] = df["InvoiceDate"].dt.normalize()
end = df["day"].max()
bought = df[~df["InvoiceNo"].str.startswith("C") & (df["Quantity"] > 0)].copy()
bought["spend"] = bought["Quantity"] * bought["UnitPrice"]
days = bought.groupby(["CustomerID", "day"])["spend"].sum().reset_index()
g = days.groupby("CustomerID")
first = g["day"].min()
last = g["day"].max()
n = g["day"].count()
total = g["spend"].sum()
first_spend = days.sort_values("day").groupby("CustomerID")["spend"].first()
x = (n - 1).to_numpy(float)
tx = (last - first).dt.days.to_numpy(float)
T = (end - first).dt.days.to_numpy(float)
m = np.where(x > 0, (total - first_spend).to_numpy() / np.maximum(x, 1), 0.0)


xmax = int(x.max())


def bgnbd_ll(v):
    r, alpha, a, b = np.exp(v)
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    # ln B(a, b + x) / B(a, b) = sum over i < x of ln(1 - a / (a + b + i)): no cancellation when b is large
    steps = np.concatenate([[0.0], np.cumsum(np.log1p(-a / (a + b + np.arange(xmax))))])
    a2 = steps[x.astype(int)]
    a3 = -(r + x) * np.log(alpha + T)
    a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx), -np.inf)
    return np.sum(a1 + a2 + np.logaddexp(a3, a4))


rep = (x > 0) & (m > 0)
xr, mr = x[rep], m[rep]


def gg_ll(v):
    p, q, gam = np.exp(v)
    px = p * xr
    return np.sum(gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(gam) + (px - 1) * np.log(mr)
                  + px * np.log(xr) - (px + q) * np.log(gam + xr * mr))


def fit(ll, starts):
    best = None
    for s in starts:
        res = minimize(lambda v: -ll(v), np.log(s), method="Nelder-Mead",
                       options={"xatol": 1e-10, "fatol": 1e-10, "maxiter": 200000, "maxfev": 200000})
        res = minimize(lambda v: -ll(v), res.x, method="Nelder-Mead",
                       options={"xatol": 1e-10, "fatol": 1e-10, "maxiter": 200000, "maxfev": 200000})
        if best is None or res.fun < best.fun:
            best = res
    return np.exp(best.x), -best.fun


print("customers", len(x), "repeat", int((x > 0).sum()), "end", end.date())
params, ll = fit(bgnbd_ll, [[1, 1, 1, 1], [0.5, 50, 0.5, 5], [1, 100, 2, 100]])
print("bgnbd", list(params), "ll %.6f" % ll)
params, ll = fit(gg_ll, [[1, 1, 1], [2, 3, 400], [5, 5, 100]])
print("gamma_gamma", list(params), "ll %.6f" % ll)
