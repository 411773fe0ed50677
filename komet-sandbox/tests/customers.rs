//! Customers, ship-tos and contacts: creates, updates and deletes are visible to the lists,
//! through the typed komet-api client; unknown ids are refused by name.

use chrono::Utc;
use komet_api::common::{CustomerChargeAmountType, CustomerServiceWeekday};
use komet_api::customers::{
    CustomerAddRequest, CustomerAdditionalChargeUpdateRequest, CustomerByCompanyListRequest,
    CustomerByUserListRequest, CustomerContactAddRequest, CustomerContactDeleteRequest,
    CustomerContactListRequest, CustomerContactUpdateRequest,
    CustomerDayServiceUpdateDayOfServiceMassUpdateListItem as ServiceDay,
    CustomerDayServiceUpdateRequest, CustomerDetailsGetRequest, CustomerListRequest,
    CustomerRewardSetRequest, CustomerShiptoAddRequest, CustomerShiptoDeleteRequest,
    CustomerShiptoListRequest, CustomerShiptoUpdateRequest, CustomerUpdateRequest,
};
use komet_api::{Error, TokenKind};
use komet_sandbox::{Account, Sandbox};
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// The message of a refusal (`status: 0`), or a panic naming what came instead.
fn refusal<T: std::fmt::Debug>(result: Result<T, Error>) -> String {
    match result {
        Err(Error::Api { message, .. }) => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn by_code(code: &str) -> CustomerListRequest {
    let mut request = CustomerListRequest::default();
    request.code = Some(code.into());
    request
}

fn of_customer(customer_id: i64) -> CustomerShiptoListRequest {
    let mut request = CustomerShiptoListRequest::default();
    request.customer_id = Some(customer_id.into());
    request
}

#[tokio::test]
async fn a_new_customer_is_listed_updated_and_deactivated() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = sandbox.client(TokenKind::Company).build().unwrap();

    let mut add = CustomerAddRequest::builder().name("Sunrise Blooms").build();
    add.code = Some("SUNR".into());
    add.phone = Some("786-555-0110".into());
    add.credit_limit = Some(Decimal::new(250_000, 2));
    client.customer_add(&add).await.unwrap();

    let listed = client.customer_list(&by_code("sunr")).await.unwrap();
    let customers = listed.customers.unwrap();
    assert_eq!(customers.len(), 1, "{customers:?}");
    let id = customers[0].id.expect("the new customer's id");
    assert!(id > 2003.into(), "new ids follow the seed: {id}");
    assert_eq!(customers[0].name.as_deref(), Some("Sunrise Blooms"));
    assert_eq!(customers[0].active, Some(true));
    let updated = customers[0].updated_on.expect("updatedOn");
    assert_eq!(updated.date(), Utc::now().date_naive());

    let details = client
        .customer_details_get(&CustomerDetailsGetRequest::builder().customer_id(id).build())
        .await
        .unwrap()
        .customer
        .unwrap();
    assert_eq!(details.len(), 1);
    assert_eq!(details[0].phone.as_deref(), Some("786-555-0110"));
    assert_eq!(details[0].credit_limit, Some(Decimal::new(2500, 0)));

    let user = sandbox.client(TokenKind::User).build().unwrap();
    let everyone = user
        .customer_by_company_list(&CustomerByCompanyListRequest::default())
        .await
        .unwrap()
        .customer_result
        .unwrap();
    let names: Vec<_> = everyone
        .iter()
        .filter(|c| c.customer_id == Some(id))
        .filter_map(|c| c.customer_name.as_deref())
        .collect();
    assert_eq!(names, ["Sunrise Blooms"]);
    assert_eq!(everyone.len(), 4, "three seed customers and the new one");

    // Renamed and deactivated: gone from the default list, back with includeInactive.
    let mut update = CustomerUpdateRequest::builder()
        .customer_id(id)
        .name("Sunrise Blooms Ltd")
        .build();
    update.active = Some(false);
    client.customer_update(&update).await.unwrap();
    let active = client.customer_list(&by_code("SUNR")).await.unwrap();
    assert_eq!(active.customers.unwrap().len(), 0);
    let mut all = by_code("SUNR");
    all.include_inactive = Some(true);
    let customers = client.customer_list(&all).await.unwrap().customers.unwrap();
    assert_eq!(customers[0].name.as_deref(), Some("Sunrise Blooms Ltd"));
    assert_eq!(customers[0].active, Some(false));

    // Only customers changed since a date: the seed was last changed on 2026-11-01.
    let mut recent = CustomerListRequest::default();
    recent.update_as_of = Some(Utc::now().date_naive());
    recent.include_inactive = Some(true);
    let ids: Vec<_> = client
        .customer_list(&recent)
        .await
        .unwrap()
        .customers
        .unwrap()
        .into_iter()
        .filter_map(|c| c.id)
        .collect();
    assert_eq!(ids, [id]);
}

#[tokio::test]
async fn customer_refusals_name_the_id_or_code() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = sandbox.client(TokenKind::Company).build().unwrap();

    let mut duplicate = CustomerAddRequest::builder().name("Another Bloom").build();
    duplicate.code = Some("bloom".into());
    let message = refusal(client.customer_add(&duplicate).await);
    assert!(message.contains("\"bloom\""), "{message}");

    let message = refusal(
        client
            .customer_update(
                &CustomerUpdateRequest::builder()
                    .customer_id(999_999)
                    .name("Ghost")
                    .build(),
            )
            .await,
    );
    assert_eq!(message, "customerId 999999 was not found");

    let mut taken = CustomerUpdateRequest::builder()
        .customer_id(2002)
        .name("Garden Route")
        .build();
    taken.code = Some("EVG".into());
    let message = refusal(client.customer_update(&taken).await);
    assert!(message.contains("\"EVG\""), "{message}");

    let message = refusal(
        client
            .customer_details_get(
                &CustomerDetailsGetRequest::builder()
                    .customer_id(424_242)
                    .build(),
            )
            .await,
    );
    assert!(message.contains("424242"), "{message}");
    let message = refusal(
        client
            .customer_reward_set(
                &CustomerRewardSetRequest::builder()
                    .customer_id(5)
                    .value(10)
                    .build(),
            )
            .await,
    );
    assert_eq!(message, "customerId 5 was not found");
}

