// An id is not a number to do arithmetic with or to pass where a count goes.
use komet_api::prebooks::PrebookCreatePrebookItem;
use komet_api::{ProductId, ProductRef, UnitType};

fn main() {
    let product = ProductId::from(5002);
    let _line = PrebookCreatePrebookItem::builder()
        .product(ProductRef::id(product))
        .unit_type(UnitType::Stem)
        .boxes(product)
        .build();
}
