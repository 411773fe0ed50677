//! The tokens the sandbox accepts and what each one may do.

use komet_api::{TokenKind, ValidationContext};

/// One token the sandbox accepts, with the facts Komet would know about its owner.
#[derive(Clone, PartialEq, Eq)]
pub struct Account {
    /// The token string callers send.
    pub token: String,
    /// What kind of token it is.
    pub kind: TokenKind,
    /// The token has Transactional API Access.
    pub transactional_access: bool,
    /// The company works in multi-location mode.
    pub multi_location: bool,
    /// Company settings that are on (keys as in the spec).
    pub settings: Vec<&'static str>,
    /// The company id expected in `X-ACCOUNT`.
    pub company_id: i64,
    /// For vendor tokens, the vendor they belong to; for customer tokens, the customer; for
    /// user tokens, the user's id (customers name their salesperson by it).
    pub party_id: Option<i64>,
}

// Tokens are secrets even in a sandbox: a user may load real-looking ones from a fixture.
impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account")
            .field("token", &"[redacted]")
            .field("kind", &self.kind)
            .field("transactional_access", &self.transactional_access)
            .field("multi_location", &self.multi_location)
            .field("settings", &self.settings)
            .field("company_id", &self.company_id)
            .field("party_id", &self.party_id)
            .finish()
    }
}

/// The company id of the demo accounts, to send as `X-ACCOUNT`.
pub const DEMO_COMPANY_ID: i64 = 1001;

impl Account {
    /// An account of `kind` with this token and no special rights.
    pub fn new(token: impl Into<String>, kind: TokenKind) -> Self {
        Account {
            token: token.into(),
            kind,
            transactional_access: false,
            multi_location: false,
            settings: Vec::new(),
            company_id: DEMO_COMPANY_ID,
            party_id: None,
        }
    }

    /// The demo accounts: one per token kind, printed by the command-line server.
    ///
    /// The company and user tokens have Transactional API Access; the vendor token belongs to
    /// the seed vendor 3001 and the customer token to the seed customer 2001.
    pub fn demo() -> Vec<Account> {
        let mut company = Account::new("demo-company-token", TokenKind::Company);
        company.transactional_access = true;
        let mut vendor = Account::new("demo-vendor-token", TokenKind::Vendor);
        vendor.party_id = Some(3001);
        let mut customer = Account::new("demo-customer-token", TokenKind::Customer);
        customer.party_id = Some(2001);
        let mut user = Account::new("demo-user-token", TokenKind::User);
        user.transactional_access = true;
        vec![company, vendor, customer, user]
    }

    /// What the validators need to know about this caller.
    pub fn validation_context(&self) -> ValidationContext {
        ValidationContext {
            token_kind: Some(self.kind),
            multi_location: self.multi_location,
            transactional_access: self.transactional_access,
            settings: self.settings.clone(),
        }
    }
}
