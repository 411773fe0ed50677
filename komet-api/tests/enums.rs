//! Enumerations decode however Komet sends their codes and encode as the spec says.

use komet_api::{CustomerServiceWeekday, ItemType, UnitType};

#[test]
fn digit_codes_in_text_match_as_text_or_number() {
    for sent in [r#""4""#, "4"] {
        let day: CustomerServiceWeekday = serde_json::from_str(sent).unwrap();
        assert_eq!(day, CustomerServiceWeekday::Thursday, "sent {sent}");
        assert_eq!(serde_json::to_string(&day).unwrap(), r#""4""#);
    }
    let unknown: CustomerServiceWeekday = serde_json::from_str("9").unwrap();
    assert!(matches!(unknown, CustomerServiceWeekday::Unknown(_)));
}

#[test]
fn text_codes_match_exactly() {
    let item: ItemType = serde_json::from_str(r#""UN""#).unwrap();
    assert_eq!(item, ItemType::Unit);
    let unit: UnitType = serde_json::from_str(r#""Bunch""#).unwrap();
    assert_eq!(unit, UnitType::Bunch);
    let other: UnitType = serde_json::from_str(r#""bunch""#).unwrap();
    assert!(matches!(other, UnitType::Unknown(_)));
}