#[tokio::test]
async fn ship_tos_are_added_listed_updated_and_deleted() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = sandbox.client(TokenKind::Company).build().unwrap();

    let mut add = CustomerShiptoAddRequest::builder()
        .customer_id(2002)
        .name("Garden Route store 7")
        .build();
    add.city = Some("Savannah".into());
    add.carrier_id = Some(1801.into());
    let added = client.customer_shipto_add(&add).await.unwrap();
    let id = added.ship_to_id.expect("the new ship-to's id");

    let ship_tos = client
        .customer_shipto_list(&of_customer(2002))
        .await
        .unwrap()
        .shiptos
        .unwrap();
    let ids: Vec<_> = ship_tos.iter().filter_map(|s| s.id).collect();
    assert_eq!(ids, [2502.into(), id]);
    let new = &ship_tos[1];
    assert_eq!(new.name.as_deref(), Some("Garden Route store 7"));
    assert_eq!(new.city.as_deref(), Some("Savannah"));
    assert_eq!(new.carrier_name.as_deref(), Some("FedEx Priority"));
    assert_eq!(new.carrier_code.as_deref(), Some("FDX"));
    assert_eq!(new.updated_as_of, Some(Utc::now().date_naive()));

    let mut update = CustomerShiptoUpdateRequest::builder()
        .ship_to_id(id)
        .customer_id(2002)
        .build();
    update.carrier_id = Some(1802.into());
    update.carrier_account = Some("CCT-88".into());
    let updated = client.customer_shipto_update(&update).await.unwrap();
    assert_eq!(updated.ship_to_id, Some(id));
    let mut by_name = CustomerShiptoListRequest::default();
    by_name.name = Some("STORE 7".into());
    let found = client
        .customer_shipto_list(&by_name)
        .await
        .unwrap()
        .shiptos
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].city.as_deref(), Some("Savannah"), "kept");
    assert_eq!(found[0].carrier_name.as_deref(), Some("Coldchain Trucking"));
    assert_eq!(found[0].carrier_account.as_deref(), Some("CCT-88"));

    client
        .customer_shipto_delete(
            &CustomerShiptoDeleteRequest::builder()
                .ship_to_id(id)
                .build(),
        )
        .await
        .unwrap();
    let left = client
        .customer_shipto_list(&of_customer(2002))
        .await
        .unwrap()
        .shiptos
        .unwrap();
    assert_eq!(left.iter().filter_map(|s| s.id).collect::<Vec<_>>(), [2502]);
    let message = refusal(
        client
            .customer_shipto_delete(
                &CustomerShiptoDeleteRequest::builder()
                    .ship_to_id(id)
                    .build(),
            )
            .await,
    );
    assert_eq!(message, format!("shipToId {id} was not found"));
}

