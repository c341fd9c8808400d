// generated from spec/resource-sharing.openapi.yaml by `cargo xtask generate`; do not edit
//! Client-side checks of request parameters against the spec's constraints.
//!
//! The generated code calls these before sending, so a value the API would reject anyway fails
//! fast with an [`Error::InvalidRequest`] that names the parameter and the rule. Which rules apply
//! to which parameter is decided by the generator; these functions only compare.

use crate::runtime::error::{Error, Result};

/// Checks that a string has at most `max` characters (Unicode scalar values, as JSON Schema counts).
pub fn max_length(parameter: &str, value: &str, max: usize) -> Result<()> {
    let length = value.chars().count();
    check(length <= max, parameter, || {
        format!("must be at most {max} characters long, got {length}")
    })
}

/// Checks that a string has at least `min` characters (Unicode scalar values).
pub fn min_length(parameter: &str, value: &str, min: usize) -> Result<()> {
    let length = value.chars().count();
    check(length >= min, parameter, || {
        format!("must be at least {min} characters long, got {length}")
    })
}

/// Checks that a number is at least `min`, or greater than `min` when `exclusive`.
///
/// NaN is always rejected.
pub fn minimum(parameter: &str, value: f64, min: f64, exclusive: bool) -> Result<()> {
    if exclusive {
        check(value > min, parameter, || {
            format!("must be greater than {min}, got {value}")
        })
    } else {
        check(value >= min, parameter, || {
            format!("must be at least {min}, got {value}")
        })
    }
}

/// Checks that a number is at most `max`, or less than `max` when `exclusive`.
///
/// NaN is always rejected.
pub fn maximum(parameter: &str, value: f64, max: f64, exclusive: bool) -> Result<()> {
    if exclusive {
        check(value < max, parameter, || {
            format!("must be less than {max}, got {value}")
        })
    } else {
        check(value <= max, parameter, || {
            format!("must be at most {max}, got {value}")
        })
    }
}

/// Checks that an array has at most `max` items.
pub fn max_items(parameter: &str, len: usize, max: usize) -> Result<()> {
    check(len <= max, parameter, || {
        format!("must have at most {max} items, got {len}")
    })
}

/// Checks that an array has at least `min` items.
pub fn min_items(parameter: &str, len: usize, min: usize) -> Result<()> {
    check(len >= min, parameter, || {
        format!("must have at least {min} items, got {len}")
    })
}

/// Checks that an enum value is one the spec lists.
///
/// Generated enums keep unknown values so responses never fail to decode; this stops such a
/// value from being sent back in a request.
pub fn known_value(parameter: &str, value: &str, known: &[&str]) -> Result<()> {
    check(known.contains(&value), parameter, || {
        format!("`{value}` is not one of: {}", known.join(", "))
    })
}

/// Checks that every item of a list of enum values is one the spec lists, as `known_value`
/// does; the first that is not is named by its index, `parameter[index]`.
pub fn known_values<T: AsRef<str>>(parameter: &str, values: &[T], known: &[&str]) -> Result<()> {
    for (idx, value) in values.iter().enumerate() {
        if !known.contains(&value.as_ref()) {
            return known_value(&format!("{parameter}[{idx}]"), value.as_ref(), known);
        }
    }
    Ok(())
}

/// Checks an `anyOf` of required sets: `present[i]` says whether every property of set `i` is
/// set, and at least one must be; `sets` describes them for the message.
pub fn any_set_present(parameter: &str, present: &[bool], sets: &str) -> Result<()> {
    check(present.contains(&true), parameter, || {
        format!("must set at least one of: {sets}")
    })
}

/// Checks a `oneOf` of required sets: exactly one set must have every property set.
pub fn one_set_present(parameter: &str, present: &[bool], sets: &str) -> Result<()> {
    let n_present = present.iter().filter(|present| **present).count();
    check(n_present == 1, parameter, || {
        format!("must set exactly one of: {sets}; {n_present} are set")
    })
}

/// Passes when `holds`, else names the parameter and the broken rule.
///
/// Callers pass the rule as it must hold (`value >= min`), so NaN, for which every comparison is
/// false, is rejected.
fn check(holds: bool, parameter: &str, message: impl FnOnce() -> String) -> Result<()> {
    if holds {
        return Ok(());
    }
    Err(Error::InvalidRequest {
        parameter: parameter.to_owned(),
        message: message(),
    })
}
