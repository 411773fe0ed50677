// A prebook needs a customer, a carrier and a ship date; without the carrier there is no
// `build()`.
use komet_api::prebooks::PrebookCreateRequest;
use komet_api::CustomerRef;

fn main() {
    let _request = PrebookCreateRequest::builder()
        .customer(CustomerRef::id(9999))
        .ship_date(chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap())
        .comments("leave at the back door")
        .build();
}
