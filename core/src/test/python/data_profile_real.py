#!/usr/bin/python3
"""Independent pandas computation of data_profile.json on the real UCI file, for
DataProfilerRealDataTest. Cleaning as SPEC section 1 (the reference notebook's steps).
Usage: data_profile_real.py ../shared/data/online_retail.csv.gz"""
import sys
import numpy as np, pandas as pd
from clean_real import clean, read_raw

raw = read_raw(sys.argv[1])
print("rows_read", len(raw))
print("missing", {c: int(raw[c].isnull().sum()) for c in raw.columns})
df = clean(raw)
df["value"] = df["Quantity"] * df["UnitPrice"]
cancel = df["InvoiceNo"].str.startswith("C")
print("cleaned", len(df), "cancelled_lines", int(cancel.sum()), "invoices", df["InvoiceNo"].nunique(),
      "cancelled_invoices", df.loc[cancel, "InvoiceNo"].nunique())
print("sales_value %.6f cancelled_value %.6f" % (df.loc[~cancel, "value"].sum(), -df.loc[cancel, "value"].sum()))
countries = df.groupby("Country").agg(lines=("InvoiceNo", "size"), customers=("CustomerID", "nunique"))
countries = countries.reset_index().sort_values(["lines", "Country"], ascending=[False, True])
print("countries", len(countries), countries.head(3).values.tolist())
codes = df.groupby("StockCode").size().reset_index(name="lines").sort_values(["lines", "StockCode"], ascending=[False, True])
print("top_codes", codes.head(3).values.tolist())
df["month"] = pd.to_datetime(df["InvoiceDate"]).dt.strftime("%Y-%m")
months = df.groupby("month").agg(revenue=("value", "sum"), customers=("CustomerID", "nunique"))
print("months", len(months), "first", months.index[0], "%.4f" % months["revenue"].iloc[0],
      "nov2011 %.4f" % months.loc["2011-11", "revenue"], months.loc["2011-11", "customers"])
