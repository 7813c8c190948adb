//! People with contact details: guests, residents, tenants, users and user identities.

request_model! {
    /// A guest (`customer_data.guests[]`).
    pub struct Guest {
        required {
            /// Your key for the guest; not empty.
            guest_key: String,
            /// Display name.
            name: String,
        }
        optional {
            /// Email address.
            email_address: text() => with_email_address,
            /// Phone number.
            phone_number: text() => with_phone_number,
        }
    }
}

request_model! {
    /// A resident (`customer_data.residents[]`).
    pub struct Resident {
        required {
            /// Your key for the resident; not empty.
            resident_key: String,
            /// Display name.
            name: String,
        }
        optional {
            /// Email address.
            email_address: text() => with_email_address,
            /// Phone number.
            phone_number: text() => with_phone_number,
        }
    }
}

request_model! {
    /// A tenant (`customer_data.tenants[]`).
    pub struct Tenant {
        required {
            /// Your key for the tenant; not empty.
            tenant_key: String,
            /// Display name.
            name: String,
        }
        optional {
            /// Email address.
            email_address: text() => with_email_address,
            /// Phone number.
            phone_number: text() => with_phone_number,
        }
    }
}

request_model! {
    /// A user (`customer_data.users[]`).
    pub struct User {
        required {
            /// Your key for the user; not empty.
            user_key: String,
            /// Display name.
            name: String,
        }
        optional {
            /// Email address.
            email_address: text() => with_email_address,
            /// Phone number.
            phone_number: text() => with_phone_number,
        }
    }
}

request_model! {
    /// A user identity (`customer_data.user_identities[]`).
    pub struct UserIdentity {
        required {
            /// Your key for the user identity; not empty.
            user_identity_key: String,
            /// Display name.
            name: String,
        }
        optional {
            /// Email address.
            email_address: text() => with_email_address,
            /// Phone number.
            phone_number: text() => with_phone_number,
        }
    }
}
