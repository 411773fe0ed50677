// The storefront line of the README, with the customer and the carrier swapped: a `CarrierId`
// is not a `CustomerId`, so the mistake does not compile.
use komet_api::web_orders::WebOrderItemAddRequest;
use komet_api::{CarrierId, CustomerId};

fn main() {
    let customer = CustomerId::from(2001);
    let carrier = CarrierId::from(1801);
    let _request = WebOrderItemAddRequest::builder()
        .customer_id(carrier)
        .carrier_id(customer)
        .price(rust_decimal::Decimal::new(450, 2))
        .quantity(4)
        .date(chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap())
        .build();
}
