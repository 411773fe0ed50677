//! How the sandbox copes with its own data: creates prebooks (one line each, ship dates spread
//! over a year) and, after each checkpoint, times a month's `prebook.list` and
//! `prebook.details.list` (each call from the client's side: request, answer, decoding) and
//! prints the resident memory gained per prebook created (with `--documents`, per prebook,
//! purchase order and invoice together; the process holds the client too).
//!
//! Run in release, with checkpoints as arguments (default 100000):
//! `cargo run --release -p komet-sandbox --example scale -- 1000 8000 16000`.
//! With `--documents`, each prebook also gets a one-line purchase order and a one-line
//! invoice, so those line tables grow alike.

use std::ops::Range;
use std::time::Instant;

use chrono::{Days, NaiveDate, Utc};
use komet_api::{Client, TokenKind, registry};
use komet_sandbox::Sandbox;
use komet_sandbox::store::TABLES;
use serde_json::{Value, json};

/// Ship dates cycle over this many days, so a month holds about a twelfth of the prebooks.
const SPREAD_DAYS: u64 = 365;
/// Requests in flight while loading.
const CONCURRENCY: usize = 16;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut documents = false;
    let mut checkpoints = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--documents" => documents = true,
            n => checkpoints.push(n.parse::<usize>().map_err(|e| format!("{n:?}: {e}"))?),
        }
    }
    if checkpoints.is_empty() {
        checkpoints.push(100_000);
    }
    checkpoints.sort_unstable();

    // Komet's daily quota (1,000 requests) would stop the load long before it is done.
    let sandbox = Sandbox::builder().daily_quota(u32::MAX).start().await?;
    let company = sandbox.client(TokenKind::Company).build()?;
    let first_day = Utc::now().date_naive() + Days::new(1);
    let rss_at_start = resident_kib();
    println!("resident memory at start: {} KiB", rss_at_start);
    println!(
        "{:>8} {:>10} {:>12} {:>8} {:>14} {:>8} {:>12}",
        "prebooks", "load s", "KiB each", "rows", "list s", "rows", "details s"
    );
    let mut created = 0;
    for checkpoint in checkpoints {
        let started = Instant::now();
        load(&company, first_day, created..checkpoint, documents).await?;
        let load_secs = started.elapsed().as_secs_f64();
        created = checkpoint;
        let per_record = (resident_kib().saturating_sub(rss_at_start)) as f64 / created as f64;

        let (from, to) = (first_day, first_day + Days::new(30));
        let started = Instant::now();
        let list = call(
            &company,
            "prebook.list",
            json!({"dateFrom": from.to_string(), "dateTo": to.to_string()}),
        )
        .await?;
        let list_secs = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let details = call(
            &company,
            "prebook.details.list",
            json!({"vendorShipDateFrom": from.to_string(), "vendorShipDateTo": to.to_string()}),
        )
        .await?;
        let details_secs = started.elapsed().as_secs_f64();
        println!(
            "{created:>8} {load_secs:>10.2} {per_record:>12.2} {:>8} {list_secs:>14.4} {:>8} \
             {details_secs:>12.4}",
            rows(&list, "prebooks"),
            rows(&details, "prebooks"),
        );
    }
    Ok(())
}

/// Creates the prebooks numbered `range` (and their other documents).
async fn load(
    client: &Client,
    first_day: NaiveDate,
    range: Range<usize>,
    documents: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    let ship = move |n: usize| (first_day + Days::new(n as u64 % SPREAD_DAYS)).to_string();
    in_parallel(client, range.clone(), move |n| {
        (
            "prebook.create",
            json!({"customerId": 2001, "carrierId": 1801, "shipDate": ship(n),
            "prebookItems": [{"productId": 5001, "unitType": "Stem", "boxTypeId": 901,
                "boxes": 2, "bunches": 10, "stemsBunch": 25, "price": 0.35}]}),
        )
    })
    .await?;
    if !documents {
        return Ok(());
    }
    in_parallel(client, range.clone(), move |n| {
        (
            "purchase.order.mixed.create",
            json!({"vendorId": 3001, "carrierId": 1801,
            "shipDate": ship(n), "purchaseOrderItems": [{"productId": 5001}]}),
        )
    })
    .await?;
    // invoice.create answers no id; the store hands them out in order from the first, so once
    // all are created, invoice n is the first id + n.
    let first_invoice = TABLES
        .iter()
        .find(|(table, _)| *table == "invoices")
        .map_or(1, |(_, first)| *first);
    in_parallel(client, range.clone(), move |n| {
        (
            "invoice.create",
            json!({"customerId": 2001, "carrierId": 1801, "shipDate": ship(n)}),
        )
    })
    .await?;
    in_parallel(client, range, move |n| {
        (
            "invoice.item.add",
            json!({"invoiceId": first_invoice + n as i64,
            "productCode": "R5001", "boxTypeCode": "HB", "unitsPerBox": 250,
            "unitType": "Stem", "boxes": 1, "price": 0.35}),
        )
    })
    .await?;
    Ok(())
}

/// Sends `request(n)` for every `n` of `range`, `CONCURRENCY` at a time.
async fn in_parallel(
    client: &Client,
    range: Range<usize>,
    request: impl Fn(usize) -> (&'static str, Value) + Copy + Send + 'static,
) -> Result<(), Box<dyn std::error::Error>> {
    let workers: Vec<_> = (0..CONCURRENCY)
        .map(|worker| {
            let client = client.clone();
            let range = range.clone();
            tokio::spawn(async move {
                for n in range.skip(worker).step_by(CONCURRENCY) {
                    let (method, body) = request(n);
                    call(&client, method, body).await?;
                }
                Ok::<(), String>(())
            })
        })
        .collect();
    for worker in workers {
        worker.await??;
    }
    Ok(())
}

async fn call(client: &Client, method: &str, request: Value) -> Result<Value, String> {
    let meta = registry::find(method)
        .ok_or_else(|| format!("no method {method}"))?
        .meta;
    client
        .call_value(meta, request)
        .await
        .map_err(|e| format!("{method}: {e}"))
}

fn rows(body: &Value, field: &str) -> usize {
    body[field].as_array().map_or(0, Vec::len)
}

/// The process's resident memory (Linux), 0 where unknown.
fn resident_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
            line.split_whitespace().nth(1)?.parse().ok()
        })
        .unwrap_or(0)
}
