//! Reading TopoJSON and GeoJSON into a [`Topology`].
//!
//! Written against `serde_json::Value` rather than a geo crate: we need only polygons, TopoJSON
//! support in Rust crates is thin, and walking the tree by hand lets every error say which
//! feature or arc is wrong.

use serde_json::{Map, Value};

use super::{ArcRef, CODE_PROPERTIES, Point, Polygon, RawUnit, Topology, arcs};

/// What identifies a feature: its id and its properties.
type Meta<'a> = (Option<&'a Value>, Option<&'a Map<String, Value>>);

/// Parses a TopoJSON `Topology` or a GeoJSON `FeatureCollection`.
pub(crate) fn parse(text: &str, code_property: Option<&str>) -> Result<Topology, String> {
    let root: Value = serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
    let expected = "expected a TopoJSON \"Topology\" or a GeoJSON \"FeatureCollection\"";
    match root.get("type").and_then(Value::as_str) {
        Some("Topology") => topojson(&root, code_property),
        Some("FeatureCollection") => geojson(&root, code_property),
        Some(other) => Err(format!("has type \"{other}\"; {expected}")),
        None => Err(format!("has no \"type\"; {expected}")),
    }
}

/// TopoJSON: decodes the (possibly quantized and delta-encoded) arcs, then the polygons of the
/// file's only object, which refer to arcs by index (`~i` for arc `i` walked backwards).
fn topojson(root: &Value, code_property: Option<&str>) -> Result<Topology, String> {
    let transform = match root.get("transform") {
        None | Some(Value::Null) => None,
        Some(t) => {
            Some(transform(t).ok_or("has a \"transform\" without numeric scale and translate")?)
        }
    };
    let raw = root
        .get("arcs")
        .and_then(Value::as_array)
        .ok_or("TopoJSON has no \"arcs\" array")?;
    let mut arcs = Vec::with_capacity(raw.len());
    for (i, arc) in raw.iter().enumerate() {
        let bad = || format!("arc {i} is not an array of [x, y] positions");
        let positions = arc.as_array().ok_or_else(bad)?;
        let mut points = Vec::with_capacity(positions.len());
        // Quantized arcs store the first position absolute and the others as deltas.
        let mut q = [0.0, 0.0];
        for pos in positions {
            let [x, y] = position(pos).ok_or_else(bad)?;
            points.push(match &transform {
                Some((scale, translate)) => {
                    q = [q[0] + x, q[1] + y];
                    [
                        q[0] * scale[0] + translate[0],
                        q[1] * scale[1] + translate[1],
                    ]
                }
                None => [x, y],
            });
        }
        if points.len() < 2 {
            return Err(format!("arc {i} has fewer than two positions"));
        }
        arcs.push(points);
    }

    let objects = root
        .get("objects")
        .and_then(Value::as_object)
        .ok_or("TopoJSON has no \"objects\"")?;
    let mut entries = objects.iter();
    let (name, object) = match (entries.next(), objects.len()) {
        (Some(entry), 1) => entry,
        (_, 0) => return Err("TopoJSON has no object in \"objects\"".into()),
        (_, n) => {
            let names: Vec<&str> = objects.keys().map(String::as_str).collect();
            return Err(format!(
                "has {n} objects ({}); expected one",
                names.join(", ")
            ));
        }
    };
    let geometries = object
        .get("geometries")
        .and_then(Value::as_array)
        .ok_or_else(|| format!("object \"{name}\" is not a GeometryCollection"))?;

    let mut metas = Vec::with_capacity(geometries.len());
    let mut shapes = Vec::with_capacity(geometries.len());
    for (i, g) in geometries.iter().enumerate() {
        let what = format!("geometry {i} of object \"{name}\"");
        let refs = g
            .get("arcs")
            .ok_or_else(|| format!("{what} has no \"arcs\""))?;
        let bad = || format!("{what} has malformed \"arcs\"");
        let polygons = match g.get("type").and_then(Value::as_str) {
            Some("Polygon") => vec![polygon_refs(refs, arcs.len()).ok_or_else(bad)?],
            Some("MultiPolygon") => refs
                .as_array()
                .ok_or_else(bad)?
                .iter()
                .map(|p| polygon_refs(p, arcs.len()))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(bad)?,
            other => {
                return Err(format!(
                    "{what} has type {other:?}; expected Polygon or MultiPolygon"
                ));
            }
        };
        metas.push((g.get("id"), g.get("properties").and_then(Value::as_object)));
        shapes.push(polygons);
    }
    let codes = codes(
        &metas,
        code_property,
        &format!("geometries of object \"{name}\""),
    )?;
    let units = codes
        .into_iter()
        .zip(shapes)
        .map(|(code, polygons)| RawUnit { code, polygons })
        .collect();
    Ok(Topology { arcs, units })
}

