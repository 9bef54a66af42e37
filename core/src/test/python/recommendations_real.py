#!/usr/bin/python3
"""Independent pandas computation of SPEC section 7 (segment best sellers by total quantity, and each
segmented customer's first best sellers never bought) on the real UCI file, for
RealDataPipelineTest.theReferenceRuleMatchesPandasOnTheRealFile. Cleaning as SPEC section 1 (as
data_profile_real.py); the segments are read from a run's customers.csv (the segmentation itself is
checked against the reference elsewhere), so this checks the recommendation rule alone.
Usage: recommendations_real.py ../shared/data/online_retail.csv.gz RUN/customers.csv [top_n per_customer]
Prints the SHA-256 of top_products as "Segment,Rank,StockCode,Quantity" lines and of recommendations as
"CustomerID,Segment,Rank,StockCode" lines (LF line ends), and a few rows."""
import hashlib, sys
import pandas as pd
from clean_real import clean, read_raw

top_n = int(sys.argv[3]) if len(sys.argv) > 3 else 10
per_customer = int(sys.argv[4]) if len(sys.argv) > 4 else 3
df = clean(read_raw(sys.argv[1]))

customers = pd.read_csv(sys.argv[2], dtype={"Segment": "Int64"})
segmented = customers[customers["Is_Outlier"] == 0][["CustomerID", "Segment"]]
lines = df.merge(segmented, on="CustomerID")
totals = lines.groupby(["Segment", "StockCode"])["Quantity"].sum().reset_index()
# best first by total quantity, ties by the smaller StockCode as text
totals = totals.sort_values(["Segment", "Quantity", "StockCode"], ascending=[True, False, True])
top = totals.groupby("Segment").head(top_n).copy()
top["Rank"] = top.groupby("Segment").cumcount() + 1
top_text = "".join(f"{s},{r},{c},{q}\n" for s, r, c, q in top[["Segment", "Rank", "StockCode", "Quantity"]].itertuples(index=False))
print("top_products", len(top), hashlib.sha256(top_text.encode()).hexdigest())
print(top.head(3).values.tolist())

bought = df.groupby("CustomerID")["StockCode"].apply(set)
ranked = {s: list(g["StockCode"]) for s, g in top.groupby("Segment")}
rows = []
for cid, seg in segmented.sort_values("CustomerID").itertuples(index=False):
    have = bought.get(cid, set())
    chosen = [c for c in ranked[seg] if c not in have][:per_customer]
    rows += [(cid, seg, i + 1, c) for i, c in enumerate(chosen)]
rec_text = "".join(f"{c},{s},{r},{p}\n" for c, s, r, p in rows)
print("recommendations", len(rows), hashlib.sha256(rec_text.encode()).hexdigest())
print(rows[:3])
