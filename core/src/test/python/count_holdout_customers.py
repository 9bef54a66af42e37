#!/usr/bin/python3
"""Independent pandas count of the hold-out population on the real UCI file, for
io.retailseg.pipeline.HoldoutEvaluationRealDataTest: cleaning as SPEC section 1, then the split
(lines dated before the split day train, the rest is the hold-out).

    /usr/bin/python3 core/src/test/python/count_holdout_customers.py 2011-09-01 2011-11-01 days60

printed (pandas 1.5.3):
clean 399573
2011-09-01 2011-09-01 lines_before 228405 lines_after 171168 customers_before 3349 customers_after 2989 returning 1957 returning_with_new 1896 catalogue_before 3404
2011-11-01 2011-11-01 lines_before 318362 lines_after 81211 customers_before 4001 customers_after 1948 returning 1543 returning_with_new 1449 catalogue_before 3622
days60 2011-10-11 lines_before 284755 lines_after 114818 customers_before 3772 customers_after 2417 returning 1786 returning_with_new 1702 catalogue_before 3560

returning: customers with a line before the split and a non-cancelled, positive-quantity line after;
returning_with_new: of those, customers who bought after the split a StockCode they had no line of before.
"""
import os
import sys

import pandas as pd

DATA = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', '..', 'shared', 'data', 'online_retail.csv.gz')
df = pd.read_csv(DATA, encoding='ISO-8859-1', dtype={'InvoiceNo': str, 'StockCode': str, 'CustomerID': 'Int64'})
df = df.dropna(subset=['CustomerID', 'Description'])
df = df.drop_duplicates()
codes = df['StockCode'].unique()
bad = [c for c in codes if sum(ch.isdigit() for ch in c) <= 1]
df = df[~df['StockCode'].isin(bad)]
df = df[~df['Description'].isin(['Next Day Carriage', 'High Resolution Image'])]
df = df[df['UnitPrice'] > 0]
print('clean', len(df))
df['day'] = pd.to_datetime(df['InvoiceDate'], format='%m/%d/%Y %H:%M').dt.normalize()
for split in sys.argv[1:]:
    if split.startswith('days'):
        n = int(split[4:]); s = df['day'].max() - pd.Timedelta(days=n - 1)
    else:
        s = pd.Timestamp(split)
    before = df[df['day'] < s]; after = df[df['day'] >= s]
    bought_after = after[(~after['InvoiceNo'].str.startswith('C')) & (after['Quantity'] > 0)]
    cb = set(before['CustomerID']); ca = set(after['CustomerID'])
    ret = cb & set(bought_after['CustomerID'])
    # returning customers with at least one product they had no line of before
    prev = before.groupby('CustomerID')['StockCode'].apply(set)
    newbuyers = sum(1 for c, g in bought_after[bought_after['CustomerID'].isin(ret)].groupby('CustomerID')['StockCode'] if set(g) - prev[c])
    print(split, s.date(), 'lines_before', len(before), 'lines_after', len(after), 'customers_before', len(cb),
          'customers_after', len(ca), 'returning', len(ret), 'returning_with_new', newbuyers, 'catalogue_before', before['StockCode'].nunique())
