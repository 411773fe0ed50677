// A required field is set once: a second call does not compile.
use komet_api::prebooks::PrebookCreateRequest;
use komet_api::CustomerRef;

fn main() {
    let _builder = PrebookCreateRequest::builder()
        .customer(CustomerRef::id(9999))
        .customer(CustomerRef::id(9998));
}
