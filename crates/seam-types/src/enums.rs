//! The string enums of the portal request that the server may grow: locale and navigation mode.

open_string_enum! {
    /// The portal's display language.
    pub enum Locale {
        /// `en-US`
        EnUs = "en-US",
        /// `pt-PT`
        PtPt = "pt-PT",
        /// `fr-FR`
        FrFr = "fr-FR",
        /// `it-IT`
        ItIt = "it-IT",
        /// `es-ES`
        EsEs = "es-ES",
        /// `de-DE`
        DeDe = "de-DE",
        /// `nl-NL`
        NlNl = "nl-NL",
        /// `el-GR`
        ElGr = "el-GR",
        /// `pl-PL`
        PlPl = "pl-PL",
        /// `ru-RU`
        RuRu = "ru-RU",
    }
}

open_string_enum! {
    /// How much of the portal's navigation the visitor gets.
    pub enum NavigationMode {
        /// `full`: all navigation is shown.
        Full = "full",
        /// `restricted`: navigation is limited to the landing page's scope.
        Restricted = "restricted",
    }
}

open_string_enum! {
    /// The comparison of a customer resources filter; the contract lists only `=`.
    pub enum FilterOperation {
        /// `=`: the field equals the value.
        Equals = "=",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_and_unknown_round_trip() {
        let l: Locale = serde_json::from_str("\"fr-FR\"").unwrap();
        assert_eq!(l, Locale::FrFr);
        let u: Locale = serde_json::from_str("\"ja-JP\"").unwrap();
        assert_eq!(u, Locale::Unknown("ja-JP".into()));
        assert!(!u.is_known());
        assert_eq!(serde_json::to_string(&u).unwrap(), "\"ja-JP\"");
        assert_eq!(
            NavigationMode::from("restricted"),
            NavigationMode::Restricted
        );
        assert_eq!(Locale::KNOWN.len(), 10);
    }
}
