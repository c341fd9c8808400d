//! Client-side checks of request parameters against the spec's constraints.
//!
//! The generated code calls these before sending, so a value the API would reject anyway fails
//! fast with an [`Error::InvalidRequest`] that names the parameter and the rule. Which rules apply
//! to which parameter is decided by the generator; these functions only compare.

use crate::runtime::error::{Error, Result};

/// Where a checked value sits, spelled out only when a check fails, so a value that passes
/// costs no allocation: a parameter (`"per_page"`), a property or map entry of a value that
/// sits at `at` (`(at, "name")`, spelled `at.name`), or an item of one (`(at, 3)`, `at[3]`).
pub trait Place {
    /// Appends the spelling to `out`.
    fn spell(&self, out: &mut String);
}

impl Place for str {
    fn spell(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl<T: Place + ?Sized> Place for &T {
    fn spell(&self, out: &mut String) {
        (**self).spell(out);
    }
}

impl<P: Place> Place for (P, &str) {
    fn spell(&self, out: &mut String) {
        self.0.spell(out);
        out.push('.');
        out.push_str(self.1);
    }
}

impl<P: Place> Place for (P, usize) {
    fn spell(&self, out: &mut String) {
        use std::fmt::Write;
        self.0.spell(out);
        let _ = write!(out, "[{}]", self.1);
    }
}

/// Checks that a string has at most `max` characters (Unicode scalar values, as JSON Schema counts).
pub fn max_length(at: impl Place, value: &str, max: usize) -> Result<()> {
    let length = value.chars().count();
    check(length <= max, at, || {
        format!("must be at most {max} characters long, got {length}")
    })
}

/// Checks that a string has at least `min` characters (Unicode scalar values).
pub fn min_length(at: impl Place, value: &str, min: usize) -> Result<()> {
    let length = value.chars().count();
    check(length >= min, at, || {
        format!("must be at least {min} characters long, got {length}")
    })
}

/// Checks that a number is at least `min`, or greater than `min` when `exclusive`.
///
/// NaN is always rejected.
pub fn minimum(at: impl Place, value: f64, min: f64, exclusive: bool) -> Result<()> {
    if exclusive {
        check(value > min, at, || {
            format!("must be greater than {min}, got {value}")
        })
    } else {
        check(value >= min, at, || {
            format!("must be at least {min}, got {value}")
        })
    }
}

/// Checks that a number is at most `max`, or less than `max` when `exclusive`.
///
/// NaN is always rejected.
pub fn maximum(at: impl Place, value: f64, max: f64, exclusive: bool) -> Result<()> {
    if exclusive {
        check(value < max, at, || {
            format!("must be less than {max}, got {value}")
        })
    } else {
        check(value <= max, at, || {
            format!("must be at most {max}, got {value}")
        })
    }
}

/// Checks that an array has at most `max` items.
pub fn max_items(at: impl Place, len: usize, max: usize) -> Result<()> {
    check(len <= max, at, || {
        format!("must have at most {max} items, got {len}")
    })
}

/// Checks that an array has at least `min` items.
pub fn min_items(at: impl Place, len: usize, min: usize) -> Result<()> {
    check(len >= min, at, || {
        format!("must have at least {min} items, got {len}")
    })
}

/// Checks that an enum value is one the spec lists.
///
/// Generated enums keep unknown values so responses never fail to decode; this stops such a
/// value from being sent back in a request.
pub fn known_value(at: impl Place, value: &str, known: &[&str]) -> Result<()> {
    check(known.contains(&value), at, || {
        format!("`{value}` is not one of: {}", known.join(", "))
    })
}

/// Checks that every item of a list of enum values is one the spec lists, as `known_value`
/// does; the first that is not is named by its index, `at[index]`.
pub fn known_values<T: AsRef<str>>(at: impl Place, values: &[T], known: &[&str]) -> Result<()> {
    for (idx, value) in values.iter().enumerate() {
        if !known.contains(&value.as_ref()) {
            return known_value((&at, idx), value.as_ref(), known);
        }
    }
    Ok(())
}

/// Checks an `anyOf` of required sets: `present[i]` says whether every property of set `i` is
/// set, and at least one must be; `sets` describes them for the message.
pub fn any_set_present(at: impl Place, present: &[bool], sets: &str) -> Result<()> {
    check(present.contains(&true), at, || {
        format!("must set at least one of: {sets}")
    })
}

/// Checks a `oneOf` of required sets: exactly one set must have every property set.
pub fn one_set_present(at: impl Place, present: &[bool], sets: &str) -> Result<()> {
    let n_present = present.iter().filter(|present| **present).count();
    check(n_present == 1, at, || {
        format!("must set exactly one of: {sets}; {n_present} are set")
    })
}

/// Passes when `holds`, else names where the value sits and the broken rule.
///
/// Callers pass the rule as it must hold (`value >= min`), so NaN, for which every comparison is
/// false, is rejected.
fn check(holds: bool, at: impl Place, message: impl FnOnce() -> String) -> Result<()> {
    if holds {
        return Ok(());
    }
    let mut parameter = String::new();
    at.spell(&mut parameter);
    Err(Error::InvalidRequest {
        parameter,
        message: message(),
    })
}
