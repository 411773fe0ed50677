//! The sandbox under abuse: bounded rounds of oversized bodies and heads, deeply nested
//! JSON, unknown method names of kilobytes, slow-loris connections and a burst of 2,000
//! concurrent requests selling limited stock. It must not panic, must keep answering, must
//! not grow in memory from round to round or keep connections, and must never sell more
//! than it has. Everything talks to 127.0.0.1 and every loop has a fixed count.
//!
//! Linux only: it reads `/proc`.
#![cfg(target_os = "linux")]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate, Utc};
use komet_api::common::{BoxTypeRef, CarrierRef, CustomerRef, ProductRef, UnitType, VendorRef};
use komet_api::inventory::{InventoryAddRequest, InventoryListRequest};
use komet_api::prebooks::{PrebookCreatePrebookItem, PrebookCreateRequest};
use komet_api::products::ProductListRequest;
use komet_api::web_orders::WebOrderItemAddRequest;
use komet_api::{
    Client, Error, InventoryBoxTypeRef, InventoryGrowerRef, InventoryOrigin, InventoryProductRef,
    RetryPolicy, TokenKind,
};
use komet_sandbox::Sandbox;
use rust_decimal::Decimal;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const TOKEN: &str = "demo-company-token";
/// Boxes on the one on-hand inventory line that web orders sell.
const ON_HAND_BOXES: i64 = 100;
/// Boxes on the one future-sales purchase order line that prebooks book.
const FUTURE_BOXES: i64 = 200;
const FUTURE_LINE: i64 = 91001;
const ROUNDS: usize = 3;
const BURST: usize = 2_000;
/// Memory the sandbox and this test may gain between the end of the first round and the
/// end of the last: allocator noise, the request log filling up to its capacity (a few
/// megabytes), the store's new records. Unbounded growth per request exceeds it quickly.
const MEMORY_HEADROOM_KB: u64 = 64 * 1024;

/// Every panic in this process, the sandbox's connection tasks included.
static PANICS: AtomicUsize = AtomicUsize::new(0);

#[derive(Debug, Default)]
struct Counts {
    oversized_bodies: usize,
    oversized_heads: usize,
    deep_bodies: usize,
    long_names: usize,
    slow_lorises: usize,
    burst: usize,
}

fn ship_date() -> NaiveDate {
    Utc::now().date_naive() + Days::new(7)
}

fn resident_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS in /proc/self/status")
}

fn open_descriptors() -> usize {
    std::fs::read_dir("/proc/self/fd").map_or(0, Iterator::count)
}

/// The soft limit on open files; the burst needs two descriptors per request in flight
/// (the client's socket and the sandbox's).
fn descriptor_limit() -> usize {
    let limits = std::fs::read_to_string("/proc/self/limits").unwrap_or_default();
    limits
        .lines()
        .find(|line| line.starts_with("Max open files"))
        .and_then(|line| line.split_whitespace().nth(3)?.parse().ok())
        .unwrap_or(1024)
}

/// Waits (at most 10 s) until no more than a few descriptors are open beyond `baseline`, as
/// the sockets of finished connections close; returns how many are open then.
async fn settle(baseline: usize) -> usize {
    let deadline = Instant::now() + Duration::from_secs(10);
    while open_descriptors() > baseline + 16 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    open_descriptors()
}

async fn start() -> Sandbox {
    let future_stock = serde_json::json!({
        "purchaseOrders": [{"id": 81001, "number": "P081001", "vendorId": 3001,
            "shipDate": ship_date().to_string(), "status": "open", "poStatus": "Approved"}],
        "purchaseOrderItems": [{"id": FUTURE_LINE, "purchaseOrderId": 81001, "productId": 5001,
            "boxTypeId": 901, "boxTypeCode": "HB", "boxes": FUTURE_BOXES, "unitType": "Stem",
            "bunches": 10, "stemsBunch": 25, "cost": 0.2}]
    });
    // The default timeouts: a client starved of CPU by the burst (client and sandbox share
    // two cores) may take a second or more to send the request it connected for.
    Sandbox::builder()
        .daily_quota(u32::MAX)
        .fixture(future_stock)
        .start()
        .await
        .unwrap()
}

/// A second sandbox for the slow-loris connections, with short timeouts so they end within
/// the round rather than after the default 10 s.
async fn start_impatient() -> Sandbox {
    Sandbox::builder()
        .header_read_timeout(Duration::from_secs(1))
        .idle_timeout(Duration::from_secs(1))
        .body_read_timeout(Duration::from_secs(1))
        .start()
        .await
        .unwrap()
}