#[tokio::test]
async fn ship_to_refusals_name_the_id() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = sandbox.client(TokenKind::Company).build().unwrap();

    let message = refusal(
        client
            .customer_shipto_add(
                &CustomerShiptoAddRequest::builder()
                    .customer_id(999)
                    .name("Nowhere")
                    .build(),
            )
            .await,
    );
    assert_eq!(message, "customerId 999 was not found");
    let mut bad_carrier = CustomerShiptoAddRequest::builder()
        .customer_id(2001)
        .name("Second shop")
        .build();
    bad_carrier.carrier_id = Some(1899.into());
    let message = refusal(client.customer_shipto_add(&bad_carrier).await);
    assert_eq!(message, "carrierId 1899 was not found");

    // Ship-to 2501 belongs to customer 2001.
    let message = refusal(
        client
            .customer_shipto_update(
                &CustomerShiptoUpdateRequest::builder()
                    .ship_to_id(2501)
                    .customer_id(2002)
                    .build(),
            )
            .await,
    );
    assert_eq!(message, "ship-to 2501 does not belong to customer 2002");
    let message = refusal(
        client
            .customer_shipto_update(
                &CustomerShiptoUpdateRequest::builder()
                    .ship_to_id(2599)
                    .customer_id(2001)
                    .build(),
            )
            .await,
    );
    assert_eq!(message, "shipToId 2599 was not found");
    let message = refusal(client.customer_shipto_list(&of_customer(777)).await);
    assert_eq!(message, "customer 777 was not found");

    // Nothing was stored by the refused calls.
    assert_eq!(sandbox.with_store(|s| s.table("shipTos").len()), 2);
}

