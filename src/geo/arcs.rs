//! Shared arcs rebuilt from GeoJSON rings.
//!
//! GeoJSON stores each polygon on its own, so a border between two provinces is stored twice.
//! Simplifying the two copies separately would open slivers between neighbours. Like the
//! `topojson` tool, we cut every ring at its *junctions* — vertices where the rings passing
//! through them part ways — and keep each stretch between junctions once. This relies on shared
//! vertices being exactly equal, which holds for the bundled 34-province file (coordinates
//! rounded to 3 decimals, and every border edge appears in both neighbours).

use std::collections::HashMap;

use super::{ArcRef, Point, Polygon};

/// A vertex compared bit for bit, as a hash key.
type Key = (u64, u64);

fn key(p: Point) -> Key {
    (p[0].to_bits(), p[1].to_bits())
}

/// What we know of a vertex: the neighbours it was first seen between, or that it is a
/// junction (seen between different neighbours).
#[derive(Clone, Copy, PartialEq)]
enum Seen {
    Between(Key, Key),
    Junction,
}

/// Turns units → polygons → rings of points into shared arcs and units → polygons → rings of
/// arc references. Rings with fewer than three distinct vertices are dropped.
pub(crate) fn build(units: Vec<Vec<Vec<Vec<Point>>>>) -> (Vec<Vec<Point>>, Vec<Vec<Polygon>>) {
    // Open rings (no repeated closing vertex), without consecutive duplicates.
    let units: Vec<Vec<Vec<Vec<Point>>>> = units
        .into_iter()
        .map(|polys| {
            polys
                .into_iter()
                .filter_map(|rings| {
                    // A polygon whose outer ring is degenerate is dropped with its holes.
                    let mut rings = rings.into_iter();
                    let outer = open_ring(rings.next()?)?;
                    Some(
                        std::iter::once(outer)
                            .chain(rings.filter_map(open_ring))
                            .collect(),
                    )
                })
                .collect()
        })
        .collect();

    let mut seen: HashMap<Key, Seen> = HashMap::new();
    for ring in units.iter().flatten().flatten() {
        let n = ring.len();
        for i in 0..n {
            let (a, b) = (key(ring[(i + n - 1) % n]), key(ring[(i + 1) % n]));
            // Unordered: a shared border is walked in opposite directions by the two sides.
            let pair = if a <= b {
                Seen::Between(a, b)
            } else {
                Seen::Between(b, a)
            };
            seen.entry(key(ring[i]))
                .and_modify(|s| {
                    if *s != pair {
                        *s = Seen::Junction;
                    }
                })
                .or_insert(pair);
        }
    }

    let mut cutter = Cutter {
        arcs: Vec::new(),
        index: HashMap::new(),
    };
    let shapes = units
        .iter()
        .map(|polys| {
            polys
                .iter()
                .map(|rings| rings.iter().map(|r| cutter.ring(r, &seen)).collect())
                .collect()
        })
        .collect();
    (cutter.arcs, shapes)
}

/// Drops consecutive duplicates and the closing vertex; `None` if fewer than three remain.
fn open_ring(mut ring: Vec<Point>) -> Option<Vec<Point>> {
    ring.dedup();
    if ring.len() > 1 && ring.first() == ring.last() {
        ring.pop();
    }
    (ring.len() >= 3).then_some(ring)
}

/// Collects distinct arcs; `index` finds an arc by its vertex keys, in either direction.
struct Cutter {
    arcs: Vec<Vec<Point>>,
    index: HashMap<Vec<Key>, usize>,
}

impl Cutter {
    /// Cuts one open ring at its junctions and returns the arcs that make it.
    fn ring(&mut self, ring: &[Point], seen: &HashMap<Key, Seen>) -> Vec<ArcRef> {
        let n = ring.len();
        let junctions: Vec<usize> = (0..n)
            .filter(|&i| seen.get(&key(ring[i])) == Some(&Seen::Junction))
            .collect();
        let Some(&first) = junctions.first() else {
            // No junction: an island, or a ring shared whole (an enclave and the hole around
            // it). Start at the smallest vertex so that both copies of a shared ring start at
            // the same place and are found equal.
            let start = (0..n).min_by_key(|&i| key(ring[i])).unwrap_or(0);
            let arc: Vec<Point> = (0..=n).map(|k| ring[(start + k) % n]).collect();
            return vec![self.arc(arc)];
        };
        let mut refs = Vec::with_capacity(junctions.len());
        let mut arc = vec![ring[first]];
        for k in 1..=n {
            let i = (first + k) % n;
            arc.push(ring[i]);
            if k == n || seen.get(&key(ring[i])) == Some(&Seen::Junction) {
                refs.push(self.arc(std::mem::replace(&mut arc, vec![ring[i]])));
            }
        }
        refs
    }

    /// The reference to `arc`, adding it unless it (or its reverse) is already known.
    fn arc(&mut self, arc: Vec<Point>) -> ArcRef {
        let keys: Vec<Key> = arc.iter().map(|&p| key(p)).collect();
        if let Some(&index) = self.index.get(&keys) {
            return ArcRef {
                index,
                reversed: false,
            };
        }
        let reversed: Vec<Key> = keys.iter().rev().copied().collect();
        if let Some(&index) = self.index.get(&reversed) {
            return ArcRef {
                index,
                reversed: true,
            };
        }
        let index = self.arcs.len();
        self.index.insert(keys, index);
        self.arcs.push(arc);
        ArcRef {
            index,
            reversed: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x: f64, y: f64) -> Vec<Point> {
        vec![
            [x, y],
            [x + 1.0, y],
            [x + 1.0, y + 1.0],
            [x, y + 1.0],
            [x, y],
        ]
    }

    #[test]
    fn neighbours_share_their_border_arc() {
        // Two unit squares side by side share the edge x = 1; the second is walked the other
        // way round, as it would be in a file.
        let mut right = square(1.0, 0.0);
        right.reverse();
        let (arcs, shapes) = build(vec![vec![vec![square(0.0, 0.0)]], vec![vec![right]]]);
        let left_refs = &shapes[0][0][0];
        let right_refs = &shapes[1][0][0];
        let shared: Vec<_> = left_refs
            .iter()
            .filter(|a| right_refs.iter().any(|b| b.index == a.index))
            .collect();
        assert_eq!(shared.len(), 1, "exactly one shared arc: {arcs:?}");
        let border = &arcs[shared[0].index];
        assert!(
            border.iter().all(|p| p[0] == 1.0),
            "the shared arc is x = 1: {border:?}"
        );
        // 1 shared + 1 outer arc per square.
        assert_eq!(arcs.len(), 3);
    }

    #[test]
    fn lone_island_is_one_closed_arc() {
        let (arcs, shapes) = build(vec![vec![vec![square(5.0, 5.0)]]]);
        assert_eq!(arcs.len(), 1);
        assert_eq!(arcs[0].first(), arcs[0].last());
        assert_eq!(arcs[0].len(), 5);
        assert_eq!(shapes[0][0][0].len(), 1);
    }

    #[test]
    fn degenerate_rings_are_dropped() {
        let line = vec![[0.0, 0.0], [1.0, 0.0], [0.0, 0.0]];
        let (arcs, shapes) = build(vec![vec![vec![line]]]);
        assert!(arcs.is_empty());
        assert!(shapes[0].is_empty());
    }
}
