//! `cargo bench --bench engine`: the engine on generated ledgers of 10,000 and 100,000 invoices.
//!
//! For each size it
//! 1. builds the ledger with `stipt::scale::generate` (500 and 5,000 customers);
//! 2. times the full engine pass the pages run — dunning plan, warning signals, payment behaviour
//!    and grades, phases, aging (total and per customer) and the receivables figures — each part
//!    alone (its public function, which regroups the ledger itself), building the shared
//!    `engine::Pass` (the ledger regrouped once: per customer, open amounts, settlements over
//!    time, the invoices on the day), each part from an already built pass, and all together:
//!    one new pass per run with every part computed from it (median of several runs,
//!    `std::time::Instant`);
//! 3. times the floor: one plain loop that sums the open amounts of the same invoices (amount
//!    minus allocations minus credit notes), and reports engine / floor (goal: at most 20x at
//!    100,000 invoices);
//! 4. writes the invoices and payment allocations as CSV to a temporary folder and runs the same
//!    aging and DSO in Python pandas (`tests/bench/aging_pandas.py`); pandas is installed into a
//!    virtual environment under the target folder when the system Python lacks it. Only the
//!    computation is timed on both sides, not reading the CSV (pandas) or building the ledger
//!    (Stipt; its side does build its own `Pass`, which is computation). Both must give the same
//!    totals to the cent, or the bench fails. Goal: Stipt at least 10x faster.
//!
//! It ends with one table: figure, value, goal, met or not.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use stipt::domain::{Currency, EventKind, Ledger};
use stipt::engine::aging::{age, age_with, by_customer, by_customer_with, Bucket};
use stipt::engine::analysis::kpi::{kpi_report, kpi_report_with, kpis, kpis_with, KpiOptions, Period, Scope};
use stipt::engine::dunning::{plan, plan_with};
use stipt::engine::risk::behaviour::{all_behaviour, all_behaviour_with};
use stipt::engine::risk::phase::{phases, phases_with};
use stipt::engine::risk::signals::{all_signals, all_signals_with};
use stipt::engine::Pass;
use stipt::io::export::{to_csv, Cell, Table};

const SEED: u64 = 2026;
const ENGINE_GOAL: f64 = 20.0;
const PANDAS_GOAL: f64 = 10.0;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 10).expect("a date")
}

/// The median time of `runs` calls of `f`.
fn median<R>(runs: usize, mut f: impl FnMut() -> R) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The period of the figures: the three months ending today.
fn period() -> Period {
    Period::months_ending(today(), 3)
}

// ----- the engine and the floor -----

/// A part of the full pass: its name, the part alone, and the part from a shared pass.
type Part = (&'static str, fn(&Ledger) -> usize, fn(&Pass<'_>) -> usize);

/// The parts of the full pass; each returns a count so that nothing is optimised away.
const PARTS: [Part; 7] = [
    ("dunning plan", |l| plan(l, today()).actions.len(), |p| plan_with(p, today()).actions.len()),
    (
        "warning signals",
        |l| all_signals(l, today(), &l.settings.risk).len(),
        |p| all_signals_with(p, today(), &p.ledger().settings.risk).len(),
    ),
    (
        "behaviour and grades",
        |l| all_behaviour(l, today(), &l.settings.risk).len(),
        |p| all_behaviour_with(p, today(), &p.ledger().settings.risk).len(),
    ),
    ("phases", |l| phases(l, today()).len(), |p| phases_with(p, today()).len()),
    ("aging", |l| age(l, None, today()).open_count(), |p| age_with(p, None, today()).open_count()),
    ("aging per customer", |l| by_customer(l, today()).len(), |p| by_customer_with(p, today()).len()),
    (
        "receivables figures (KPIs)",
        |l| kpi_report(l, period(), &KpiOptions::default()).customers.len(),
        |p| kpi_report_with(p, period(), &KpiOptions::default()).customers.len(),
    ),
];

