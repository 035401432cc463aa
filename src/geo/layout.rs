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
    /// Space above the shapes: the margin, more when the legend needs room on phones.
    top: f64,
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
            top: MARGIN,
        }
    }

    /// The same frame with the shapes `by` units lower (and the viewBox that much taller).
    pub(crate) fn lowered(mut self, by: f64) -> Frame {
        self.top += by;
        self.height = (self.height + by).ceil();
        self
    }

    /// A point in SVG units.
    pub(crate) fn xy(&self, p: Point) -> [f64; 2] {
        [
            (p[0] - self.west) * X_SCALE * self.scale + MARGIN,
            (self.north - p[1]) * self.scale + self.top,
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
    /// The label in the page language, lines separated by `\n`.
    pub label: &'static str,
    /// Whether the label's lines stack upwards from `label_at` (a label above its box) rather
    /// than downwards.
    pub up: bool,
}

impl ArchipelagoMark {
    /// The label's lines.
    pub(crate) fn lines(&self) -> impl Iterator<Item = &'static str> {
        self.label.split('\n')
    }
}

/// Distance between the baselines of a label's lines, in em.
pub(crate) const LINE_HEIGHT: f64 = 1.2;

/// How much the map's CSS enlarges the legend on phones (at most 35rem wide) and small phones
/// (at most 22rem), from its top right corner: what keeps its text at 11 px or more there.
pub(crate) const LEGEND_SCALES: [f64; 2] = [1.45, 1.6];

/// Font sizes of the archipelago labels, in SVG units: the map's own CSS enlarges them on phones
/// (at most 35rem wide) and small phones (at most 22rem), where the whole map is drawn smaller.
/// One position must suit all three, since CSS changes the size but not the position.
pub(crate) const ARCHIPELAGO_SIZES: [f64; 3] = [FONT_SIZE, 24.0, 26.0];

/// The box a label covers at `size`, `[x0, y0, x1, y1]`: centred on `label_at`, from the top of
/// Vietnamese stacked marks (about one em above the baseline) to the descenders. The width
/// counts 0.6 em per character: Chromium's sans-serif measured 0.57 em on "Quần đảo Hoàng Sa".
pub(crate) fn label_box(mark: &ArchipelagoMark, size: f64) -> [f64; 4] {
    let longest = mark.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    let half = longest as f64 * size * 0.6 / 2.0;
    let extra = (mark.lines().count() - 1) as f64 * LINE_HEIGHT * size;
    let [x, y] = mark.label_at;
    if mark.up {
        [x - half, y - extra - size, x + half, y + size * 0.3]
    } else {
        [x - half, y - size, x + half, y + extra + size * 0.3]
    }
}

/// The archipelagos present in `b`, each framed by a dashed box and labelled: Hoàng Sa below
/// its islands, Trường Sa above them (open sea in both cases). Each label starts centred on its
/// box and moves sideways, in steps of 2 units, to the nearest place where at every size of
/// [`ARCHIPELAGO_SIZES`] it stays inside the viewBox and off the land: on the 34-province map the
/// centred Hoàng Sa label covered the coast of Quảng Ngãi on phones.
pub(crate) fn archipelagos(b: &Boundaries, frame: &Frame, vi: bool) -> Vec<ArchipelagoMark> {
    // The land's outline as segments in SVG units (the archipelagos' own islands excluded).
    let mut land: Vec<[[f64; 2]; 2]> = Vec::new();
    for code in b.codes() {
        for ring in b.rings(code) {
            if ARCHIPELAGOS.iter().any(|a| a.holds(&ring)) {
                continue;
            }
            land.extend(ring.windows(2).map(|w| [frame.xy(w[0]), frame.xy(w[1])]));
        }
    }
    let largest = ARCHIPELAGO_SIZES[ARCHIPELAGO_SIZES.len() - 1];
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
            // The first (Hoàng Sa) is labelled below (its baseline low enough for the largest
            // size to clear the box), the second (Trường Sa) above.
            let y = if i == 0 {
                rect[1] + rect[3] + largest + 2.0
            } else {
                rect[1] - 6.0
            };
            let up = i != 0;
            let centre = rect[0] + rect[2] / 2.0;
            // Only the coast within the label's band of lines can meet it.
            let band = {
                let r = label_box(
                    &ArchipelagoMark {
                        rect,
                        label_at: [centre, y],
                        label,
                        up,
                    },
                    largest,
                );
                (r[1], r[3])
            };
            let land: Vec<[[f64; 2]; 2]> = land
                .iter()
                .copied()
                .filter(|[p, q]| p[1].max(q[1]) >= band.0 && p[1].min(q[1]) <= band.1)
                .collect();
            let fits = |cx: f64| {
                let mark = ArchipelagoMark {
                    rect,
                    label_at: [cx, y],
                    label,
                    up,
                };
                ARCHIPELAGO_SIZES.iter().all(|&size| {
                    let r = label_box(&mark, size);
                    r[0] >= MARGIN / 2.0
                        && r[2] <= WIDTH - MARGIN / 2.0
                        && !land.iter().any(|&[p, q]| segment_meets_box(p, q, r))
                })
            };
            let cx = (0..WIDTH as i32)
                .flat_map(|k| [centre + 2.0 * k as f64, centre - 2.0 * k as f64])
                .find(|&cx| fits(cx))
                .unwrap_or_else(|| {
                    let half = label.split('\n').map(text_width).fold(0.0, f64::max) / 2.0;
                    centre.clamp(MARGIN + half, WIDTH - MARGIN - half)
                });
            Some(ArchipelagoMark {
                rect,
                label_at: [cx, y],
                label,
                up,
            })
        })
        .collect()
}

/// Whether the segment p–q meets the box `[x0, y0, x1, y1]` (Liang–Barsky clipping).
fn segment_meets_box(p: [f64; 2], q: [f64; 2], r: [f64; 4]) -> bool {
    let (dx, dy) = (q[0] - p[0], q[1] - p[1]);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (step, room) in [
        (-dx, p[0] - r[0]),
        (dx, r[2] - p[0]),
        (-dy, p[1] - r[1]),
        (dy, r[3] - p[1]),
    ] {
        if step == 0.0 {
            if room < 0.0 {
                return false;
            }
        } else {
            let t = room / step;
            if step < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    true
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
    fn segments_meet_boxes_when_they_cross_them() {
        let r = [0.0, 0.0, 10.0, 10.0];
        assert!(segment_meets_box([-5.0, 5.0], [15.0, 5.0], r)); // crosses, no end inside
        assert!(segment_meets_box([5.0, 5.0], [6.0, 6.0], r)); // inside
        assert!(!segment_meets_box([-5.0, -1.0], [15.0, -1.0], r)); // above
        assert!(!segment_meets_box([11.0, -5.0], [20.0, 5.0], r)); // beside
        assert!(!segment_meets_box([-5.0, 4.0], [4.0, -5.0], r)); // misses the corner
    }

    #[test]
    fn titles_wrap_at_spaces() {
        assert_eq!(
            wrap("Chỉ số chuyển đổi số cấp tỉnh 2023", 20),
            vec!["Chỉ số chuyển đổi số", "cấp tỉnh 2023"]
        );
        assert_eq!(wrap("", 20), Vec::<String>::new());
    }
}
