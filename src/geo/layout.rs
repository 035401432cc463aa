//! Where things go on the map: the projection, the archipelago labels, the legend's lines.
//!
//! The projection is equirectangular with longitudes scaled by cos 16° (Vietnam's middle
//! latitude), north up: at this size and latitude it is indistinguishable from Mercator, and it
//! keeps every coordinate a linear function of the degrees, so rounding is the only error.
//! Path coordinates are kept in halves of an SVG unit as integers: the two units on either side
//! of a border round the same degrees to the same integers, so their outlines stay identical.

use super::simplify::X_SCALE;
use super::{ARCHIPELAGOS, Boundaries, Point};

/// Width of every map's viewBox, in SVG units; the height follows from the shapes' extent.
pub(crate) const WIDTH: f64 = 600.0;

/// Empty space around the shapes, in SVG units.
const MARGIN: f64 = 12.0;

/// Font size of labels and legend, in SVG units: 16 units are still 10.4 px on a 390 px phone.
pub(crate) const FONT_SIZE: f64 = 16.0;

/// Maps degrees to the viewBox.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Frame {
    /// Western bound of the shapes, in degrees.
    west: f64,
    /// Northern bound of the shapes, in degrees.
    north: f64,
    /// SVG units per degree of latitude.
    scale: f64,
    /// Height of the viewBox.
    pub height: f64,
}

impl Frame {
    /// The frame that fits every shape of `b` into [`WIDTH`] (an empty set gets a square).
    pub(crate) fn fit(b: &Boundaries) -> Frame {
        let mut bbox = [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ];
        // Kept rings only: the arcs also hold the islands dropped as specks.
        for code in b.codes() {
            for p in b.rings(code).iter().flatten() {
                bbox = [
                    bbox[0].min(p[0]),
                    bbox[1].min(p[1]),
                    bbox[2].max(p[0]),
                    bbox[3].max(p[1]),
                ];
            }
        }
        if !bbox.iter().all(|v| v.is_finite()) || bbox[2] <= bbox[0] {
            bbox = [0.0, 0.0, 1.0, 1.0];
        }
        let scale = (WIDTH - 2.0 * MARGIN) / ((bbox[2] - bbox[0]) * X_SCALE);
        let height = ((bbox[3] - bbox[1]) * scale + 2.0 * MARGIN).ceil();
        Frame {
            west: bbox[0],
            north: bbox[3],
            scale,
            height,
        }
    }

    /// A point in SVG units.
    pub(crate) fn xy(&self, p: Point) -> [f64; 2] {
        [
            (p[0] - self.west) * X_SCALE * self.scale + MARGIN,
            (self.north - p[1]) * self.scale + MARGIN,
        ]
    }

    /// A point in integer halves of an SVG unit: what the paths are written with (inside a
    /// `scale(.5)` group). The map is at most 600 CSS px wide, so a half unit is one device
    /// pixel on a 2× screen: finer coordinates would cost bytes no screen shows.
    pub(crate) fn halves(&self, p: Point) -> [i64; 2] {
        let [x, y] = self.xy(p);
        [(x * 2.0).round() as i64, (y * 2.0).round() as i64]
    }
}

/// One archipelago as drawn: the box around its islands and where its label goes.
#[derive(Clone, Debug)]
pub(crate) struct ArchipelagoMark {
    /// Box around the islands (x, y, width, height), in SVG units.
    pub rect: [f64; 4],
    /// Centre of the label's baseline.
    pub label_at: [f64; 2],
    /// The label in the page language.
    pub label: &'static str,
}

/// The archipelagos present in `b`, each framed by a dashed box and labelled: Hoàng Sa below
/// its islands, Trường Sa above them (open sea in both cases), kept inside the viewBox.
pub(crate) fn archipelagos(b: &Boundaries, frame: &Frame, vi: bool) -> Vec<ArchipelagoMark> {
    ARCHIPELAGOS
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let mut bbox = [
                f64::INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NEG_INFINITY,
            ];
            for (code, _) in b.units() {
                for ring in b.rings(code) {
                    if a.holds(&ring) {
                        for &p in &ring {
                            let [x, y] = frame.xy(p);
                            bbox = [
                                bbox[0].min(x),
                                bbox[1].min(y),
                                bbox[2].max(x),
                                bbox[3].max(y),
                            ];
                        }
                    }
                }
            }
            if !bbox[0].is_finite() {
                return None;
            }
            let pad = 5.0;
            let rect = [
                bbox[0] - pad,
                bbox[1] - pad,
                bbox[2] - bbox[0] + 2.0 * pad,
                bbox[3] - bbox[1] + 2.0 * pad,
            ];
            let label = if vi { a.label_vi } else { a.label_en };
            let half = text_width(label) / 2.0;
            let cx = (rect[0] + rect[2] / 2.0).clamp(MARGIN + half, WIDTH - MARGIN - half);
            // The first (Hoàng Sa) is labelled below, the second (Trường Sa) above.
            let y = if i == 0 {
                rect[1] + rect[3] + FONT_SIZE + 2.0
            } else {
                rect[1] - 6.0
            };
            Some(ArchipelagoMark {
                rect,
                label_at: [cx, y],
                label,
            })
        })
        .collect()
}

/// Estimated width of a line of text at [`FONT_SIZE`]: 0.55 em per character is generous for
/// the sans-serif fonts of the site, so labels placed with it are not clipped.
pub(crate) fn text_width(s: &str) -> f64 {
    s.chars().count() as f64 * FONT_SIZE * 0.55
}

/// Breaks a title into lines of at most `max` characters, at spaces.
pub(crate) fn wrap(s: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in s.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= max => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_wrap_at_spaces() {
        assert_eq!(
            wrap("Chỉ số chuyển đổi số cấp tỉnh 2023", 20),
            vec!["Chỉ số chuyển đổi số", "cấp tỉnh 2023"]
        );
        assert_eq!(wrap("", 20), Vec::<String>::new());
    }
}
