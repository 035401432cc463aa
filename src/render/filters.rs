//! Tera filters that format numbers with the one formatter of `text::number`, in the page's
//! language (read from the `lang` context variable), so templates never format by hand.

use tera::{Kwargs, State, Tera, TeraResult};

use crate::text::Lang;
use crate::text::number;

fn lang(state: &State) -> Lang {
    match state.get::<String>("lang").ok().flatten().as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Vi,
    }
}

fn places(kwargs: &Kwargs, default: usize) -> TeraResult<usize> {
    Ok(kwargs
        .get::<i64>("places")?
        .map(|p| p.clamp(0, 12) as usize)
        .unwrap_or(default))
}

/// Registers `decimal`, `percent`, `signed`, `signed_percent` and `integer`.
pub fn register(tera: &mut Tera) {
    tera.register_filter(
        "decimal",
        |x: f64, kw: Kwargs, st: &State| -> TeraResult<String> {
            Ok(number::decimal(x, places(&kw, 4)?, lang(st)))
        },
    );
    tera.register_filter(
        "percent",
        |x: f64, kw: Kwargs, st: &State| -> TeraResult<String> {
            Ok(number::percent(x, places(&kw, 1)?, lang(st)))
        },
    );
    tera.register_filter(
        "signed",
        |x: f64, kw: Kwargs, st: &State| -> TeraResult<String> {
            Ok(number::signed_decimal(x, places(&kw, 4)?, lang(st)))
        },
    );
    tera.register_filter(
        "signed_percent",
        |x: f64, kw: Kwargs, st: &State| -> TeraResult<String> {
            Ok(number::signed_percent(x, places(&kw, 1)?, lang(st)))
        },
    );
    tera.register_filter("integer", |x: i64, _: Kwargs, st: &State| {
        number::integer(x, lang(st))
    });
}