/// Adds the on-hand line web orders sell from; returns its id.
async fn stock(company: &Client) -> i64 {
    let request = InventoryAddRequest::builder()
        .grower(InventoryGrowerRef::Id {
            grower_id: 3001.into(),
        })
        .awb("729-1234 5678")
        .ship_date(ship_date())
        .product(InventoryProductRef::Id {
            product_id: 5001.into(),
        })
        .quantity(ON_HAND_BOXES)
        .box_type(InventoryBoxTypeRef::Id {
            box_type_id: 901.into(),
        })
        .unit_type("Bunch")
        .stems_bunch(25)
        .bunches(10)
        .unit_cost(Decimal::new(35, 2))
        .build();
    company.inventory_add(&request).await.unwrap();
    let lines = company
        .inventory_list(&InventoryListRequest::default())
        .await
        .unwrap()
        .inventory_items
        .unwrap_or_default();
    assert_eq!(lines.len(), 1, "one on-hand line: {lines:?}");
    (lines[0].order_item_id.unwrap()).get()
}

/// Sends `body` to `method` and returns the answer's status.
async fn post(http: &reqwest::Client, sandbox: &Sandbox, method: &str, body: Vec<u8>) -> u16 {
    http.post(format!("{}{method}", sandbox.base_url()))
        .header("content-type", "application/json")
        .header("X-ACCOUNT", "1001")
        .body(body)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{method}: {e}"))
        .status()
        .as_u16()
}

async fn oversized_bodies(http: &reqwest::Client, sandbox: &Sandbox) -> usize {
    let body = vec![b' '; 2 * 1024 * 1024];
    for _ in 0..20 {
        assert_eq!(
            post(http, sandbox, "prebook.create", body.clone()).await,
            413
        );
    }
    20
}

async fn oversized_heads(http: &reqwest::Client, sandbox: &Sandbox) -> usize {
    for _ in 0..20 {
        let response = http
            .get(format!("{}product.list", sandbox.base_url()))
            .header("x-padding", "p".repeat(32 * 1024))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 431);
    }
    20
}

