"""The aging and DSO of `cargo bench --bench engine`, written the way an analyst would in pandas.

    python aging_pandas.py invoices.csv allocations.csv TODAY PERIOD_START RUNS

invoices.csv: id, customer, date, due, amount, credits (id of the credited invoice, empty for
an invoice), written_off (1 when the invoice was written off). allocations.csv: payment, customer,
date, invoice, amount. Both as written by the bench (UTF-8 with BOM, ',' and '.').

Loading the files is not timed; the computation is run RUNS times and the median is reported,
with the figures, as one JSON object on stdout. Amounts are read as whole cents (int64), so the
totals are exact and can be compared with Stipt's to the cent.

The same definitions as Stipt's engine (src/engine/aging.rs, src/engine/analysis/kpi.rs):
open = amount - allocations - credit notes, never below 0, 0 when written off; days past due =
today - due; buckets not due (<= 0), 1-30, 31-60, 61-90, over 90; per customer the open and
overdue amounts and the oldest days overdue; DSO simple = open / net credit sales of the period
x days of the period; best possible DSO = not yet due / net credit sales x days.
"""

import json
import statistics
import sys
import time

import numpy as np
import pandas as pd


def cents(series):
    return (series.astype(float) * 100).round().astype("int64")


def load(invoices_csv, allocations_csv):
    inv = pd.read_csv(invoices_csv, encoding="utf-8-sig", parse_dates=["date", "due"])
    inv["amount"] = cents(inv["amount"])
    alloc = pd.read_csv(allocations_csv, encoding="utf-8-sig", parse_dates=["date"])
    alloc["amount"] = cents(alloc["amount"])
    return inv, alloc


def compute(inv, alloc, today, start):
    is_credit = inv["credits"].notna()
    invoices = inv[~is_credit]
    credit_notes = inv[is_credit]
    paid = alloc.groupby("invoice")["amount"].sum()
    credited = credit_notes.groupby(credit_notes["credits"].astype("int64"))["amount"].sum()
    ids = invoices["id"]
    open_ = (
        invoices["amount"].to_numpy()
        - paid.reindex(ids, fill_value=0).to_numpy()
        - credited.reindex(ids, fill_value=0).to_numpy()
    )
    open_ = np.where(invoices["written_off"].to_numpy() == 1, 0, np.maximum(open_, 0))
    days = (today - invoices["due"]).dt.days.to_numpy()
    frame = pd.DataFrame({"customer": invoices["customer"].to_numpy(), "open": open_, "days": days})
    frame = frame[frame["open"] > 0]
    bucket = pd.cut(frame["days"], [-10**9, 0, 30, 60, 90, 10**9], labels=False)
    buckets = frame.groupby(bucket)["open"].agg(["sum", "count"]).reindex(range(5), fill_value=0)

    overdue = frame["days"] > 0
    per_customer = pd.DataFrame(
        {
            "open": frame.groupby("customer")["open"].sum(),
            "overdue": frame["open"].where(overdue, 0).groupby(frame["customer"]).sum(),
            "max_days": frame["days"].where(overdue, 0).groupby(frame["customer"]).max(),
        }
    )

    in_period = (inv["date"] >= start) & (inv["date"] <= today)
    sales = inv.loc[in_period & ~is_credit, "amount"].sum() - inv.loc[in_period & is_credit, "amount"].sum()
    period_days = (today - start).days + 1
    total = int(buckets["sum"].sum())
    dso = total / sales * period_days if sales > 0 else None
    best = int(buckets["sum"].iloc[0]) / sales * period_days if sales > 0 else None
    return {
        "bucket_cents": [int(x) for x in buckets["sum"]],
        "bucket_counts": [int(x) for x in buckets["count"]],
        "customers_open": int(len(per_customer)),
        "overdue_cents": int(per_customer["overdue"].sum()),
        "max_days_sum": int(per_customer["max_days"].sum()),
        "dso_simple": dso,
        "best_possible_dso": best,
    }


def main():
    invoices_csv, allocations_csv, today, start, runs = sys.argv[1:6]
    today, start, runs = pd.Timestamp(today), pd.Timestamp(start), int(runs)
    inv, alloc = load(invoices_csv, allocations_csv)
    times = []
    result = None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = compute(inv, alloc, today, start)
        times.append(time.perf_counter() - t0)
    result["seconds"] = statistics.median(times)
    result["pandas"] = pd.__version__
    print(json.dumps(result))


if __name__ == "__main__":
    main()