#[tokio::test]
async fn contacts_are_added_listed_updated_and_deleted() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = sandbox.client(TokenKind::Company).build().unwrap();

    let mut add = CustomerContactAddRequest::builder()
        .customer_id(2003)
        .name("Omar Vidal")
        .r#type("A/P")
        .build();
    add.email = Some("omar@evergreen.example".into());
    add.email_pod = Some(true);
    let id = client
        .customer_contact_add(&add)
        .await
        .unwrap()
        .contact_id
        .expect("the new contact's id");

    let contacts = client
        .customer_contact_list(
            &CustomerContactListRequest::builder()
                .customer_id(2003)
                .build(),
        )
        .await
        .unwrap()
        .contacts
        .unwrap();
    assert_eq!(contacts.len(), 1);
    assert_eq!(contacts[0].id, Some(id));
    assert_eq!(contacts[0].name.as_deref(), Some("Omar Vidal"));
    assert_eq!(contacts[0].r#type.as_deref(), Some("A/P"));
    assert_eq!(contacts[0].email_pod, Some(true));

    // A phone longer than the list shows (add takes 200 characters, the list 50).
    let mut update = CustomerContactUpdateRequest::builder()
        .customer_id(2003)
        .contact_id(id)
        .name("Omar Vidal Ruiz")
        .r#type("Buyer")
        .build();
    update.email_pod = Some(false);
    update.phone = Some("9".repeat(60));
    let updated = client.customer_contact_update(&update).await.unwrap();
    assert_eq!(updated.contact_id, Some(id));
    let contact = &client
        .customer_contact_list(
            &CustomerContactListRequest::builder()
                .customer_id(2003)
                .build(),
        )
        .await
        .unwrap()
        .contacts
        .unwrap()[0];
    assert_eq!(contact.name.as_deref(), Some("Omar Vidal Ruiz"));
    assert_eq!(contact.r#type.as_deref(), Some("Buyer"));
    assert_eq!(contact.email_pod, Some(false));
    assert_eq!(contact.email.as_deref(), Some("omar@evergreen.example"));
    assert_eq!(contact.phone.as_deref(), Some("9".repeat(50).as_str()));

    client
        .customer_contact_delete(
            &CustomerContactDeleteRequest::builder()
                .contact_id(id)
                .build(),
        )
        .await
        .unwrap();
    let left = client
        .customer_contact_list(
            &CustomerContactListRequest::builder()
                .customer_id(2003)
                .build(),
        )
        .await
        .unwrap()
        .contacts
        .unwrap();
    assert!(left.is_empty(), "{left:?}");
    let message = refusal(
        client
            .customer_contact_delete(
                &CustomerContactDeleteRequest::builder()
                    .contact_id(id)
                    .build(),
            )
            .await,
    );
    assert_eq!(message, format!("contactId {id} was not found"));
}

#[tokio::test]
async fn contact_refusals_name_the_id_or_type() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = sandbox.client(TokenKind::Company).build().unwrap();

    let unknown_type = CustomerContactAddRequest::builder()
        .customer_id(2001)
        .name("Ana")
        .r#type("Florist")
        .build();
    let message = refusal(client.customer_contact_add(&unknown_type).await);
    assert!(message.contains("\"Florist\""), "{message}");
    let message = refusal(
        client
            .customer_contact_add(
                &CustomerContactAddRequest::builder()
                    .customer_id(31)
                    .name("Ana")
                    .r#type("Buyer")
                    .build(),
            )
            .await,
    );
    assert_eq!(message, "customerId 31 was not found");
    // Contact 2801 belongs to customer 2001.
    let moved = CustomerContactUpdateRequest::builder()
        .customer_id(2002)
        .contact_id(2801)
        .name("Lena")
        .r#type("Buyer")
        .build();
    let message = refusal(client.customer_contact_update(&moved).await);
    assert_eq!(message, "contact 2801 does not belong to customer 2002");
    let message = refusal(
        client
            .customer_contact_list(&CustomerContactListRequest::builder().customer_id(4).build())
            .await,
    );
    assert_eq!(message, "customerId 4 was not found");
}

