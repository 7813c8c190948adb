//! Internal macros that declare the wire models: one struct per JSON object, with constructor and setters.

/// Declares a request model: a `#[non_exhaustive]` struct whose required fields go through `new`
/// and whose optional fields are `Option`s, omitted from JSON when unset, each with a chainable setter.
///
/// Optional field kinds (they pick the stored type and the setter's argument):
/// - `text()`: `String`, setter takes `impl Into<String>`;
/// - `keys()`: `Vec<String>`, setter takes any iterable of `Into<String>`;
/// - `list(T)`: `Vec<T>`, setter takes `Vec<T>`; a `/ push_x` suffix adds a method appending one item;
/// - `value(T)`: `T`, setter takes `T`;
/// - `nullable(T)`: `Nullable<T>` (absent, null or a value), setter takes `impl Into<Nullable<T>>`.
///
/// - `into(T)`: `T`, setter takes `impl Into<T>`.
///
/// Optional fields reject an explicit JSON `null` unless they are `nullable`, as the API does.
///
/// Reading accepts only a JSON object (serde's derived struct impl would also take an array, fields by
/// position): `Deserialize` is derived on a private shadow struct with the same fields, and the public
/// struct's impl asks for a map and hands it to the shadow (see `wire::object_only`).
macro_rules! request_model {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( required {
                $( $(#[doc = $rdoc:literal])* $req:ident : $rty:ty, )*
            } )?
            $( optional {
                $( $(#[doc = $odoc:literal])* $opt:ident : $kind:ident ( $($arg:ty)? ) => $setter:ident $( / $push:ident )?, )*
            } )?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, ::serde::Serialize)]
        #[non_exhaustive]
        pub struct $name {
            $($(
                $(#[doc = $rdoc])*
                pub $req: $rty,
            )*)?
            $($(
                $(#[doc = $odoc])*
                #[serde(skip_serializing_if = "Option::is_none")]
                pub $opt: Option<request_model!(@ty $kind ($($arg)?))>,
            )*)?
        }

        const _: () = {
            /// The fields of the public struct as serde's derive reads them (from a map only, see below).
            #[derive(::serde::Deserialize)]
            #[serde(deny_unknown_fields)]
            struct Shadow {
                $($(
                    $req: $rty,
                )*)?
                $($(
                    #[serde(default, deserialize_with = "crate::wire::some")]
                    $opt: Option<request_model!(@ty $kind ($($arg)?))>,
                )*)?
            }

            impl<'de> ::serde::Deserialize<'de> for $name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let shadow: Shadow = $crate::wire::object_only(deserializer)?;
                    Ok(Self {
                        $($( $req: shadow.$req, )*)?
                        $($( $opt: request_model!(@tidy $kind shadow.$opt), )*)?
                    })
                }
            }
        };

        impl $name {
            #[doc = concat!("A `", stringify!($name), "` with its required fields set and every optional field unset.")]
            #[allow(clippy::new_without_default)]
            pub fn new($($( $req: impl Into<$rty> ),*)?) -> Self {
                Self {
                    $($( $req: $req.into(), )*)?
                    $($( $opt: None, )*)?
                }
            }

            $($(
                request_model!(@setter $kind ($($arg)?) $opt $setter);
                request_model!(@push $kind ($($arg)?) $opt [$($push)?]);
            )*)?
        }
    };

    (@tidy list $e:expr) => { $crate::wire::tight($e) };
    (@tidy keys $e:expr) => { $crate::wire::tight($e) };
    (@tidy $kind:ident $e:expr) => { $e };

    (@ty text ()) => { String };
    (@ty keys ()) => { Vec<String> };
    (@ty list ($t:ty)) => { Vec<$t> };
    (@ty value ($t:ty)) => { $t };
    (@ty nullable ($t:ty)) => { $crate::Nullable<$t> };
    (@ty into ($t:ty)) => { $t };

    (@setter text () $opt:ident $setter:ident) => {
        #[doc = concat!("Sets `", stringify!($opt), "`.")]
        #[must_use]
        pub fn $setter(mut self, value: impl Into<String>) -> Self {
            self.$opt = Some(value.into());
            self
        }
    };
    (@setter keys () $opt:ident $setter:ident) => {
        #[doc = concat!("Sets `", stringify!($opt), "` (an empty iterator sets an empty list).")]
        #[must_use]
        pub fn $setter<I, S>(mut self, keys: I) -> Self
        where
            I: IntoIterator<Item = S>,
            S: Into<String>,
        {
            self.$opt = Some(keys.into_iter().map(Into::into).collect());
            self
        }
    };
    (@setter list ($t:ty) $opt:ident $setter:ident) => {
        #[doc = concat!("Sets `", stringify!($opt), "`, replacing any items already there.")]
        #[must_use]
        pub fn $setter(mut self, items: Vec<$t>) -> Self {
            self.$opt = Some(items);
            self
        }
    };
    (@setter value ($t:ty) $opt:ident $setter:ident) => {
        #[doc = concat!("Sets `", stringify!($opt), "`.")]
        #[must_use]
        pub fn $setter(mut self, value: $t) -> Self {
            self.$opt = Some(value);
            self
        }
    };
    (@setter into ($t:ty) $opt:ident $setter:ident) => {
        #[doc = concat!("Sets `", stringify!($opt), "`.")]
        #[must_use]
        pub fn $setter(mut self, value: impl Into<$t>) -> Self {
            self.$opt = Some(value.into());
            self
        }
    };
    (@setter nullable ($t:ty) $opt:ident $setter:ident) => {
        #[doc = concat!("Sets `", stringify!($opt), "` to a value or, with `Nullable::Null`, to an explicit `null`.")]
        #[must_use]
        pub fn $setter(mut self, value: impl Into<$crate::Nullable<$t>>) -> Self {
            self.$opt = Some(value.into());
            self
        }
    };

    (@push $kind:ident ($($t:ty)?) $opt:ident []) => {};
    (@push list ($t:ty) $opt:ident [$push:ident]) => {
        #[doc = concat!("Appends one item to `", stringify!($opt), "`, creating the list if unset.")]
        #[must_use]
        pub fn $push(mut self, item: $t) -> Self {
            self.$opt.get_or_insert_with(Vec::new).push(item);
            self
        }
    };
}

/// Declares a string enum the server may grow: known variants plus `Unknown(String)`, read and written as
/// the plain JSON string, with `as_str`, `From<&str>`, `FromStr` and `Display`.
macro_rules! open_string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[doc = $vdoc:literal])* $variant:ident = $text:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[doc = $vdoc])* $variant, )*
            /// A value this version of the SDK does not know; kept verbatim so it round-trips.
            /// Build it with `From<&str>` so that known values map to their own variant.
            Unknown(String),
        }

        impl $name {
            /// Every value this version of the SDK knows, in the order of the contract.
            pub const KNOWN: &'static [&'static str] = &[$( $text ),*];

            /// The wire string.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $text, )*
                    Self::Unknown(raw) => raw,
                }
            }

            /// Whether this is a value the contract lists (not `Unknown`).
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }
        }

        impl From<&str> for $name {
            fn from(raw: &str) -> Self {
                match raw {
                    $( $text => Self::$variant, )*
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl From<String> for $name {
            fn from(raw: String) -> Self {
                match raw.as_str() {
                    $( $text => Self::$variant, )*
                    _ => Self::Unknown(raw),
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(raw: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(raw))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let raw = String::deserialize(deserializer)?;
                Ok(Self::from(raw))
            }
        }
    };
}
