//! A fixture file of the user's own records loads after (or instead of) the seed, and a
//! broken one is refused with the file and the record named.

use komet_api::TokenKind;
use komet_api::carriers::CarrierListRequest;
use komet_sandbox::{Sandbox, StartError};

fn write(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("komet-sandbox-fixtures-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[tokio::test]
async fn a_fixture_file_replaces_the_seed() {
    let path = write(
        "carriers.json",
        r#"{"carriers": [{"id": 77, "code": "OWN", "name": "Our Own Trucks", "active": 1}]}"#,
    );
    let sandbox = Sandbox::builder()
        .without_seed()
        .fixture_file(&path)
        .unwrap()
        .start()
        .await
        .unwrap();
    let client = sandbox.client(TokenKind::Company).build().unwrap();
    let carriers = client
        .carrier_list(&CarrierListRequest::default())
        .await
        .unwrap()
        .carriers
        .unwrap();
    assert_eq!(carriers.len(), 1);
    assert_eq!(carriers[0].id, Some(77.into()));
    assert_eq!(carriers[0].name.as_deref(), Some("Our Own Trucks"));
}

#[tokio::test]
async fn broken_fixtures_are_refused_with_the_place() {
    let not_json = write("broken.json", "{\"carriers\": [");
    match Sandbox::builder().fixture_file(&not_json) {
        Err(StartError::Fixture { name, message }) => {
            assert!(name.ends_with("broken.json"), "{name}");
            assert!(message.starts_with("not valid JSON"), "{message}");
        }
        other => panic!("expected a fixture error, got {other:?}"),
    }
    let no_id = write("no-id.json", r#"{"carriers": [{"id": 1}, {"code": "X"}]}"#);
    let started = Sandbox::builder()
        .fixture_file(&no_id)
        .unwrap()
        .start()
        .await;
    match started {
        Err(StartError::Fixture { message, .. }) => {
            assert_eq!(message, "carriers[1]: a record has no integer `id`");
        }
        other => panic!("expected a fixture error, got {other:?}"),
    }
    assert!(
        Sandbox::builder()
            .fixture_file("/no/such/file.json")
            .is_err()
    );
}
