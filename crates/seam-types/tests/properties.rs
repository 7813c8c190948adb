//! Property tests: valid requests round-trip through JSON and pass `validate()`; breaking exactly one
//! constraint is reported at exactly that path and nowhere else. Case count follows `PROPTEST_CASES`.

use proptest::collection::{btree_map, vec};
use proptest::option;
use proptest::prelude::*;
use seam_types::*;

fn key() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9_é😀 -]{1,12}"
}

fn any_text() -> impl Strategy<Value = String> {
    "\\PC{0,16}"
}

fn timestamp() -> impl Strategy<Value = Timestamp> {
    (
        1970i32..2100,
        1u8..=12,
        1u8..=28,
        0u8..24,
        0u8..60,
        0u8..60,
        option::of("[0-9]{1,9}"),
        prop_oneof![
            Just("Z".to_owned()),
            (0u8..14, 0u8..60, any::<bool>())
                .prop_map(|(h, m, neg)| format!("{}{h:02}:{m:02}", if neg { '-' } else { '+' }))
        ],
    )
        .prop_map(|(y, mo, d, h, mi, s, frac, off)| {
            let frac = frac.map(|f| format!(".{f}")).unwrap_or_default();
            Timestamp::parse(&format!(
                "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{frac}{off}"
            ))
            .expect("generated timestamp is RFC 3339")
        })
}

fn time_of_day() -> impl Strategy<Value = String> {
    (0u8..24, 0u8..60, option::of(0u8..60)).prop_map(|(h, m, s)| match s {
        Some(s) => format!("{h:02}:{m:02}:{s:02}"),
        None => format!("{h:02}:{m:02}"),
    })
}

fn metadata() -> impl Strategy<Value = CustomMetadata> {
    btree_map(
        "[a-z_]{1,8}",
        prop_oneof![
            Just(Nullable::Null),
            any::<bool>().prop_map(|b| Nullable::Value(MetadataValue::Bool(b))),
            "\\PC{0,40}".prop_map(|s| Nullable::Value(MetadataValue::String(s))),
        ],
        0..4,
    )
}

fn nullable_text<S: Strategy<Value = String>>(
    s: S,
) -> impl Strategy<Value = Option<Nullable<String>>> {
    option::of(prop_oneof![
        Just(Nullable::Null),
        s.prop_map(Nullable::Value)
    ])
}

fn space() -> impl Strategy<Value = Space> {
    (
        any_text(),
        key(),
        option::of((
            nullable_text(any_text()),
            nullable_text(time_of_day()),
            nullable_text(time_of_day()),
            nullable_text(any_text()),
        )),
        option::of(1i64..100_000),
        option::of((-900_000i32..900_000, -1_800_000i32..1_800_000)),
        option::of(key()),
    )
        .prop_map(|(name, k, data, minutes, geo, parent)| {
            let mut s = Space::new(k, name);
            if let Some((address, checkin, checkout, tz)) = data {
                let mut d = SpaceCustomerData::new();
                d.address = address;
                d.default_checkin_time = checkin;
                d.default_checkout_time = checkout;
                d.time_zone = tz;
                s = s.with_customer_data(d);
            }
            s.duration_minutes = minutes.map(Integer::from);
            s.geolocation =
                geo.map(|(la, lo)| Geolocation::new(f64::from(la) / 1e4, f64::from(lo) / 1e4));
            s.parent_site_key = parent;
            s
        })
}

fn reservation() -> impl Strategy<Value = Reservation> {
    (
        key(),
        option::of(metadata()),
        option::of(timestamp()),
        option::of(timestamp()),
        option::of(vec(any_text(), 0..3)),
        option::of(any_text()),
    )
        .prop_map(|(k, meta, starts, ends, spaces, guest)| {
            let mut r = Reservation::new(k);
            r.custom_metadata = meta;
            r.starts_at = starts;
            r.ends_at = ends;
            r.space_keys = spaces;
            r.guest_key = guest;
            r
        })
}