#[tokio::test]
async fn days_of_service_charges_and_points_are_kept_on_the_customer() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = sandbox.client(TokenKind::Company).build().unwrap();

    let mut monday = ServiceDay::builder()
        .carrier_id(1801)
        .day_of_service(CustomerServiceWeekday::Monday)
        .carrier_code("null")
        .build();
    monday.transit_days = Some(2);
    let thursday = ServiceDay::builder()
        .carrier_id(1802)
        .day_of_service(CustomerServiceWeekday::Thursday)
        .carrier_code("CCT")
        .build();
    let mut days = CustomerDayServiceUpdateRequest::builder()
        .day_of_service_mass_update_list(vec![monday, thursday])
        .build();
    days.id_customer_list = Some(vec![2001.into(), 2002.into(), 999_999.into()]);
    let answer = client.customer_day_service_update(&days).await.unwrap();
    // Like Komet's own sample: success, naming the customer it did not find.
    assert!(
        answer
            .message
            .unwrap()
            .contains("Not found Customer -> 999999"),
        "unknown customers are named"
    );

    // Setting Monday on FedEx again replaces it rather than adding a second one.
    let mut again = CustomerDayServiceUpdateRequest::builder()
        .day_of_service_mass_update_list(vec![
            ServiceDay::builder()
                .carrier_id(1801)
                .day_of_service(CustomerServiceWeekday::Monday)
                .carrier_code("FDX")
                .build(),
        ])
        .build();
    again.id_customer_list = Some(vec![2001.into()]);
    client.customer_day_service_update(&again).await.unwrap();

    let mut charge = CustomerAdditionalChargeUpdateRequest::builder()
        .customer_id(2001)
        .additional_charge_code("DEL")
        .build();
    charge.amount_value = Some(Decimal::new(10, 0));
    charge.amount_type = Some(CustomerChargeAmountType::Amount);
    let answer = client
        .customer_additional_charge_update(&charge)
        .await
        .unwrap();
    assert_eq!(answer.status, Some(true));
    charge.amount_type = Some(CustomerChargeAmountType::Percent);
    client
        .customer_additional_charge_update(&charge)
        .await
        .unwrap();

    for points in [120, 80] {
        client
            .customer_reward_set(
                &CustomerRewardSetRequest::builder()
                    .customer_id(2001)
                    .value(points)
                    .build(),
            )
            .await
            .unwrap();
    }

    let (bloom, garden) = sandbox.with_store(|store| {
        let customers = store.table("customers");
        (
            customers.get(2001).unwrap().clone(),
            customers.get(2002).unwrap().clone(),
        )
    });
    assert_eq!(
        bloom["daysOfService"],
        json!([
            {"carrierId": 1802, "carrierCode": "CCT", "dayOfService": "4"},
            {"carrierId": 1801, "carrierCode": "FDX", "dayOfService": "1"},
        ])
    );
    assert_eq!(
        garden["daysOfService"][0],
        json!({"carrierId": 1801, "carrierCode": "FDX", "dayOfService": "1", "transitDays": 2})
    );
    assert_eq!(bloom["additionalCharges"].as_array().unwrap().len(), 1);
    assert_eq!(bloom["additionalCharges"][0]["additionalChargeCode"], "DEL");
    assert_eq!(bloom["additionalCharges"][0]["amountType"], "%");
    assert_eq!(bloom["rewardPoints"], json!(80), "set replaces the balance");
    assert_ne!(bloom["updatedOn"], json!("2026-11-01 09:00:00"));
}

#[tokio::test]
async fn day_service_refusals_name_the_ids() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = sandbox.client(TokenKind::Company).build().unwrap();
    let line = || {
        ServiceDay::builder()
            .carrier_id(1801)
            .day_of_service(CustomerServiceWeekday::Friday)
            .carrier_code("FDX")
            .build()
    };

    let mut nobody = CustomerDayServiceUpdateRequest::builder()
        .day_of_service_mass_update_list(vec![line()])
        .build();
    nobody.id_customer_list = Some(vec![8.into(), 9.into()]);
    let message = refusal(client.customer_day_service_update(&nobody).await);
    assert_eq!(message, "Not found Customer -> 8, 9");

    let mut bad_carrier = CustomerDayServiceUpdateRequest::builder()
        .day_of_service_mass_update_list(vec![
            ServiceDay::builder()
                .carrier_id(1777)
                .day_of_service(CustomerServiceWeekday::Friday)
                .carrier_code("XX")
                .build(),
        ])
        .build();
    bad_carrier.id_customer_list = Some(vec![2001.into()]);
    let message = refusal(client.customer_day_service_update(&bad_carrier).await);
    assert_eq!(
        message,
        "dayOfServiceMassUpdateList[0].carrierId 1777 was not found"
    );

    let mut too_many = CustomerDayServiceUpdateRequest::builder()
        .day_of_service_mass_update_list(vec![line()])
        .build();
    too_many.id_customer_list = Some((1..=51).map(Into::into).collect());
    let message = refusal(client.customer_day_service_update(&too_many).await);
    assert!(message.contains("at most 50"), "{message}");

    let message = refusal(
        client
            .customer_day_service_update(
                &CustomerDayServiceUpdateRequest::builder()
                    .day_of_service_mass_update_list(vec![line()])
                    .build(),
            )
            .await,
    );
    assert!(message.contains("idCustomerList"), "{message}");

    let untouched = sandbox.with_store(|s| s.table("customers").get(2001).unwrap().clone());
    assert_eq!(untouched.get("daysOfService"), None);
}

