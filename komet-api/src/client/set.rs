//! Several tokens for one job: Komet methods accept only some token kinds (checkout takes a
//! user token, purchase-order confirmation a company one), so a job that does both holds one
//! client per kind and picks, per method, the first that may call it.

use super::Client;
use crate::Error;
use crate::meta::{MethodMeta, TokenKind};

/// Clients with different tokens, tried in the order they were added.
///
/// ```no_run
/// # async fn run() -> Result<(), komet_api::Error> {
/// use komet_api::{Client, ClientSet, QuotaCounter, Token, TokenKind};
/// use komet_api::invoices::{InvoiceVoidRequest, INVOICE_VOID};
///
/// // One Komet user, one daily quota for both tokens.
/// let quota = QuotaCounter::new(1000);
/// let company = Client::builder(Token::new("company-token"), TokenKind::Company)
///     .quota_counter(quota.clone())
///     .build()?;
/// let user = Client::builder(Token::new("user-token"), TokenKind::User)
///     .quota_counter(quota.clone())
///     .build()?;
/// let clients = ClientSet::new([user, company]);
/// let void = InvoiceVoidRequest::builder().invoice_number("003429").reason("customer cancelled").build();
/// clients.for_method(&INVOICE_VOID)?.invoice_void(&void).await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct ClientSet {
    clients: Vec<Client>,
}

impl ClientSet {
    /// The clients, in order of preference.
    pub fn new(clients: impl IntoIterator<Item = Client>) -> Self {
        ClientSet {
            clients: clients.into_iter().collect(),
        }
    }

    /// The first client whose token kind `method` accepts, or
    /// [`Error::NoTokenForMethod`] naming the kinds held and the kinds needed.
    pub fn for_method(&self, method: &'static MethodMeta) -> Result<&Client, Error> {
        self.clients
            .iter()
            .find(|c| method.tokens.contains(&c.token_kind()))
            .ok_or_else(|| Error::NoTokenForMethod {
                method: method.name,
                held: self.kinds(),
                allowed: method.tokens,
            })
    }

    /// The client of the method with this wire name (`invoice.void`), as
    /// [`for_method`](Self::for_method) picks it.
    pub fn for_method_named(&self, name: &str) -> Result<&Client, Error> {
        let entry =
            crate::registry::find(name).ok_or_else(|| Error::UnknownMethod(name.to_owned()))?;
        self.for_method(entry.meta)
    }

    /// The kinds of the tokens held, in order.
    pub fn kinds(&self) -> Vec<TokenKind> {
        self.clients.iter().map(Client::token_kind).collect()
    }
}