fn customer_data() -> impl Strategy<Value = CustomerData> {
    (
        key(),
        option::of(vec(
            (key(), any_text()).prop_map(|(k, n)| Building::new(k, n)),
            0..3,
        )),
        option::of(vec(
            (key(), any_text(), option::of(key())).prop_map(|(k, n, p)| {
                let mut c = CommonArea::new(k, n);
                c.parent_site_key = p;
                c
            }),
            0..3,
        )),
        option::of(vec(space(), 0..3)),
        option::of(vec(reservation(), 0..3)),
        option::of(vec(
            (any_text(), any_text(), option::of(vec(any_text(), 0..3))).prop_map(
                |(n, k, units)| {
                    let mut s = StaffMember::new(k, n);
                    s.unit_keys = units;
                    s
                },
            ),
            0..2,
        )),
        option::of(vec(
            (any_text(), key(), option::of(any_text())).prop_map(|(n, k, e)| {
                let mut g = Guest::new(k, n);
                g.email_address = e;
                g
            }),
            0..2,
        )),
    )
        .prop_map(
            |(k, buildings, areas, spaces, reservations, staff, guests)| {
                let mut d = CustomerData::new(k);
                d.buildings = buildings;
                d.common_areas = areas;
                d.spaces = spaces;
                d.reservations = reservations;
                d.staff_members = staff;
                d.guests = guests;
                d
            },
        )
}

fn filter() -> impl Strategy<Value = CustomerResourcesFilter> {
    (
        "[a-zA-Z_][a-zA-Z0-9_]{0,10}",
        prop_oneof![
            any_text().prop_map(FilterValue::String),
            any::<bool>().prop_map(FilterValue::Bool)
        ],
    )
        .prop_map(|(f, v)| CustomerResourcesFilter::equals(f, v))
}

fn create_portal() -> impl Strategy<Value = CreatePortalRequest> {
    (
        option::of(customer_data()),
        option::of(vec(filter(), 0..3)),
        option::of(
            (any::<[u8; 16]>(), any::<bool>()).prop_map(|(bytes, upper)| {
                let text = uuid::Uuid::from_bytes(bytes).hyphenated().to_string();
                let text = if upper { text.to_uppercase() } else { text };
                text.parse::<CustomizationProfileId>().expect("hyphenated")
            }),
        ),
        option::of(prop_oneof![
            any_text().prop_map(DeepLink::reservation),
            any_text().prop_map(DeepLink::space),
            any_text().prop_map(DeepLink::device),
        ]),
        option::of(any::<bool>()),
        option::of(any::<bool>()),
        option::of(prop_oneof![
            1 => Just(LandingPage::new()),
            4 => (0..ManageLandingPage::KEYS.len(), any_text()).prop_map(|(i, v)| {
                LandingPage::from(
                    ManageLandingPage::from_key(ManageLandingPage::KEYS[i], v).expect("known"),
                )
            }),
        ]),
        option::of(proptest::sample::select(Locale::KNOWN).prop_map(Locale::from)),
        option::of(proptest::sample::select(NavigationMode::KNOWN).prop_map(NavigationMode::from)),
        option::of(any::<bool>()),
        option::of(
            (option::of(any::<bool>()), option::of(vec(any_text(), 0..3))).prop_map(|(ex, acc)| {
                let mut connect = ConnectFeature::new();
                connect.exclude = ex;
                connect.accepted_providers = acc;
                Features::new().with_connect(connect)
            }),
        ),
    )
        .prop_map(
            |(
                data,
                filters,
                profile,
                link,
                embedded,
                exclude_picker,
                landing,
                locale,
                nav,
                ro,
                features,
            )| {
                let mut r = CreatePortalRequest::new();
                r.customer_data = data;
                r.customer_resources_filters = filters;
                r.customization_profile_id = profile;
                r.deep_link = link;
                r.is_embedded = embedded;
                r.exclude_locale_picker = exclude_picker;
                r.landing_page = landing;
                r.locale = locale;
                r.navigation_mode = nav;
                r.read_only = ro;
                r.features = features;
                r
            },
        )
}

fn delete_data() -> impl Strategy<Value = DeleteDataRequest> {
    (
        option::of(vec(any_text(), 0..3)),
        option::of(vec(any_text(), 0..3)),
        option::of(vec(any_text(), 0..3)),
    )
        .prop_map(|(c, b, s)| {
            let mut d = DeleteDataRequest::new();
            d.customer_keys = c;
            d.building_keys = b;
            d.staff_member_keys = s;
            d
        })
}

