//! A tour of komet-api that needs no Komet account: build a prebook request, see the validator
//! catch mistakes (with JSON paths), look at the exact JSON that would be sent, and decode a
//! response shaped like the one Komet documents.
//!
//! Run with `cargo run -p komet-api --example quickstart`.

use chrono::NaiveDate;
use komet_api::prebooks::{PrebookCreatePrebookItem, PrebookCreateRequest, PrebookCreateResponse};
use komet_api::{
    BoxTypeRef, CarrierRef, CustomerRef, ProductRef, TokenKind, UnitType, ValidationContext,
};
use rust_decimal::Decimal;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Two mistakes the types cannot catch: a BOX line without `boxes`, and a price with three
    // decimals. (A missing carrier, by contrast, would not compile.)
    let line = PrebookCreatePrebookItem::builder()
        .product(ProductRef::id(999))
        .unit_type(UnitType::Stem)
        .box_type(BoxTypeRef::id(900))
        .bunches(10)
        .price(Decimal::new(2505, 3)) // 2.505: one decimal too many
        .build();
    let mut request = PrebookCreateRequest::builder()
        .customer(CustomerRef::id(9999))
        .carrier(CarrierRef::id(1878))
        .ship_date(NaiveDate::from_ymd_opt(2026, 12, 1).ok_or("bad date")?)
        .prebook_items(vec![line])
        .build();

    let context = ValidationContext {
        token_kind: Some(TokenKind::Company),
        ..Default::default()
    };
    match request.validate(&context) {
        Ok(()) => println!("unexpectedly valid"),
        Err(violations) => {
            println!("The validator refuses the first draft (nothing would be sent):");
            for violation in violations.iter() {
                println!("  - {violation}  [{}]", violation.rule.as_str());
            }
        }
    }

    if let Some(lines) = request.prebook_items.as_mut() {
        lines[0].boxes = Some(5);
        lines[0].price = Some(Decimal::new(250, 2));
    }
    request.validate(&context)?;
    println!("\nFixed. The JSON body komet-api sends (the client adds the token):");
    println!("{}", serde_json::to_string_pretty(&request)?);

    let body = r#"{"status": "1", "message": "Prebook was successfully created.",
        "prebookId": 1640006, "prebookNumber": "010225",
        "items": [{"identifier": "a", "status": 1, "prebookItemId": 3427612},
                  {"identifier": "b", "status": 0, "message": "Product not found"}]}"#;
    let response: PrebookCreateResponse = serde_json::from_str(body)?;
    println!(
        "\nDecoded a response: prebook {:?} (number {:?}, leading zero kept)",
        response.prebook_id, response.prebook_number
    );
    for failed in response.failed_items() {
        println!(
            "  line {:?} failed: {:?}",
            failed.identifier, failed.message
        );
    }
    println!(
        "\n{} methods are available; see komet_api::registry.",
        komet_api::registry::methods().len()
    );
    Ok(())
}
