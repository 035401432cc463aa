//! chiso — a static report-site generator for yearly indicator indexes, made for Vietnam's
//! provincial Digital Transformation Index (DTI).
//!
//! Data flows one way: `content/` is loaded and validated ([`data`], [`content`]), computed
//! ([`compute`]), planned ([`plan`]), rendered ([`render`], [`opendata`]) and written
//! ([`site`]). See DESIGN in the README.

// Diagnostics are returned by value on purpose: they are rare and carry the snippet and hint.
#![allow(clippy::result_large_err)]

pub mod card;
pub mod charts;
pub mod check;
pub mod claims;
pub mod cli;
pub mod compute;
pub mod config;
pub mod content;
pub mod data;
pub mod diagnostics;
pub mod feeds;
pub mod geo;
pub mod model;
pub mod opendata;
pub mod output;
pub mod plan;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod shortcode;
pub mod site;
pub mod spreadsheet;
mod swap;
pub mod text;