/// One broken constraint: how to apply it to customer data, and the path (relative to customer data).
#[derive(Clone, Debug)]
enum Breakage {
    EmptyCustomerKey,
    EmptyBuildingKey,
    EmptyParentSiteKey,
    BadCheckinTime(String),
    NonPositiveDuration(i64),
    NonFiniteLatitude(f64),
    LongMetadata(String),
    EmptyReservationKey,
}

fn breakage() -> impl Strategy<Value = Breakage> {
    prop_oneof![
        Just(Breakage::EmptyCustomerKey),
        Just(Breakage::EmptyBuildingKey),
        Just(Breakage::EmptyParentSiteKey),
        prop_oneof![
            "[0-9:]{0,9}",
            "(2[4-9]|[3-9][0-9]):[0-5][0-9]",
            "[01][0-9]:[6-9][0-9]",
            "[01][0-9]:[0-5][0-9]:[6-9][0-9]",
            "[01][0-9]:[0-5][0-9] ",
        ]
        .prop_filter("must not be a valid time", |s| !is_valid_time(s))
        .prop_map(Breakage::BadCheckinTime),
        (i64::MIN..=0).prop_map(Breakage::NonPositiveDuration),
        prop_oneof![Just(f64::NAN), Just(f64::INFINITY), Just(f64::NEG_INFINITY)]
            .prop_map(Breakage::NonFiniteLatitude),
        (501usize..600, any::<bool>()).prop_map(|(n, astral)| Breakage::LongMetadata(if astral {
            "😀".repeat(n / 2 + 1)
        } else {
            "x".repeat(n)
        })),
        Just(Breakage::EmptyReservationKey),
    ]
}

/// An independent reading of the time pattern, for the filter above.
fn is_valid_time(s: &str) -> bool {
    let parts: Vec<&str> = s.split(':').collect();
    let num = |p: &str, max: u32| {
        p.len() == 2
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|v| v <= max)
    };
    matches!(parts.len(), 2 | 3) && num(parts[0], 23) && parts[1..].iter().all(|p| num(p, 59))
}

/// Applies `b` to valid `data` by appending one broken item; returns the path of the violation.
fn apply(b: &Breakage, data: &mut CustomerData) -> String {
    let next = |len: Option<usize>| len.unwrap_or(0);
    match b {
        Breakage::EmptyCustomerKey => {
            data.customer_key.clear();
            "customer_key".into()
        }
        Breakage::EmptyBuildingKey => {
            let i = next(data.buildings.as_ref().map(Vec::len));
            data.buildings
                .get_or_insert_with(Vec::new)
                .push(Building::new("", "n"));
            format!("buildings[{i}].building_key")
        }
        Breakage::EmptyParentSiteKey => {
            let i = next(data.common_areas.as_ref().map(Vec::len));
            data.common_areas
                .get_or_insert_with(Vec::new)
                .push(CommonArea::new("ca", "n").with_parent_site_key(""));
            format!("common_areas[{i}].parent_site_key")
        }
        Breakage::BadCheckinTime(t) => {
            let i = next(data.spaces.as_ref().map(Vec::len));
            data.spaces
                .get_or_insert_with(Vec::new)
                .push(Space::new("s", "n").with_customer_data(
                    SpaceCustomerData::new().with_default_checkin_time(t.as_str()),
                ));
            format!("spaces[{i}].customer_data.default_checkin_time")
        }
        Breakage::NonPositiveDuration(m) => {
            let i = next(data.spaces.as_ref().map(Vec::len));
            data.spaces
                .get_or_insert_with(Vec::new)
                .push(Space::new("s", "n").with_duration_minutes(*m));
            format!("spaces[{i}].duration_minutes")
        }
        Breakage::NonFiniteLatitude(v) => {
            let i = next(data.spaces.as_ref().map(Vec::len));
            data.spaces
                .get_or_insert_with(Vec::new)
                .push(Space::new("s", "n").with_geolocation(Geolocation::new(*v, 0.0)));
            format!("spaces[{i}].geolocation.latitude")
        }
        Breakage::LongMetadata(s) => {
            let i = next(data.reservations.as_ref().map(Vec::len));
            let mut meta = CustomMetadata::new();
            meta.insert(
                "note".into(),
                Nullable::Value(MetadataValue::String(s.clone())),
            );
            data.reservations
                .get_or_insert_with(Vec::new)
                .push(Reservation::new("r").with_custom_metadata(meta));
            format!("reservations[{i}].custom_metadata.note")
        }
        Breakage::EmptyReservationKey => {
            let i = next(data.reservations.as_ref().map(Vec::len));
            data.reservations
                .get_or_insert_with(Vec::new)
                .push(Reservation::new(""));
            format!("reservations[{i}].reservation_key")
        }
    }
}