#[tokio::test]
async fn a_vendor_token_sees_the_customers_and_ship_tos_but_cannot_change_them() {
    let sandbox = Sandbox::start().await.unwrap();
    let company = sandbox.client(TokenKind::Company).build().unwrap();
    let vendor = sandbox.client(TokenKind::Vendor).build().unwrap();

    let mut add = CustomerAddRequest::builder().name("Petal Lane").build();
    add.code = Some("PETAL".into());
    company.customer_add(&add).await.unwrap();
    let customers = vendor
        .customer_list(&by_code("PETAL"))
        .await
        .unwrap()
        .customers
        .unwrap();
    assert_eq!(customers.len(), 1);
    assert_eq!(customers[0].name.as_deref(), Some("Petal Lane"));
    let id = customers[0].id.unwrap();

    let ship_to = company
        .customer_shipto_add(
            &CustomerShiptoAddRequest::builder()
                .customer_id(id)
                .name("Petal Lane dock")
                .build(),
        )
        .await
        .unwrap()
        .ship_to_id
        .unwrap();
    let seen = vendor
        .customer_shipto_list(&of_customer(id.get()))
        .await
        .unwrap()
        .shiptos
        .unwrap();
    assert_eq!(
        seen.iter().filter_map(|s| s.id).collect::<Vec<_>>(),
        [ship_to]
    );

    // Changes and contacts are company-only: the client does not even send them.
    let denied = vendor
        .customer_add(
            &CustomerAddRequest::builder()
                .name("Farm-made customer")
                .build(),
        )
        .await;
    assert!(
        matches!(denied, Err(Error::TokenKindNotAllowed { .. })),
        "{denied:?}"
    );
    let denied = vendor
        .customer_contact_list(
            &CustomerContactListRequest::builder()
                .customer_id(id)
                .build(),
        )
        .await;
    assert!(
        matches!(denied, Err(Error::TokenKindNotAllowed { .. })),
        "{denied:?}"
    );
}

#[tokio::test]
async fn a_customer_token_reads_only_its_own_details() {
    let sandbox = Sandbox::start().await.unwrap();
    let customer = sandbox.client(TokenKind::Customer).build().unwrap();

    let own = customer
        .customer_details_get(
            &CustomerDetailsGetRequest::builder()
                .customer_id(2001)
                .build(),
        )
        .await
        .unwrap()
        .customer
        .unwrap();
    assert_eq!(own[0].name.as_deref(), Some("Bloom & Petal Florist"));
    assert_eq!(own[0].code.as_deref(), Some("BLOOM"));
    let message = refusal(
        customer
            .customer_details_get(
                &CustomerDetailsGetRequest::builder()
                    .customer_id(2002)
                    .build(),
            )
            .await,
    );
    assert!(message.contains("2002"), "{message}");
}

