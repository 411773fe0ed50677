//! Required headers are required; optional ones (X-SALES-CHANNEL on the storefront methods)
//! may be left out, by the client and by the sandbox; a header that is sent must be valid.

use komet_api::session::CompanyListRequest;
use komet_api::web_orders::EcommerceLiteSettingsRequest;
use komet_api::{Client, Error, RetryPolicy, Token, TokenKind};
use komet_sandbox::Sandbox;

/// A client of the sandbox with X-ACCOUNT set and no sales channel.
fn without_channel(sandbox: &Sandbox, kind: TokenKind) -> Client {
    let account = sandbox.account(kind).unwrap();
    Client::builder(Token::new(account.token.clone()), kind)
        .base_url(sandbox.base_url())
        .account_id(account.company_id)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn the_sales_channel_is_optional_where_the_page_says_so() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = without_channel(&sandbox, TokenKind::Customer);
    let settings = client
        .ecommerce_lite_settings(&EcommerceLiteSettingsRequest::new(2001.into()))
        .await
        .unwrap();
    assert_eq!(settings.status, Some(true));

    // Where it is required, the client refuses before sending anything.
    let company = without_channel(&sandbox, TokenKind::Company);
    let before = sandbox.log().len();
    match company.company_list(&CompanyListRequest::new()).await {
        Err(Error::MissingHeader { header, .. }) => assert_eq!(header, "X-SALES-CHANNEL"),
        other => panic!("expected MissingHeader, got {other:?}"),
    }
    assert_eq!(sandbox.log().len(), before, "nothing was sent");
}

#[tokio::test]
async fn a_sales_channel_that_is_sent_must_be_one() {
    let sandbox = Sandbox::start().await.unwrap();
    let account = sandbox.account(TokenKind::Customer).unwrap();
    let response = reqwest::Client::new()
        .get(format!("{}ecommerce-lite/settings", sandbox.base_url()))
        .query(&[("customerId", "2001")])
        .header("authenticationToken", &account.token)
        .header("X-ACCOUNT", account.company_id.to_string())
        .header("X-SALES-CHANNEL", "FAX")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: serde_json::Value = response.json().await.unwrap();
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("X-SALES-CHANNEL"),
        "{body}"
    );
}