fn violation_paths(result: Result<(), ValidationError>) -> Vec<String> {
    result
        .err()
        .map(|e| e.violations().iter().map(|v| v.path.clone()).collect())
        .unwrap_or_default()
}

proptest! {
    #[test]
    fn valid_create_portal_round_trips_and_validates(req in create_portal()) {
        prop_assert_eq!(violation_paths(req.validate()), Vec::<String>::new());
        let text = serde_json::to_string(&req).expect("serializes");
        let back: CreatePortalRequest = json::from_str(&text).expect("parses back");
        prop_assert_eq!(back, req);
    }

    #[test]
    fn valid_push_data_round_trips_and_validates(req in customer_data()) {
        prop_assert_eq!(violation_paths(req.validate()), Vec::<String>::new());
        let text = serde_json::to_string(&req).expect("serializes");
        let back: PushDataRequest = json::from_str(&text).expect("parses back");
        prop_assert_eq!(back, req);
    }

    #[test]
    fn delete_data_round_trips(req in delete_data()) {
        let text = serde_json::to_string(&req).expect("serializes");
        let back: DeleteDataRequest = json::from_str(&text).expect("parses back");
        prop_assert_eq!(&back, &req);
        let pairs = req.query_pairs();
        let expected: usize = [&req.customer_keys, &req.building_keys, &req.staff_member_keys]
            .iter()
            .map(|l| l.as_ref().map_or(0, |v| v.len().max(1)))
            .sum();
        prop_assert_eq!(pairs.len(), expected);
    }

    #[test]
    fn one_broken_push_data_constraint_is_reported_at_its_path(mut data in customer_data(), b in breakage()) {
        let path = apply(&b, &mut data);
        prop_assert_eq!(violation_paths(data.validate()), vec![path]);
    }

    #[test]
    fn one_broken_create_portal_constraint_is_reported_at_its_path(
        mut req in create_portal(),
        data in customer_data(),
        b in breakage(),
        top in 0u8..4,
        bad_field in "([0-9].*|[a-zA-Z_][a-zA-Z0-9_]*[^a-zA-Z0-9_].*|)",
        bad_locale in "[a-z]{2}-[A-Z]{2}".prop_filter("unknown", |s| !Locale::KNOWN.contains(&s.as_str())),
    ) {
        let path = match top {
            // A broken constraint inside customer_data.
            0 | 1 => {
                let mut data = req.customer_data.take().unwrap_or(data);
                let p = format!("customer_data.{}", apply(&b, &mut data));
                req.customer_data = Some(data);
                p
            }
            // A filter field that is not an identifier.
            2 => {
                let filters = req.customer_resources_filters.get_or_insert_with(Vec::new);
                filters.push(CustomerResourcesFilter::equals(bad_field, true));
                format!("customer_resources_filters[{}].field", filters.len() - 1)
            }
            // A locale the contract does not list.
            _ => {
                req.locale = Some(Locale::from(bad_locale.as_str()));
                "locale".to_owned()
            }
        };
        prop_assert_eq!(violation_paths(req.validate()), vec![path]);
    }

    #[test]
    fn timestamps_round_trip_as_text(t in timestamp()) {
        let text = serde_json::to_string(&t).expect("serializes");
        let back: Timestamp = serde_json::from_str(&text).expect("parses");
        prop_assert_eq!(back.as_str(), t.as_str());
        prop_assert_eq!(back.as_offset_date_time(), t.as_offset_date_time());
    }
}
