// A customer given by code needs its description too.
use komet_api::CustomerRef;

fn main() {
    let _customer = CustomerRef::Code {
        customer_code: "GRS".into(),
    };
}
