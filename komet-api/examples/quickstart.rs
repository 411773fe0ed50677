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
    let mut line = PrebookCreatePrebookItem::new(
        ProductRef::Id {
            product_id: 999.into(),
        },
        UnitType::Stem,
    );
    line.box_type = Some(BoxTypeRef::Id {
        box_type_id: 900.into(),
    });
    line.bunches = Some(10);
    line.price = Some(Decimal::new(2505, 3)); // 2.505: one decimal too many
    let mut request = PrebookCreateRequest::new(
        CustomerRef::Id {
            customer_id: 9999.into(),
        },
        CarrierRef::Id {
            carrier_id: 1878.into(),
        },
        NaiveDate::from_ymd_opt(2026, 12, 1).ok_or("bad date")?,
    );
    request.prebook_items = Some(vec![line]);

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