/// The full pass as a page showing everything runs it: one shared pass, every part from it.
fn engine_pass(l: &Ledger) -> usize {
    let pass = Pass::new(l);
    PARTS.iter().map(|(_, _, f)| f(&pass)).sum()
}

/// The floor: one straightforward pass summing what is open on every invoice.
fn floor(l: &Ledger) -> Decimal {
    let n = l.max_ids().1 as usize + 1;
    let mut open = vec![Decimal::ZERO; n];
    for inv in l.invoices() {
        match inv.credits {
            None => open[inv.id.0 as usize] += inv.amount.amount,
            Some(target) => open[target.0 as usize] -= inv.amount.amount,
        }
    }
    for p in l.payments() {
        for a in p.allocations() {
            open[a.invoice.0 as usize] -= a.amount;
        }
    }
    open.into_iter().filter(|o| *o > Decimal::ZERO).sum()
}

/// Stipt's side of the pandas comparison: the aging, per customer, and the figures of the period.
fn stipt_aging_dso(l: &Ledger) -> (usize, usize, usize) {
    let pass = Pass::new(l);
    let a = age_with(&pass, None, today());
    let per = by_customer_with(&pass, today());
    let k = kpis_with(&pass, period(), &KpiOptions::default(), &Scope::All);
    (a.open_count(), per.len(), k.len())
}

// ----- pandas -----

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

fn has_pandas(python: &Path) -> bool {
    Command::new(python).args(["-c", "import pandas"]).output().is_ok_and(|o| o.status.success())
}

/// A Python with pandas: the system's, or a virtual environment under the target folder, made
/// and filled once (later runs find it).
fn python_with_pandas() -> Result<PathBuf, String> {
    let system = PathBuf::from("python3");
    if has_pandas(&system) {
        return Ok(system);
    }
    let venv = target_dir().join("bench-venv");
    let python = venv.join("bin").join("python");
    if has_pandas(&python) {
        return Ok(python);
    }
    eprintln!("installing pandas into {} (once)", venv.display());
    let run = |cmd: &mut Command| -> Result<(), String> {
        let out = cmd.output().map_err(|e| e.to_string())?;
        if out.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).lines().last().unwrap_or("failed").to_string())
        }
    };
    if !python.exists() {
        run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    }
    run(Command::new(&python).args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "pandas"]))?;
    if has_pandas(&python) {
        Ok(python)
    } else {
        Err("pandas still missing after pip install".into())
    }
}

/// The invoices (with credit notes) and payment allocations as CSV files in `dir`.
fn write_csv(l: &Ledger, dir: &Path, tag: &str) -> (PathBuf, PathBuf) {
    let written_off: std::collections::HashSet<_> =
        l.events().filter(|e| e.kind == EventKind::WrittenOff).filter_map(|e| e.invoice).collect();
    let headers = |h: &[&str]| h.iter().map(|s| s.to_string()).collect();
    let invoices = Table {
        headers: headers(&["id", "customer", "date", "due", "amount", "credits", "written_off"]),
        rows: l
            .invoices()
            .map(|i| {
                vec![
                    Cell::Int(i64::from(i.id.0)),
                    Cell::Int(i64::from(i.customer.0)),
                    Cell::Date(i.date),
                    Cell::Date(i.due),
                    Cell::Number(i.amount.amount),
                    i.credits.map_or(Cell::Empty, |c| Cell::Int(i64::from(c.0))),
                    Cell::Int(i64::from(written_off.contains(&i.id))),
                ]
            })
            .collect(),
    };
    let allocations = Table {
        headers: headers(&["payment", "customer", "date", "invoice", "amount"]),
        rows: l
            .payments()
            .flat_map(|p| {
                p.allocations().iter().map(move |a| {
                    vec![
                        Cell::Int(i64::from(p.id.0)),
                        Cell::Int(i64::from(p.customer.0)),
                        Cell::Date(p.date),
                        Cell::Int(i64::from(a.invoice.0)),
                        Cell::Number(a.amount),
                    ]
                })
            })
            .collect(),
    };
    let inv_path = dir.join(format!("invoices_{tag}.csv"));
    let alloc_path = dir.join(format!("allocations_{tag}.csv"));
    std::fs::write(&inv_path, to_csv(&invoices, b',', false)).expect("write the invoices CSV");
    std::fs::write(&alloc_path, to_csv(&allocations, b',', false)).expect("write the allocations CSV");
    (inv_path, alloc_path)
}