/// GeoJSON: reads every feature's rings, then rebuilds shared arcs from equal vertices.
fn geojson(root: &Value, code_property: Option<&str>) -> Result<Topology, String> {
    let features = root
        .get("features")
        .and_then(Value::as_array)
        .ok_or("GeoJSON FeatureCollection has no \"features\" array")?;
    let mut metas = Vec::with_capacity(features.len());
    let mut shapes = Vec::with_capacity(features.len());
    for (i, f) in features.iter().enumerate() {
        let what = format!("feature {i}");
        let g = f
            .get("geometry")
            .filter(|g| !g.is_null())
            .ok_or_else(|| format!("{what} has no geometry"))?;
        let coords = g
            .get("coordinates")
            .ok_or_else(|| format!("{what} has no \"coordinates\""))?;
        let bad = || format!("{what} has malformed \"coordinates\"");
        let polygons = match g.get("type").and_then(Value::as_str) {
            Some("Polygon") => vec![polygon_points(coords).ok_or_else(bad)?],
            Some("MultiPolygon") => coords
                .as_array()
                .ok_or_else(bad)?
                .iter()
                .map(polygon_points)
                .collect::<Option<Vec<_>>>()
                .ok_or_else(bad)?,
            other => {
                return Err(format!(
                    "{what} has type {other:?}; expected Polygon or MultiPolygon"
                ));
            }
        };
        metas.push((f.get("id"), f.get("properties").and_then(Value::as_object)));
        shapes.push(polygons);
    }
    let codes = codes(&metas, code_property, "features")?;
    let (arcs, polygons) = arcs::build(shapes);
    let units = codes
        .into_iter()
        .zip(polygons)
        .map(|(code, polygons)| RawUnit { code, polygons })
        .collect();
    Ok(Topology { arcs, units })
}

/// TopoJSON `transform`: `(scale, translate)`.
fn transform(t: &Value) -> Option<(Point, Point)> {
    Some((position(t.get("scale")?)?, position(t.get("translate")?)?))
}

/// The first two numbers of a position (a third, the altitude, is ignored).
fn position(v: &Value) -> Option<Point> {
    match v.as_array()?.as_slice() {
        [x, y, ..] => Some([x.as_f64()?, y.as_f64()?]),
        _ => None,
    }
}

/// One TopoJSON polygon: rings of arc indices.
fn polygon_refs(v: &Value, arc_count: usize) -> Option<Polygon> {
    v.as_array()?
        .iter()
        .map(|ring| {
            ring.as_array()?
                .iter()
                .map(|i| {
                    let i = i.as_i64()?;
                    // `~i` (= -i - 1) means arc i walked backwards.
                    let (index, reversed) = if i >= 0 { (i, false) } else { (!i, true) };
                    let index = usize::try_from(index).ok().filter(|&x| x < arc_count)?;
                    Some(ArcRef { index, reversed })
                })
                .collect()
        })
        .collect()
}

/// One GeoJSON polygon: rings of positions.
fn polygon_points(v: &Value) -> Option<Vec<Vec<Point>>> {
    v.as_array()?
        .iter()
        .map(|ring| ring.as_array()?.iter().map(position).collect())
        .collect()
}

/// A code given as a string or a number.
fn code_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The unit code of each feature: `wanted` if given (every feature must have it), else the
/// first candidate of [`CODE_PROPERTIES`] every feature has with distinct values, else the id.
fn codes(metas: &[Meta], wanted: Option<&str>, what: &str) -> Result<Vec<String>, String> {
    let by_property = |name: &str| -> Vec<Option<String>> {
        metas
            .iter()
            .map(|(_, props)| props.and_then(|p| p.get(name)).and_then(code_text))
            .collect()
    };
    if let Some(name) = wanted {
        return by_property(name)
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                c.ok_or_else(|| format!("item {i} of the {what} has no property `{name}`"))
            })
            .collect();
    }
    let candidates = CODE_PROPERTIES
        .iter()
        .map(|name| by_property(name))
        .chain(std::iter::once(
            metas.iter().map(|(id, _)| id.and_then(code_text)).collect(),
        ));
    for found in candidates {
        let codes: Option<Vec<String>> = found.into_iter().collect();
        if let Some(codes) = codes {
            let distinct: std::collections::BTreeSet<&String> = codes.iter().collect();
            if distinct.len() == codes.len() {
                return Ok(codes);
            }
        }
    }
    Err(format!(
        "no unit code: none of the properties {} nor the id is present on all {what} with \
         distinct values; name the code property",
        CODE_PROPERTIES.map(|p| format!("`{p}`")).join(", ")
    ))
}
