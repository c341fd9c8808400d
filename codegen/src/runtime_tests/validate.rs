//! Each rule passes on its boundary, fails just beyond it, and names the parameter.

use crate::runtime::validate::{
    known_value, known_values, max_items, max_length, maximum, min_items, min_length, minimum,
    Place,
};
use crate::runtime::{Error, Result};

/// The message of a rejection, after checking that it names `parameter`.
fn rejection(result: Result<()>, parameter: &str) -> String {
    match result {
        Err(Error::InvalidRequest {
            parameter: rejected,
            message,
        }) if rejected == parameter => message,
        other => panic!("expected InvalidRequest for `{parameter}`, got {other:?}"),
    }
}

#[test]
fn lengths_count_characters_not_bytes() {
    assert!(max_length("name", "ééé", 3).is_ok());
    assert!(min_length("name", "ééé", 3).is_ok());
    let message = rejection(max_length("name", "éééé", 3), "name");
    assert_eq!(message, "must be at most 3 characters long, got 4");
    let message = rejection(min_length("name", "éé", 3), "name");
    assert_eq!(message, "must be at least 3 characters long, got 2");
}

#[test]
fn inclusive_bounds_accept_the_bound() {
    assert!(minimum("per_page", 5.0, 5.0, false).is_ok());
    assert!(maximum("per_page", 50.0, 50.0, false).is_ok());
    let message = rejection(minimum("per_page", 4.0, 5.0, false), "per_page");
    assert_eq!(message, "must be at least 5, got 4");
    let message = rejection(maximum("per_page", 51.0, 50.0, false), "per_page");
    assert_eq!(message, "must be at most 50, got 51");
}

#[test]
fn exclusive_bounds_refuse_the_bound() {
    assert!(minimum("ttl", 0.5, 0.0, true).is_ok());
    assert!(maximum("ttl", 99.5, 100.0, true).is_ok());
    let message = rejection(minimum("ttl", 0.0, 0.0, true), "ttl");
    assert_eq!(message, "must be greater than 0, got 0");
    let message = rejection(maximum("ttl", 100.0, 100.0, true), "ttl");
    assert_eq!(message, "must be less than 100, got 100");
}

#[test]
fn nan_breaks_every_bound() {
    for exclusive in [false, true] {
        assert!(minimum("ratio", f64::NAN, 0.0, exclusive).is_err());
        assert!(maximum("ratio", f64::NAN, 1.0, exclusive).is_err());
    }
}

#[test]
fn item_counts_accept_the_bound() {
    assert!(max_items("tags", 2, 2).is_ok());
    assert!(min_items("tags", 1, 1).is_ok());
    let message = rejection(max_items("tags", 3, 2), "tags");
    assert_eq!(message, "must have at most 2 items, got 3");
    let message = rejection(min_items("tags", 0, 1), "tags");
    assert_eq!(message, "must have at least 1 items, got 0");
}

#[test]
fn known_value_lists_the_allowed_values() {
    assert!(known_value("status", "active", &["active", "deleted"]).is_ok());
    let message = rejection(
        known_value("status", "Active", &["active", "deleted"]),
        "status",
    );
    assert_eq!(message, "`Active` is not one of: active, deleted");
}

#[test]
fn known_values_names_the_first_unknown_item_by_its_index() {
    let known = &["active", "deleted"];
    assert!(known_values("statuses", &["deleted", "active"], known).is_ok());
    assert!(known_values::<&str>("statuses", &[], known).is_ok());
    let message = rejection(
        known_values("statuses", &["active", "gone", "Active"], known),
        "statuses[1]",
    );
    assert_eq!(message, "`gone` is not one of: active, deleted");
}

#[test]
fn a_place_is_spelled_only_as_the_failing_value_sits() {
    // A field of an item of a property, as a nested `validate` reaches it.
    let body: &dyn Place = &"body";
    let items = (body, "items");
    let third = (&items, 2);
    assert!(max_length((&third, "name"), "ok", 5).is_ok());
    assert_eq!(
        rejection(
            max_length((&third, "name"), "too long", 5),
            "body.items[2].name"
        ),
        "must be at most 5 characters long, got 8"
    );
    let entry = (body, "labels");
    assert_eq!(
        rejection(min_length((&entry, "env"), "", 1), "body.labels.env"),
        "must be at least 1 characters long, got 0"
    );
}