struct PandasResult {
    seconds: f64,
    version: String,
}

fn cents(d: Decimal) -> i64 {
    i64::try_from((d * Decimal::ONE_HUNDRED).round().mantissa()).unwrap_or(i64::MAX)
}

/// Runs the pandas script and checks its totals against Stipt's.
fn run_pandas(python: &Path, l: &Ledger, dir: &Path, tag: &str, runs: usize) -> PandasResult {
    let (inv, alloc) = write_csv(l, dir, tag);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bench/aging_pandas.py");
    let out = Command::new(python)
        .arg(&script)
        .arg(&inv)
        .arg(&alloc)
        .arg(today().to_string())
        .arg(period().start.to_string())
        .arg(runs.to_string())
        .output()
        .expect("run python");
    assert!(out.status.success(), "pandas script failed: {}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("the script prints JSON");

    // The same figures, to the cent.
    let a = age(l, None, today());
    let per = by_customer(l, today());
    let k = kpis(l, period(), &KpiOptions::default(), &Scope::All);
    let eur = Currency::EUR;
    let ints = |key: &str| -> Vec<i64> {
        v[key].as_array().expect(key).iter().map(|x| x.as_i64().expect("an integer")).collect()
    };
    let stipt_buckets: Vec<i64> = Bucket::ALL.iter().map(|b| cents(a.bucket(eur, *b))).collect();
    assert_eq!(ints("bucket_cents"), stipt_buckets, "{tag}: aging per bucket, pandas vs Stipt");
    let counts: Vec<i64> = a.counts.iter().map(|c| *c as i64).collect();
    assert_eq!(ints("bucket_counts"), counts, "{tag}: open invoices per bucket");
    assert_eq!(v["customers_open"].as_u64(), Some(per.len() as u64), "{tag}: customers with open items");
    let overdue: Decimal = per.values().map(|c| c.overdue_in(eur)).sum();
    assert_eq!(v["overdue_cents"].as_i64(), Some(cents(overdue)), "{tag}: overdue of the customers");
    let max_days: i64 = per.values().map(|c| c.max_days_overdue).sum();
    assert_eq!(v["max_days_sum"].as_i64(), Some(max_days), "{tag}: oldest days overdue per customer");
    let set = &k[&eur];
    let close = |key: &str, figure: Result<Decimal, _>| {
        let ours: f64 = figure.expect("a figure").to_string().parse().expect("a number");
        let theirs = v[key].as_f64().expect(key);
        assert!((ours - theirs).abs() < 1e-6 * ours.abs().max(1.0), "{tag}: {key} Stipt {ours} pandas {theirs}");
    };
    close("dso_simple", set.dso_simple);
    close("best_possible_dso", set.best_possible_dso);

    PandasResult {
        seconds: v["seconds"].as_f64().expect("seconds"),
        version: v["pandas"].as_str().unwrap_or("?").to_string(),
    }
}

// ----- the run -----

struct Row {
    figure: String,
    value: String,
    goal: String,
    met: Option<bool>,
}

fn row(figure: impl Into<String>, value: impl Into<String>, goal: impl Into<String>, met: Option<bool>) -> Row {
    Row { figure: figure.into(), value: value.into(), goal: goal.into(), met }
}

fn main() {
    // `cargo bench` passes `--bench`; a name filter is not supported, everything runs.
    let sizes: [(usize, usize, usize); 2] = [(500, 10_000, 11), (5_000, 100_000, 5)];
    let dir = std::env::temp_dir().join(format!("stipt-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let python = python_with_pandas();
    if let Err(e) = &python {
        eprintln!("pandas is not available, the comparison is left out: {e}");
    }

    let mut rows: Vec<Row> = Vec::new();
    let mut pandas_version = String::new();
    for (customers, invoices, runs) in sizes {
        let tag = format!("{}k", invoices / 1000);
        let t = Instant::now();
        let l = stipt::scale::generate(SEED, customers, invoices, today());
        let built = t.elapsed();
        let credit_notes = l.invoices().filter(|i| i.is_credit_note()).count();
        println!(
            "\n== {invoices} invoices, {customers} customers: {credit_notes} credit notes, {} payments, {} diary entries (generated in {:.0} ms)",
            l.payments().len(),
            l.events().len(),
            ms(built)
        );

        let floor_time = median(runs * 3, || floor(&l));
        let mut alone_total = Duration::ZERO;
        let build = median(runs, || Pass::new(&l).prepare(today()));
        let mut shared_total = build;
        println!("{:<30} {:>10} {:>14}", "part", "alone ms", "from pass ms");
        println!("{:<30} {:>10} {:>14.2}", "building the shared pass", "", ms(build));
        let pass = Pass::new(&l);
        pass.prepare(today());
        for (name, alone, shared) in PARTS {
            let d = median(runs, || alone(&l));
            let s = median(runs, || shared(&pass));
            alone_total += d;
            shared_total += s;
            println!("{name:<30} {:>10.2} {:>14.2}", ms(d), ms(s));
        }
        drop(pass);
        let engine = median(runs, || engine_pass(&l));
        println!(
            "{:<30} {:>10.2}  (parts alone {:.2}, pass built + parts from it {:.2})",
            "full engine pass",
            ms(engine),
            ms(alone_total),
            ms(shared_total)
        );
        println!("{:<30} {:>10.3}  (open total {})", "floor", ms(floor_time), floor(&l).round_dp(2));
        let ratio = engine.as_secs_f64() / floor_time.as_secs_f64();
        rows.push(row(format!("engine pass, {tag} invoices"), format!("{:.1} ms", ms(engine)), "", None));
        rows.push(row(format!("floor pass, {tag} invoices"), format!("{:.2} ms", ms(floor_time)), "", None));
        let at_100k = invoices >= 100_000;
        rows.push(row(
            format!("engine / floor, {tag}"),
            format!("{ratio:.1}x"),
            if at_100k { format!("<= {ENGINE_GOAL:.0}x") } else { String::new() },
            at_100k.then_some(ratio <= ENGINE_GOAL),
        ));

        let stipt = median(runs, || stipt_aging_dso(&l));
        rows.push(row(format!("Stipt aging + DSO, {tag}"), format!("{:.2} ms", ms(stipt)), "", None));
        if let Ok(python) = &python {
            let p = run_pandas(python, &l, &dir, &tag, runs);
            pandas_version = p.version;
            let speedup = p.seconds / stipt.as_secs_f64();
            println!("{:<30} {:>10.2}  (pandas {:.2} ms, same totals)", "Stipt aging + DSO", ms(stipt), p.seconds * 1000.0);
            rows.push(row(format!("pandas aging + DSO, {tag}"), format!("{:.2} ms", p.seconds * 1000.0), "", None));
            rows.push(row(
                format!("pandas / Stipt, {tag}"),
                format!("{speedup:.1}x"),
                format!(">= {PANDAS_GOAL:.0}x"),
                Some(speedup >= PANDAS_GOAL),
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);

    println!("\nTimes are medians; aging + DSO times only the computation on both sides (not reading the CSV, not building the ledger); pandas {pandas_version}.\n");
    println!("| figure | value | goal | met |");
    println!("| --- | ---: | ---: | --- |");
    for r in &rows {
        let met = match r.met {
            Some(true) => "met",
            Some(false) => "not met",
            None => "",
        };
        println!("| {} | {} | {} | {} |", r.figure, r.value, r.goal, met);
    }
}
