//! The big push_data request: a property portfolio of tens of thousands of reservations, guests,
//! units, properties and buildings, scaled to a target JSON size.

use seam_types::{
    Building, CustomMetadata, Geolocation, Guest, MetadataValue, Nullable, Property,
    PushDataRequest, Reservation, Space, Timestamp, Unit,
};

/// Items per scale step when calibrating the size.
const CALIBRATION_ITEMS: usize = 1_000;

/// A valid push_data request whose JSON body is close to `target_bytes` (within a few percent).
pub fn portfolio(target_bytes: usize) -> PushDataRequest {
    let sample = serde_json::to_vec(&with_reservations(CALIBRATION_ITEMS))
        .map(|json| json.len())
        .unwrap_or(1)
        .max(1);
    let reservations = target_bytes.saturating_mul(CALIBRATION_ITEMS) / sample;
    with_reservations(reservations.max(1))
}

/// A portfolio with `n` reservations, `n` guests, `n / 2` units, `n / 4` spaces (each with a
/// geolocation of two 17-significant-digit coordinates and a stay length, so that the numbers of the
/// contract are read and written too), and one property and building per hundred reservations;
/// every key is unique and every reference points at an existing item.
pub fn with_reservations(n: usize) -> PushDataRequest {
    let units = (n / 2).max(1);
    let places = (n / 100).max(1);
    let starts = [
        Timestamp::parse("2025-07-01T15:00:00Z"),
        Timestamp::parse("2025-07-14T16:00:00.250Z"),
        Timestamp::parse("2025-08-02T14:30:00+02:00"),
    ]
    .map(|t| t.expect("fixed timestamps parse"));
    let ends = [
        Timestamp::parse("2025-07-05T11:00:00Z"),
        Timestamp::parse("2025-07-21T10:00:00.250Z"),
        Timestamp::parse("2025-08-09T10:30:00+02:00"),
    ]
    .map(|t| t.expect("fixed timestamps parse"));

    let reservations = (0..n)
        .map(|i| {
            let mut metadata = CustomMetadata::new();
            metadata.insert(
                "channel".into(),
                Nullable::Value(MetadataValue::from(["airbnb", "vrbo", "direct"][i % 3])),
            );
            metadata.insert(
                "vip".into(),
                Nullable::Value(MetadataValue::from(i % 7 == 0)),
            );
            Reservation::new(format!("reservation-{i:07}"))
                .with_name(format!("Stay {i} at unit {}", i % units))
                .with_guest_key(format!("guest-{i:07}"))
                .with_unit_keys([format!("unit-{:06}", i % units)])
                .with_property_keys([format!("property-{:05}", i % places)])
                .with_starts_at(starts[i % 3].clone())
                .with_ends_at(ends[i % 3].clone())
                .with_preferred_code(format!("{:06}", (i * 7_919) % 1_000_000))
                .with_custom_metadata(metadata)
        })
        .collect();
    let guests = (0..n)
        .map(|i| {
            Guest::new(format!("guest-{i:07}"), format!("Guest Number {i}"))
                .with_email_address(format!("guest.{i}@example.com"))
                .with_phone_number(format!("+1555{:07}", i))
        })
        .collect();
    let unit_list = (0..units)
        .map(|i| Unit::new(format!("unit-{i:06}"), format!("Unit {i}")))
        .collect();
    let properties = (0..places)
        .map(|i| Property::new(format!("property-{i:05}"), format!("Property {i}")))
        .collect();
    let spaces = (0..(n / 4).max(1))
        .map(|i| {
            // Coordinates of full double precision: most print with 16 or 17 significant digits.
            let step = i as f64 * 1.000_000_017e-5;
            Space::new(format!("space-{i:06}"), format!("Space {i}"))
                .with_geolocation(Geolocation::new(
                    38.712_345_678_9 + step,
                    -9.139_876_543_21 - step,
                ))
                .with_duration_minutes(30 + (i % 8) as i64 * 15)
        })
        .collect();
    let buildings = (0..places)
        .map(|i| Building::new(format!("building-{i:05}"), format!("Building {i}")))
        .collect();

    PushDataRequest::new("customer-portfolio-0001")
        .with_reservations(reservations)
        .with_guests(guests)
        .with_units(unit_list)
        .with_spaces(spaces)
        .with_properties(properties)
        .with_buildings(buildings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use seam_types::Validate;

    #[test]
    fn the_portfolio_is_valid_and_near_its_target_size() {
        let request = portfolio(200_000);
        assert!(request.validate().is_ok());
        let len = serde_json::to_vec(&request).unwrap().len();
        assert!((180_000..220_000).contains(&len), "{len} bytes");
    }

    #[test]
    fn constructor_arguments_land_in_the_right_fields() {
        let json = serde_json::to_value(with_reservations(2)).unwrap();
        assert_eq!(json["units"][0]["unit_key"], "unit-000000");
        assert_eq!(json["properties"][0]["property_key"], "property-00000");
        assert_eq!(json["buildings"][0]["building_key"], "building-00000");
        assert_eq!(json["guests"][1]["guest_key"], "guest-0000001");
    }
}