async fn deep_bodies(http: &reqwest::Client, sandbox: &Sandbox) -> usize {
    let wrap = |inner: String| {
        format!(r#"{{"authenticationToken": "{TOKEN}", "comments": {inner}}}"#).into_bytes()
    };
    let mut cases = 0;
    for depth in [33, 100, 129, 10_000, 400_000] {
        for shape in [
            format!("{}{}", "[".repeat(depth), "]".repeat(depth)),
            // Never closed: the scan stops at the limit, the parser never runs.
            "{\"a\":".repeat(depth.min(150_000)),
        ] {
            assert_eq!(
                post(http, sandbox, "prebook.create", wrap(shape)).await,
                400
            );
            cases += 1;
        }
    }
    // Brackets inside a string are text: the method's own rules judge this body.
    let in_string = wrap(format!("\"{}\"", "[".repeat(10_000)));
    assert_eq!(post(http, sandbox, "prebook.create", in_string).await, 200);
    cases + 1
}

async fn long_names(http: &reqwest::Client, sandbox: &Sandbox) -> usize {
    let name = "n".repeat(12 * 1024);
    for _ in 0..200 {
        assert_eq!(post(http, sandbox, &name, Vec::new()).await, 404);
    }
    200
}

/// Connections that send a request head, or a body, one byte every 100 ms; the header or
/// body timeout closes every one, and the sandbox still answers. Returns how many there were.
async fn slow_lorises(sandbox: &Sandbox) -> usize {
    let lorises: Vec<_> = (0..50)
        .map(|n| {
            let addr = sandbox.addr();
            tokio::spawn(async move {
                let mut stream = TcpStream::connect(addr).await.unwrap();
                let head: &[u8] = if n % 2 == 0 {
                    b"GET /api/product.list HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
                } else {
                    b"POST /api/prebook.create HTTP/1.1\r\nHost: 127.0.0.1\r\n\
                      Content-Length: 1000\r\n\r\n{"
                };
                let started = Instant::now();
                for byte in head.iter().chain(std::iter::repeat(&b'z')).take(100) {
                    if stream.write_all(&[*byte]).await.is_err() {
                        return started.elapsed();
                    }
                    let mut peek = [0u8; 256];
                    let read =
                        tokio::time::timeout(Duration::from_millis(100), stream.read(&mut peek));
                    if let Ok(Ok(0) | Err(_)) = read.await {
                        return started.elapsed();
                    }
                }
                panic!("a slow-loris connection stayed open for 10 s");
            })
        })
        .collect();
    for loris in lorises {
        let closed_after = loris.await.unwrap();
        assert!(
            closed_after < Duration::from_secs(5),
            "closed after {closed_after:?}"
        );
    }
    let answer = reqwest::get(format!(
        "{}boxtype.list?authenticationToken={TOKEN}",
        sandbox.base_url()
    ))
    .await
    .unwrap();
    assert_eq!(
        answer.status(),
        200,
        "the sandbox answers after the slow lorises"
    );
    50
}

/// What the burst sold and booked, as the clients were told.
#[derive(Debug, Default)]
struct Sold {
    on_hand: AtomicUsize,
    future: AtomicUsize,
}

/// `BURST` requests at once (fewer if the descriptor limit is low): lists, and sales of
/// 1 to 3 boxes from stock that runs out early. Refusals for lack of stock are expected;
/// any other failure is not.
async fn burst(company: &Client, user: &Client, line: i64, sold: &Arc<Sold>) -> usize {
    let in_flight = BURST
        .min(descriptor_limit().saturating_sub(256) / 2)
        .max(100);
    if in_flight < BURST {
        println!("abuse: at most {in_flight} requests at once (the descriptor limit is low)");
    }
    let gate = Arc::new(tokio::sync::Semaphore::new(in_flight));
    let tasks: Vec<_> = (0..BURST)
        .map(|n| {
            let (company, user, sold, gate) = (
                company.clone(),
                user.clone(),
                Arc::clone(sold),
                Arc::clone(&gate),
            );
            tokio::spawn(async move {
                let _permit = gate.acquire_owned().await.unwrap();
                let boxes = (n % 3 + 1) as i64;
                match n % 4 {
                    0 => drop(
                        company
                            .product_list(&ProductListRequest::default())
                            .await
                            .unwrap(),
                    ),
                    1 => drop(
                        company
                            .inventory_list(&InventoryListRequest::default())
                            .await
                            .unwrap(),
                    ),
                    2 => match user.web_order_item_add(&sell(line, boxes)).await {
                        Ok(added) => {
                            let added = added.quantity_added.unwrap_or(0) as usize;
                            sold.on_hand.fetch_add(added, Ordering::SeqCst);
                        }
                        Err(Error::Api { .. }) => {}
                        Err(other) => panic!("web-order-item.add failed: {other}"),
                    },
                    _ => match company.prebook_create(&book(boxes)).await {
                        Ok(created) => {
                            let booked = created.items.unwrap_or_default();
                            if booked.first().and_then(|item| item.status) == Some(true) {
                                sold.future.fetch_add(boxes as usize, Ordering::SeqCst);
                            }
                        }
                        Err(Error::Api { .. }) => {}
                        Err(other) => panic!("prebook.create failed: {other}"),
                    },
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    BURST
}

/// A client of the sandbox that reports every failure as it is, without retrying.
fn client(sandbox: &Sandbox, kind: TokenKind) -> Client {
    sandbox
        .client(kind)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

fn sell(line: i64, boxes: i64) -> WebOrderItemAddRequest {
    let mut request = WebOrderItemAddRequest::builder()
        .customer_id(2001)
        .price(Decimal::new(80, 2))
        .quantity(boxes)
        .carrier_id(1801)
        .date(ship_date())
        .build();
    request.inventory_ids = Some(vec![line.into()]);
    request.inventory_origin = Some(InventoryOrigin::OnHand);
    request
}

fn book(boxes: i64) -> PrebookCreateRequest {
    let mut item = PrebookCreatePrebookItem::builder()
        .product(ProductRef::Id {
            product_id: 5001.into(),
        })
        .unit_type(UnitType::Stem)
        .build();
    item.vendor = VendorRef::id(3001);
    item.box_type = Some(BoxTypeRef::Id {
        box_type_id: 901.into(),
    });
    item.boxes = Some(boxes);
    item.bunches = Some(10);
    item.stems_bunch = Some(25);
    item.cost = Some("0.2".parse().unwrap());
    item.price = Some("0.4".parse().unwrap());
    item.future_sales_po_number = Some("P081001".into());
    let mut request = PrebookCreateRequest::builder()
        .customer(CustomerRef::Id {
            customer_id: 2001.into(),
        })
        .carrier(CarrierRef::Id {
            carrier_id: 1801.into(),
        })
        .ship_date(ship_date())
        .build();
    request.auto_generate_pos = Some(true);
    request.prebook_items = Some(vec![item]);
    request
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sandbox_survives_abuse_with_bounded_memory_and_consistent_stock() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICS.fetch_add(1, Ordering::SeqCst);
        default_hook(info);
    }));
    let started = Instant::now();
    let descriptors_before = open_descriptors();
    let sandbox = start().await;
    let impatient = start_impatient().await;
    let line = stock(&client(&sandbox, TokenKind::Company)).await;
    let sold = Arc::new(Sold::default());
    let mut counts = Counts::default();
    let mut memory_after_first_round = 0;
    for round in 0..ROUNDS {
        // New clients each round, as new users: the sandbox may have closed the connections
        // pooled in the last round as idle. Within a round, idle connections are forgotten
        // before the sandbox's 5 s idle timeout closes them, so none is reused as it closes
        // (hyper's IncompleteMessage, when a step takes about that long under load).
        let http = reqwest::Client::builder()
            .pool_idle_timeout(Duration::from_secs(2))
            .build()
            .unwrap();
        counts.oversized_bodies += oversized_bodies(&http, &sandbox).await;
        counts.oversized_heads += oversized_heads(&http, &sandbox).await;
        counts.deep_bodies += deep_bodies(&http, &sandbox).await;
        counts.long_names += long_names(&http, &sandbox).await;
        counts.slow_lorises += slow_lorises(&impatient).await;
        let (company, user) = (
            client(&sandbox, TokenKind::Company),
            client(&sandbox, TokenKind::User),
        );
        counts.burst += burst(&company, &user, line, &sold).await;
        drop((company, user));
        // Measured with the round's connections closed, so the buffers of 2,000 connections
        // at once do not count, only what stays.
        settle(descriptors_before).await;
        if round == 0 {
            memory_after_first_round = resident_kb();
        }
    }
    let memory_at_end = resident_kb();
    let company = client(&sandbox, TokenKind::Company);

    // Still answering.
    let products = company
        .product_list(&ProductListRequest::default())
        .await
        .unwrap();
    assert!(products.products.is_some_and(|p| !p.is_empty()));

    // Never more sold than there was, and what is left is what was not sold.
    let sold_on_hand = sold.on_hand.load(Ordering::SeqCst) as i64;
    let sold_future = sold.future.load(Ordering::SeqCst) as i64;
    let (left_on_hand, booked_future) = sandbox.with_store(|store| {
        let left = store
            .table("inventory")
            .get(line)
            .and_then(|row| row.get("quantity")?.as_i64())
            .unwrap_or(0);
        let booked: i64 = store
            .table("prebookItems")
            .rows()
            .filter(|row| {
                row.get("purchaseOrderItemId").and_then(|v| v.as_i64()) == Some(FUTURE_LINE)
            })
            .filter_map(|row| row.get("boxes")?.as_i64())
            .sum();
        (left, booked)
    });
    assert!(
        sold_on_hand <= ON_HAND_BOXES,
        "sold {sold_on_hand} of {ON_HAND_BOXES} boxes"
    );
    assert_eq!(
        sold_on_hand + left_on_hand,
        ON_HAND_BOXES,
        "sold plus left is the stock"
    );
    assert!(left_on_hand >= 0);
    assert!(
        booked_future <= FUTURE_BOXES,
        "booked {booked_future} of {FUTURE_BOXES}"
    );
    assert_eq!(
        sold_future, booked_future,
        "what clients were told is what is stored"
    );

    // Connections: the clients' and the sandbox's sockets all close once the clients go.
    drop(company);
    let descriptors_after = settle(descriptors_before).await;
    drop((sandbox, impatient));

    let panics = PANICS.load(Ordering::SeqCst);
    let cases = counts.oversized_bodies
        + counts.oversized_heads
        + counts.deep_bodies
        + counts.long_names
        + counts.slow_lorises
        + counts.burst;
    println!(
        "abuse: {cases} cases run in {:.1} s ({counts:?}); sold {sold_on_hand}/{ON_HAND_BOXES} \
         on hand, booked {booked_future}/{FUTURE_BOXES} future; memory {memory_after_first_round} \
         kB after round 1, {memory_at_end} kB after round {ROUNDS}; descriptors {descriptors_before} \
         before, {descriptors_after} after; {panics} panics",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(panics, 0, "the sandbox or a client panicked");
    assert!(
        memory_at_end <= memory_after_first_round + MEMORY_HEADROOM_KB,
        "memory grew from {memory_after_first_round} kB to {memory_at_end} kB over {} rounds",
        ROUNDS - 1
    );
    assert!(
        descriptors_after <= descriptors_before + 16,
        "{descriptors_before} descriptors open before, {descriptors_after} after: connections leak"
    );
}
