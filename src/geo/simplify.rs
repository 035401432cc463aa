//! Simplification for the web: Douglas–Peucker on each shared arc, and dropping specks.
//!
//! The bundled files hold about 75,000 vertices each, several megabytes of SVG. A map is drawn
//! about 600 units wide (≈ 37 units per degree), so detail under half a unit is invisible.
//! Every arc is simplified once, with its end points kept, so the two units on either side of a
//! border draw exactly the same line and no gap can open between them.

use super::{ARCHIPELAGOS, ArcRef, Point, Polygon, Ring};

/// Horizontal scale of the drawing plane: cos 16°, the latitude at Vietnam's middle, so that
/// distances and areas measured here match the drawn map (see the layout module).
pub(crate) const X_SCALE: f64 = 0.961_261_695_938_318_9;

/// Largest distance, in degrees of latitude (≈ 0.35 drawn units, ≈ 1 km), that a simplified arc
/// may stray from the original.
const TOLERANCE: f64 = 0.009;

/// Tolerance for the archipelagos, whose islands are a few hundred metres across: a coarser one
/// would flatten each island to a line.
const ARCHIPELAGO_TOLERANCE: f64 = 0.002;

/// Polygons (islands) and holes smaller than this, in square degrees (≈ 10 km², about one drawn
/// unit squared), are dropped — except in the archipelagos.
const MIN_AREA: f64 = 0.0008;

/// Simplifies every arc; arcs of the archipelagos are simplified less.
pub(crate) fn simplify_arcs(arcs: &[Vec<Point>]) -> Vec<Vec<Point>> {
    arcs.iter()
        .map(|arc| {
            let in_archipelago = ARCHIPELAGOS.iter().any(|a| a.holds(arc));
            let tolerance = if in_archipelago {
                ARCHIPELAGO_TOLERANCE
            } else {
                TOLERANCE
            };
            douglas_peucker(arc, tolerance)
        })
        .collect()
}

/// Douglas–Peucker keeping both end points. A closed arc (an island) is first split at its
/// vertex farthest from the start, since its chord from start to end has zero length.
fn douglas_peucker(arc: &[Point], tolerance: f64) -> Vec<Point> {
    let n = arc.len();
    if n < 3 {
        return arc.to_vec();
    }
    let mut keep = vec![false; n];
    keep[0] = true;
    keep[n - 1] = true;
    let mut stack = Vec::new();
    if arc[0] == arc[n - 1] {
        let far = (1..n - 1)
            .max_by(|&i, &j| dist2(arc[0], arc[i]).total_cmp(&dist2(arc[0], arc[j])))
            .unwrap_or(n / 2);
        keep[far] = true;
        stack.extend([(0, far), (far, n - 1)]);
    } else {
        stack.push((0, n - 1));
    }
    let tol2 = tolerance * tolerance;
    while let Some((a, b)) = stack.pop() {
        let mut worst = (0.0, 0);
        for i in a + 1..b {
            let d = segment_dist2(arc[i], arc[a], arc[b]);
            if d > worst.0 {
                worst = (d, i);
            }
        }
        if worst.0 > tol2 {
            keep[worst.1] = true;
            stack.extend([(a, worst.1), (worst.1, b)]);
        }
    }
    arc.iter()
        .zip(keep)
        .filter_map(|(&p, k)| k.then_some(p))
        .collect()
}

/// Squared distance in the drawing plane.
fn dist2(a: Point, b: Point) -> f64 {
    let (dx, dy) = ((a[0] - b[0]) * X_SCALE, a[1] - b[1]);
    dx * dx + dy * dy
}

/// Squared distance in the drawing plane from `p` to the segment `a`–`b`.
fn segment_dist2(p: Point, a: Point, b: Point) -> f64 {
    let (vx, vy) = ((b[0] - a[0]) * X_SCALE, b[1] - a[1]);
    let (wx, wy) = ((p[0] - a[0]) * X_SCALE, p[1] - a[1]);
    let len2 = vx * vx + vy * vy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        ((wx * vx + wy * vy) / len2).clamp(0.0, 1.0)
    };
    let (dx, dy) = (wx - t * vx, wy - t * vy);
    dx * dx + dy * dy
}

/// The points of a ring, closed (the first point repeated at the end).
pub(crate) fn ring_points(arcs: &[Vec<Point>], ring: &[ArcRef]) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::new();
    for r in ring {
        let arc = &arcs[r.index];
        let mut points: Box<dyn Iterator<Item = &Point>> = if r.reversed {
            Box::new(arc.iter().rev())
        } else {
            Box::new(arc.iter())
        };
        // Consecutive arcs meet at a shared end point; keep it once.
        if !out.is_empty() {
            points.next();
        }
        out.extend(points);
    }
    out
}

/// Area in the drawing plane (square degrees of latitude), whatever the ring's orientation.
pub(crate) fn area(points: &[Point]) -> f64 {
    let twice: f64 = points
        .windows(2)
        .map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1])
        .sum();
    (twice * X_SCALE / 2.0).abs()
}

/// Whether a ring lies in one of the archipelagos.
fn in_archipelago(points: &[Point]) -> bool {
    ARCHIPELAGOS.iter().any(|a| a.holds(points))
}

/// Keeps the polygons and holes worth drawing once the arcs are simplified: everything in the
/// archipelagos that did not collapse, elsewhere only rings of at least [`MIN_AREA`].
pub(crate) fn drop_specks(arcs: &[Vec<Point>], polygons: Vec<Polygon>) -> Vec<Polygon> {
    let worth = |ring: &Ring| {
        let points = ring_points(arcs, ring);
        let a = area(&points);
        a >= MIN_AREA || (a > 0.0 && in_archipelago(&points))
    };
    polygons
        .into_iter()
        .filter_map(|polygon| {
            let mut rings = polygon.into_iter();
            let outer = rings.next().filter(&worth)?;
            Some(std::iter::once(outer).chain(rings.filter(&worth)).collect())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn straight_runs_collapse_to_their_ends() {
        let line: Vec<Point> = (0..=10).map(|i| [f64::from(i), 0.0]).collect();
        assert_eq!(douglas_peucker(&line, 0.01), vec![[0.0, 0.0], [10.0, 0.0]]);
    }

    #[test]
    fn corners_survive_and_ends_are_kept() {
        let arc = vec![[0.0, 0.0], [1.0, 0.001], [2.0, 1.0], [3.0, 2.0]];
        let out = douglas_peucker(&arc, 0.1);
        assert_eq!(out.first(), arc.first());
        assert_eq!(out.last(), arc.last());
        assert!(out.len() >= 3, "the bend at (1, 0) is kept: {out:?}");
    }

    #[test]
    fn closed_arcs_keep_their_shape() {
        let square = vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]];
        let out = douglas_peucker(&square, 0.01);
        assert_eq!(out, square);
        assert!((area(&out) - X_SCALE).abs() < 1e-12);
    }

    #[test]
    fn reversed_arcs_join_without_repeating_vertices() {
        let arcs = vec![
            vec![[0.0, 0.0], [1.0, 0.0]],
            vec![[0.0, 0.0], [0.0, 1.0], [1.0, 0.0]],
        ];
        let ring = [
            ArcRef {
                index: 0,
                reversed: false,
            },
            ArcRef {
                index: 1,
                reversed: true,
            },
        ];
        let points = ring_points(&arcs, &ring);
        assert_eq!(points, vec![[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 0.0]]);
    }
}
