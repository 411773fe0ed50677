//! Carriers, vendors and products: creates and updates are visible to the lists, through
//! the typed komet-api client.

use komet_api::carriers::{CarrierAddRequest, CarrierListRequest, CarrierUpdateRequest};
use komet_api::products::{BoxtypeListRequest, ProductAddRequest, ProductListRequest};
use komet_api::{Error, TokenKind};
use komet_sandbox::Sandbox;

#[tokio::test]
async fn a_new_carrier_is_listed_and_updated() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = sandbox.client(TokenKind::Company).build().unwrap();

    let added = client
        .carrier_add(&CarrierAddRequest::new(
            "Polar Air Cargo".into(),
            "PAC".into(),
        ))
        .await
        .unwrap();
    let id = added.carrier_id.expect("the new carrier's id");

    let mut by_code = CarrierListRequest::new();
    by_code.code = Some("PAC".into());
    let listed = client.carrier_list(&by_code).await.unwrap();
    let carriers = listed.carriers.unwrap();
    assert_eq!(carriers.len(), 1);
    assert_eq!(carriers[0].id, Some(id));
    assert_eq!(carriers[0].name.as_deref(), Some("Polar Air Cargo"));

    client
        .carrier_update(&CarrierUpdateRequest::new(
            id,
            "Polar Air".into(),
            "PAC".into(),
        ))
        .await
        .unwrap();
    let listed = client.carrier_list(&by_code).await.unwrap();
    assert_eq!(
        listed.carriers.unwrap()[0].name.as_deref(),
        Some("Polar Air")
    );

    // A duplicate code and an unknown id are refused with Komet's status 0.
    let duplicate = client
        .carrier_add(&CarrierAddRequest::new("Other".into(), "PAC".into()))
        .await;
    assert!(matches!(duplicate, Err(Error::Api { .. })), "{duplicate:?}");
    let missing = client
        .carrier_update(&CarrierUpdateRequest::new(
            999_999.into(),
            "X".into(),
            "X".into(),
        ))
        .await;
    match missing {
        Err(Error::Api { message, .. }) => assert!(message.contains("999999"), "{message}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn products_and_box_types_come_from_the_seed_and_from_creates() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = sandbox.client(TokenKind::Company).build().unwrap();

    let boxes = client
        .boxtype_list(&BoxtypeListRequest::new())
        .await
        .unwrap();
    let codes: Vec<_> = boxes
        .boxtypes
        .unwrap()
        .into_iter()
        .filter_map(|b| b.code)
        .collect();
    assert_eq!(codes, ["HB", "QB", "FB"]);

    let mut product = ProductAddRequest::new("Hydrangea".into());
    product.variety = Some("Shocking Blue".into());
    product.grade = Some("Premium".into());
    let id = client
        .product_add(&product)
        .await
        .unwrap()
        .product_id
        .unwrap();

    let mut search = ProductListRequest::new();
    search.description = Some("shocking".into());
    let found = client
        .product_list(&search)
        .await
        .unwrap()
        .products
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, Some(id));
    assert_eq!(
        found[0].description.as_deref(),
        Some("Hydrangea Shocking Blue Premium")
    );

    let mut roses = ProductListRequest::new();
    roses.description = Some("rose freedom".into());
    assert_eq!(
        client
            .product_list(&roses)
            .await
            .unwrap()
            .products
            .unwrap()
            .len(),
        3
    );
}
