"""SPEC section 1's cleaning of the real UCI file in pandas (the reference notebook's steps), shared by
the scripts that compute independent oracles on it."""
import pandas as pd


def read_raw(path):
    return pd.read_csv(path, encoding="ISO-8859-1", dtype={"CustomerID": str, "InvoiceNo": str, "StockCode": str})


def clean(raw):
    df = raw.dropna(subset=["CustomerID", "Description"]).drop_duplicates()
    codes = df["StockCode"].unique()
    df = df[~df["StockCode"].isin([c for c in codes if sum(ch.isdigit() for ch in str(c)) in (0, 1)])]
    df = df[~df["Description"].isin(["Next Day Carriage", "High Resolution Image"])]
    df = df[df["UnitPrice"] > 0].copy()
    df["CustomerID"] = df["CustomerID"].astype(float).astype(int)
    return df
