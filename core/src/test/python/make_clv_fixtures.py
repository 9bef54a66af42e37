#!/usr/bin/python3
"""Independent values of the BG/NBD and Gamma-Gamma formulas (scipy's gammaln and hyp2f1, written from
the papers, not from retailseg's code) for core/src/test/resources/fixtures/clv/clv.json, read by
io.retailseg.clv.CustomerValueTest. Usage: make_clv_fixtures.py > core/src/test/resources/fixtures/clv/clv.json"""
import json
import numpy as np
from scipy.special import gammaln, hyp2f1

r, alpha, a, b = 0.243, 30.9, 0.793, 2.426
p, q, g = 6.25, 3.74, 15.44
histories = [(0, 0.0, 273.0, 0.0), (1, 10.0, 273.0, 20.0), (3, 200.0, 250.0, 35.5), (12, 270.0, 273.0, 18.25),
             (2, 1.0, 1.0, 5.0), (0, 0.0, 1.0, 0.0), (40, 100.0, 365.0, 120.0), (5000, 360.0, 365.0, 2.5),
             (7, 30.0, 400.0, 60.0)]
out = {"bgnbd": {"r": r, "alpha": alpha, "a": a, "b": b}, "gamma_gamma": {"p": p, "q": q, "gamma": g},
       "horizon": 90.0, "customers": []}
for x, tx, T, m in histories:
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    if x > 0:
        a4 = np.log(a) - np.log(b + x - 1) - (r + x) * np.log(alpha + tx)
        ll = a1 + a2 + np.logaddexp(a3, a4)
        alive = 1.0 / (1.0 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x))
    else:
        ll = a1 + a2 + a3
        alive = 1.0
    t = out["horizon"]
    ey = ((a + b + x - 1) / (a - 1)) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x)
                                         * hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t))) * alive
    row = {"x": x, "t_x": tx, "T": T, "m": m, "log_likelihood": float(ll), "p_alive": float(alive),
           # scipy overflows (0 x inf) for thousands of repeat purchases: null there
           "expected_purchases": None if np.isnan(ey) else float(ey)}
    if x > 0 and m > 0:
        px = p * x
        row["gg_log_likelihood"] = float(gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(g)
                                         + (px - 1) * np.log(m) + px * np.log(x) - (px + q) * np.log(g + x * m))
    row["expected_spend"] = float(p * (g + x * m) / (p * x + q - 1))
    out["customers"].append(row)
t = 90.0
out["new_customer_expected_purchases"] = float((a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r
                                                 * hyp2f1(r, b, a + b - 1, t / (alpha + t))))
print(json.dumps(out, indent=1))
