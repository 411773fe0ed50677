//! What komet-api costs per call, next to hand-written code doing the same job. Each group
//! times komet-api and its hand-written equivalent (`hand.rs`) on the same data, so criterion
//! prints them side by side:
//!
//! - `validate/1000_lines`: the validator on a 1,000-line prebook, against serializing the
//!   request alone (the validator reads that very text, so this is its floor);
//! - `encode_decode/prebook_create_{1,100}`: the offline work of a call (encode and check the
//!   request, read and decode the answer) against serde_json on plain structs;
//! - `loopback/{prebook_create_1,prebook_create_100,prebook_list_20}`: a whole call through
//!   `komet_api::Client` against a bare `reqwest::Client`, both to the same local server.
//!
//! Run with `cargo bench -p komet-api --bench calls`; the README's "Performance" section has
//! figures. Not run in CI, which only builds it.

mod fixtures;
mod hand;
mod server;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use komet_api::prebooks::{PREBOOK_CREATE, PrebookCreateResponse};
use komet_api::{Client, Token, TokenKind, ValidationContext};

use fixtures::TOKEN;

/// What the validator may assume: a company token, nothing else.
fn context() -> ValidationContext {
    ValidationContext {
        token_kind: Some(TokenKind::Company),
        ..Default::default()
    }
}

/// A client for the API root `api` (the production root for offline use: nothing is sent).
fn komet_client(api: &str) -> Client {
    Client::builder(Token::new(TOKEN), TokenKind::Company)
        .base_url(api)
        .build()
        .expect("a komet-api client")
}

fn validate(c: &mut Criterion) {
    let request = fixtures::prebook_create(1000);
    let context = context();
    // A refused request would time the error path.
    request.validate(&context).expect("the request is valid");

    let mut group = c.benchmark_group("validate/1000_lines");
    group.bench_function("komet-api", |b| {
        b.iter(|| black_box(&request).validate(&context))
    });
    group.bench_function("serde_json::to_vec", |b| {
        b.iter(|| serde_json::to_vec(black_box(&request)).expect("serializable"))
    });
    group.finish();
}

fn encode_decode(c: &mut Criterion) {
    let client = komet_client(komet_api::client::DEFAULT_BASE_URL);
    let context = client.validation_context();
    for lines in [1, 100] {
        let request = fixtures::prebook_create(lines);
        let hand_request = hand::prebook_create(lines);
        let answer = fixtures::prebook_create_answer(lines);
        assert_same_body(&request, &hand_request);

        let mut group = c.benchmark_group(format!("encode_decode/prebook_create_{lines}"));
        group.bench_function("komet-api", |b| {
            b.iter(|| {
                // `validate` serializes the request and checks that text, which is what the
                // client sends; `__decode_body` is the client's own reading of an answer.
                black_box(&request).validate(&context).expect("valid");
                let created: PrebookCreateResponse = client
                    .__decode_body(&PREBOOK_CREATE, black_box(answer.as_bytes()))
                    .expect("decodes");
                created
            })
        });
        group.bench_function("hand-written", |b| {
            b.iter(|| {
                let body = serde_json::to_vec(black_box(&hand_request)).expect("serializable");
                black_box(body);
                hand::decode_created(black_box(answer.as_bytes())).expect("decodes")
            })
        });
        group.finish();
    }
}

/// The hand-written request must be the same JSON komet-api sends, byte for byte (the
/// client puts the token first), or the comparison would be of different work.
fn assert_same_body(
    request: &komet_api::prebooks::PrebookCreateRequest,
    hand: &hand::PrebookCreate,
) {
    let komet = serde_json::to_string(request).expect("serializable");
    let sent = format!(r#"{{"authenticationToken":"{TOKEN}",{}"#, &komet[1..]);
    let hand = serde_json::to_string(hand).expect("serializable");
    assert_eq!(sent, hand, "the two sides must send the same body");
}

fn loopback(c: &mut Criterion) {
    // One thread runs the client, its connection task and the server: a call's time is then
    // the work done for it, not how soon another thread wakes up, which on a small machine
    // shared with other jobs varies more than the difference being measured.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let http = hand::http_client();

    for lines in [1, 100] {
        let api = runtime.block_on(server::start(fixtures::prebook_create_answer(lines)));
        let client = komet_client(&api);
        let request = fixtures::prebook_create(lines);
        let hand_request = hand::prebook_create(lines);

        let mut group = c.benchmark_group(format!("loopback/prebook_create_{lines}"));
        group.bench_function("komet-api", |b| {
            b.to_async(&runtime)
                .iter(|| async { client.prebook_create(&request).await.expect("a call") })
        });
        group.bench_function("hand-written", |b| {
            b.to_async(&runtime).iter(|| async {
                hand::call_prebook_create(&http, &api, &hand_request)
                    .await
                    .expect("a call")
            })
        });
        group.finish();
    }

    let api = runtime.block_on(server::start(fixtures::prebook_list_answer(20)));
    let client = komet_client(&api);
    let request = fixtures::prebook_list();
    let mut group = c.benchmark_group("loopback/prebook_list_20");
    group.bench_function("komet-api", |b| {
        b.to_async(&runtime)
            .iter(|| async { client.prebook_list(&request).await.expect("a call") })
    });
    group.bench_function("hand-written", |b| {
        b.to_async(&runtime)
            .iter(|| async { hand::call_prebook_list(&http, &api).await.expect("a call") })
    });
    group.finish();
}

criterion_group!(benches, validate, encode_decode, loopback);
criterion_main!(benches);