#[tokio::test]
async fn users_see_the_customers_assigned_and_linked_to_them() {
    // The demo user, as salesperson 401 (Dana Ruiz of the seed), linked to one more customer.
    let mut salesperson = Account::new("demo-user-token", TokenKind::User);
    salesperson.party_id = Some(401);
    let linked = json!({"customers": [{"id": 2101, "name": "Linked Florist", "active": 1,
        "salesPersonId": 402, "userIds": [401, 7]}]});
    let sandbox = Sandbox::builder()
        .account(salesperson)
        .fixture(linked)
        .start()
        .await
        .unwrap();
    let user = sandbox.client(TokenKind::User).build().unwrap();

    let mut mine = CustomerByCompanyListRequest::default();
    mine.show_salesperson_customers = Some(true);
    let assigned: Vec<_> = user
        .customer_by_company_list(&mine)
        .await
        .unwrap()
        .customer_result
        .unwrap()
        .into_iter()
        .filter_map(|c| c.customer_id)
        .collect();
    assert_eq!(assigned, [2001, 2002]);

    let result = user
        .customer_by_user_list(&CustomerByUserListRequest::default())
        .await
        .unwrap()
        .customer_result
        .unwrap();
    assert_eq!(result.len(), 1);
    assert_eq!(result[0].customer_id, Some(2101.into()));
    assert_eq!(result[0].customer_name.as_deref(), Some("Linked Florist"));
    assert_eq!(result[0].user_id, Some(401.into()));
    assert_eq!(
        result[0].company_id,
        Some(komet_sandbox::DEMO_COMPANY_ID.into())
    );
}

#[tokio::test]
async fn the_demo_user_has_no_assigned_or_linked_customers() {
    let sandbox = Sandbox::start().await.unwrap();
    let user = sandbox.client(TokenKind::User).build().unwrap();
    let mut mine = CustomerByCompanyListRequest::default();
    mine.show_salesperson_customers = Some(true);
    let assigned = user.customer_by_company_list(&mine).await.unwrap();
    assert_eq!(assigned.customer_result, Some(Vec::new()));
    let linked = user
        .customer_by_user_list(&CustomerByUserListRequest::default())
        .await
        .unwrap();
    assert_eq!(linked.customer_result.map(|r| r.len()), Some(0));
}

#[tokio::test]
async fn locations_apply_to_multi_location_companies() {
    let mut company = Account::new("demo-company-token", TokenKind::Company);
    company.multi_location = true;
    company.transactional_access = true;
    let sandbox = Sandbox::builder().account(company).start().await.unwrap();
    let client = sandbox.client(TokenKind::Company).build().unwrap();

    let mut add = CustomerAddRequest::builder().name("Coast to Coast").build();
    add.code = Some("C2C".into());
    add.location_codes = Some("mia:LAX".into());
    client.customer_add(&add).await.unwrap();
    let mut miami = CustomerListRequest::default();
    miami.location_id = Some(11.into());
    let names: Vec<_> = client
        .customer_list(&miami)
        .await
        .unwrap()
        .customers
        .unwrap()
        .into_iter()
        .filter_map(|c| c.name)
        .collect();
    assert_eq!(names, ["Coast to Coast"]);

    let mut update = CustomerUpdateRequest::builder()
        .customer_id(2001)
        .name("Bloom & Petal Florist")
        .build();
    update.location_codes = Some("MIA:ORD".into());
    let message = refusal(client.customer_update(&update).await);
    assert!(message.contains("\"ORD\""), "{message}");
    let mut nowhere = CustomerListRequest::default();
    nowhere.location_id = Some(99.into());
    let message = refusal(client.customer_list(&nowhere).await);
    assert_eq!(message, "location 99 was not found");

    let stored = sandbox.with_store(|s| {
        s.table("customers")
            .find("code", &Value::from("C2C"))
            .and_then(|c| c.get("locationCodes").cloned())
    });
    assert_eq!(
        stored,
        Some(json!("MIA:LAX")),
        "codes as the locations spell them"
    );
}
