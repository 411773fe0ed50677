//! The catalogue a new sandbox starts with: a few customers, carriers, vendors, box types
//! (HB, QB, FB) and products (roses by variety and length, carnations by grade).
//!
//! It lives in `seed/catalogue.json`, in the same form as users' fixture files.

use crate::store::Store;

const CATALOGUE: &str = include_str!("../seed/catalogue.json");

/// Loads the seed catalogue into `store`.
pub(crate) fn load(store: &mut Store) {
    let catalogue = serde_json::from_str(CATALOGUE).expect("the seed catalogue is valid JSON");
    store
        .load(&catalogue)
        .expect("the seed catalogue fits the store's tables");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_loads() {
        let mut store = Store::default();
        load(&mut store);
        assert_eq!(store.table("boxTypes").len(), 3);
        assert!(store.table("products").len() >= 10);
        assert!(store.table("customers").get(2001).is_some());
        assert!(store.table("vendors").get(3001).is_some());
    }
}
