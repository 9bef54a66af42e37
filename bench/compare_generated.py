#!/usr/bin/env python3
"""Side-by-side statistics of the real UCI Online Retail CSV and a generated file.

Usage (from the repository root):
    /usr/bin/python3 bench/compare_generated.py ../shared/data/online_retail.csv.gz /tmp/generated.csv.gz

Prints a Markdown table (used in docs/generator.md). Needs pandas (Debian: python3-pandas).
"""
import sys

import pandas as pd

SERVICE_CODES = {"POST", "D", "M", "C2", "DOT", "BANK CHARGES", "CRUK", "PADS"}


def load(path):
    return pd.read_csv(path, encoding="ISO-8859-1", keep_default_na=False, na_values={"CustomerID": [""]},
                       dtype={"InvoiceNo": str, "StockCode": str, "Description": str, "Country": str,
                              "CustomerID": "Int64"})


def stats(df):
    dt = pd.to_datetime(df.InvoiceDate, format="%m/%d/%Y %H:%M")
    inv = df.groupby("InvoiceNo").size()
    cancelled = df.InvoiceNo.str.startswith("C")
    no_cust = df.CustomerID.isna()
    with_cust = df[~no_cust]
    per_cust_inv = with_cust.groupby("CustomerID").InvoiceNo.nunique()
    cust_inv_lines = df[~no_cust & ~cancelled].groupby("InvoiceNo").size()
    codes = df.groupby("StockCode").size().sort_values(ascending=False)
    first = df.drop_duplicates("InvoiceNo")
    first_dt = dt[first.index]
    n = len(df)
    pct = lambda x: f"{100.0 * x / n:.2f}%"
    return {
        "lines": f"{n:,}",
        "invoices": f"{df.InvoiceNo.nunique():,}",
        "lines per invoice: mean / median / p90 / max":
            f"{inv.mean():.1f} / {inv.median():.0f} / {inv.quantile(.9):.0f} / {inv.max()}",
        "lines per customer invoice (not cancelled): mean / median":
            f"{cust_inv_lines.mean():.1f} / {cust_inv_lines.median():.0f}",
        "lines without CustomerID": pct(no_cust.sum()),
        "invoices without CustomerID": f"{100.0 * df[no_cust].InvoiceNo.nunique() / df.InvoiceNo.nunique():.1f}%",
        "lines with empty Description": f"{(df.Description == '').sum():,}",
        "exact duplicate lines": pct(df.duplicated().sum()),
        "cancellation lines (C invoices)": pct(cancelled.sum()),
        "cancellation invoices": f"{df[cancelled].InvoiceNo.nunique():,}",
        "service lines (POST, D, M, C2, DOT, BANK CHARGES, CRUK, PADS)": f"{df.StockCode.isin(SERVICE_CODES).sum():,}",
        "of which POST / DOT / M / C2 / D": " / ".join(str((df.StockCode == c).sum()) for c in ["POST", "DOT", "M", "C2", "D"]),
        "Next Day Carriage / High Resolution Image lines":
            f"{(df.Description == 'Next Day Carriage').sum()} / {(df.Description == 'High Resolution Image').sum()}",
        "UnitPrice 0 lines": f"{(df.UnitPrice == 0).sum():,}",
        "distinct StockCodes": f"{df.StockCode.nunique():,}",
        "top-10 / top-100 StockCodes share of lines":
            f"{100.0 * codes.head(10).sum() / n:.1f}% / {100.0 * codes.head(100).sum() / n:.1f}%",
        "customers": f"{with_cust.CustomerID.nunique():,}",
        "invoices per customer: median / mean / max":
            f"{per_cust_inv.median():.0f} / {per_cust_inv.mean():.1f} / {per_cust_inv.max()}",
        "countries": f"{df.Country.nunique()}",
        "lines in United Kingdom": pct((df.Country == "United Kingdom").sum()),
        "customers with two countries": f"{(with_cust.groupby('CustomerID').Country.nunique() > 1).sum()}",
        "Quantity: median / p99 / sum":
            f"{df.Quantity.median():.0f} / {df.Quantity.quantile(.99):.0f} / {df.Quantity.sum():,}",
        "UnitPrice quartiles": " / ".join(f"{q:.2f}" for q in df.UnitPrice.quantile([.25, .5, .75])),
        "first / last InvoiceDate": f"{dt.min():%Y-%m-%d %H:%M} / {dt.max():%Y-%m-%d %H:%M}",
        "invoices on Sunday / Saturday":
            f"{100.0 * (first_dt.dt.weekday == 6).mean():.1f}% / {100.0 * (first_dt.dt.weekday == 5).mean():.1f}%",
        "invoices from 17:00": f"{100.0 * (first_dt.dt.hour >= 17).mean():.1f}%",
    }


def main(real_path, generated_path):
    real, gen = stats(load(real_path)), stats(load(generated_path))
    print("| statistic | real file | generated |")
    print("|---|---:|---:|")
    for key in real:
        print(f"| {key} | {real[key]} | {gen[key]} |")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
