//! A first real call, with no Komet account: start a sandbox, look up the catalogue, have
//! the client refuse a broken prebook before sending it, then create the prebook and list it.
//!
//! Run with `cargo run -p komet-sandbox --example quickstart`.

use chrono::{Days, Utc};
use komet_api::prebooks::{
    PrebookCreatePrebookItem, PrebookCreateRequest, PrebookDetailsListRequest,
};
use komet_api::products::{BoxtypeListRequest, ProductListRequest};
use komet_api::{BoxTypeRef, CarrierRef, CustomerRef, Error, ProductRef, TokenKind, UnitType};
use komet_sandbox::Sandbox;
use rust_decimal::Decimal;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = Sandbox::start().await?;
    println!("Sandbox running at {}", sandbox.base_url());
    let client = sandbox.client(TokenKind::Company).build()?;

    let boxes = client.boxtype_list(&BoxtypeListRequest::default()).await?;
    let half_box = boxes
        .boxtypes
        .unwrap_or_default()
        .into_iter()
        .find(|b| b.code.as_deref() == Some("HB"))
        .and_then(|b| b.id)
        .ok_or("the seed has an HB box type")?;
    let search = ProductListRequest::builder()
        .description("Rose Freedom 50")
        .build();
    let rose = client
        .product_list(&search)
        .await?
        .products
        .unwrap_or_default()
        .first()
        .and_then(|p| p.id)
        .ok_or("the seed has Freedom roses")?;
    println!("HB box type is {half_box}, Rose Freedom 50cm is product {rose}");

    let ship_date = Utc::now().date_naive() + Days::new(7);
    // No `boxes` yet: the line is refused below, before anything is sent.
    let line = PrebookCreatePrebookItem::builder()
        .identifier("line-1")
        .product(ProductRef::id(rose))
        .unit_type(UnitType::Stem)
        .box_type(BoxTypeRef::id(half_box))
        .bunches(10)
        .stems_bunch(25)
        .price(Decimal::new(35, 2)) // 0.35 per stem; money is never f64
        .build();
    let mut request = PrebookCreateRequest::builder()
        .customer(CustomerRef::id(2001))
        .carrier(CarrierRef::id(1801))
        .ship_date(ship_date)
        .prebook_items(vec![line])
        .build();

    // Lines are sold by the box unless `itemType` says otherwise, and a box line needs
    // `boxes`: the client refuses before sending anything.
    match client.prebook_create(&request).await {
        Err(Error::Validation { violations, .. }) => {
            println!("Refused before sending: {violations}");
        }
        other => return Err(format!("expected a validation error, got {other:?}").into()),
    }
    if let Some(lines) = request.prebook_items.as_mut() {
        lines[0].boxes = Some(4);
    }
    let created = client.prebook_create(&request).await?;
    let id = created
        .prebook_id
        .ok_or("the answer names the new prebook")?;
    println!(
        "Created prebook {id} (number {}) shipping {ship_date}",
        created.prebook_number.as_deref().unwrap_or("?")
    );

    // The sandbox keeps what was created: the prebook is there to list.
    let mut details = PrebookDetailsListRequest::builder().date(ship_date).build();
    details.prebook = created
        .prebook_number
        .as_deref()
        .and_then(|n| n.parse().ok());
    for prebook in client
        .prebook_details_list(&details)
        .await?
        .prebooks
        .unwrap_or_default()
    {
        for line in prebook.details.unwrap_or_default() {
            println!(
                "Listed: {} boxes of {} for {} at {} per {}",
                line.total_boxes.unwrap_or_default(),
                line.product_description.as_deref().unwrap_or("?"),
                prebook.customer_name.as_deref().unwrap_or("?"),
                line.unit_price.unwrap_or_default(),
                line.unit_type
                    .map_or("?".to_owned(), |unit| unit.to_string()),
            );
        }
    }

    println!("\nWhat the sandbox saw (tokens are never logged):");
    for entry in sandbox.log() {
        println!("  {entry}");
    }
    Ok(())
}
