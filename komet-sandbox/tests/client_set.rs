//! One job, several tokens: a `ClientSet` picks, per method, the first client whose token
//! kind the method accepts, and clients sharing a `QuotaCounter` count against one total.

use komet_api::carriers::{CARRIER_LIST, CarrierListRequest};
use komet_api::meta::MethodMeta;
use komet_api::{ClientSet, Error, QuotaCounter, TokenKind, registry};
use komet_sandbox::Sandbox;

fn meta(name: &str) -> &'static MethodMeta {
    registry::find(name).unwrap().meta
}

#[tokio::test]
async fn each_method_goes_to_a_token_it_accepts_on_one_quota() {
    let sandbox = Sandbox::start().await.unwrap();
    let quota = QuotaCounter::new(1000);
    let user = sandbox
        .client(TokenKind::User)
        .quota_counter(quota.clone())
        .build()
        .unwrap();
    let company = sandbox
        .client(TokenKind::Company)
        .quota_counter(quota.clone())
        .build()
        .unwrap();
    let clients = ClientSet::new([user, company]);

    // web-order-item.add takes user tokens only, carrier.list company tokens.
    assert_eq!(
        clients
            .for_method(meta("web-order-item.add"))
            .unwrap()
            .token_kind(),
        TokenKind::User
    );
    let carriers = clients
        .for_method(&CARRIER_LIST)
        .unwrap()
        .carrier_list(&CarrierListRequest::default())
        .await
        .unwrap();
    assert_eq!(carriers.status, Some(true));
    assert_eq!(
        clients
            .for_method_named("carrier.list")
            .unwrap()
            .token_kind(),
        TokenKind::Company
    );
    // Both clients count on the shared counter.
    assert_eq!(quota.status().used_today, 1);
    assert_eq!(clients.kinds(), [TokenKind::User, TokenKind::Company]);

    // A method no held token may call is a clear error, naming both sides.
    let vendor_only = registry::methods()
        .iter()
        .map(|e| e.meta)
        .find(|m| !m.tokens.contains(&TokenKind::User) && !m.tokens.contains(&TokenKind::Company))
        .expect("some method takes neither a user nor a company token");
    match clients.for_method(vendor_only) {
        Err(e @ Error::NoTokenForMethod { .. }) => {
            let text = e.to_string();
            assert!(text.contains("user, company"), "{text}");
        }
        other => panic!("expected NoTokenForMethod, got {other:?}"),
    }
    assert!(matches!(
        clients.for_method_named("no.such.method"),
        Err(Error::UnknownMethod(_))
    ));
}
