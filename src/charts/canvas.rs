//! The drawing surface of every chart: plotters' SVG backend behind a thin
//! wrapper that lets a chart mark what it draws.
//!
//! plotters writes bare shapes (`<rect>`, `<line>`, `<text>`…) with no way to
//! say what a shape *is*. Tests, stylesheets and screen readers need that, so
//! [`Tagged`] renders each primitive with plotters' own `SVGBackend` into a
//! scratch string and copies the one element it wrote into the chart body,
//! adding the attributes the chart set beforehand (`class="bar"`,
//! `data-rank="53"`). The body then gets the accessible `<svg>` root, `<title>`
//! and `<desc>` in [`Canvas::finish`].

use std::cell::RefCell;
use std::fmt::Write as _;
use std::io;
use std::rc::Rc;

use plotters::backend::SVGBackend;
use plotters::coord::Shift;
use plotters::element::{Drawable, PointCollection};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};

use super::Colour;

/// Size of ordinary chart text in CSS pixels at the chart's natural width.
/// 14 (not 13) because plotters divides sizes by 1.24 and 13 would print as
/// `13.000000000000002`; 12 is the floor for phones.
pub(crate) const TEXT: f64 = 14.0;
/// Size of emphasised text (the highlighted unit's label).
pub(crate) const STRONG: f64 = 16.0;
/// Colour of labels and axis text: near-black reads well on white and grey.
pub(crate) const INK: Colour = Colour(0x22, 0x22, 0x22);
/// Colour of secondary text (tick labels).
pub(crate) const MUTED: Colour = Colour(0x55, 0x55, 0x55);
/// Colour of grid lines: visible, but below every data mark.
pub(crate) const GRID: Colour = Colour(0xDD, 0xDD, 0xDD);

/// What the chart has drawn so far, and the attributes for the next shapes.
#[derive(Default)]
struct Sink {
    body: String,
    attrs: String,
}

/// A plotters backend that writes SVG through `SVGBackend`, one element per
/// primitive, each carrying the attributes set with [`Canvas::tag`].
pub(crate) struct Tagged {
    size: (u32, u32),
    sink: Rc<RefCell<Sink>>,
}

/// The error type of plotters' SVG backend; writing to a `String` never fails.
type Failure = DrawingErrorKind<io::Error>;

impl Tagged {
    /// Runs one primitive on a throw-away `SVGBackend` and keeps the element
    /// it wrote (none when the colour was fully transparent).
    fn emit(
        &self,
        draw: impl FnOnce(&mut SVGBackend<'_>) -> Result<(), Failure>,
    ) -> Result<(), Failure> {
        let mut scratch = String::new();
        {
            let mut svg = SVGBackend::with_string(&mut scratch, self.size);
            draw(&mut svg)?;
            svg.present()?;
        }
        // scratch is "<svg …>\n<element…/>\n</svg>\n".
        let start = scratch.find('\n').map_or(scratch.len(), |i| i + 1);
        let end = scratch.rfind("</svg>").unwrap_or(scratch.len()).max(start);
        let element = &scratch[start..end];
        if element.is_empty() {
            return Ok(());
        }
        let mut sink = self.sink.borrow_mut();
        let Sink { body, attrs } = &mut *sink;
        let name_end = element[1..]
            .find([' ', '/', '>'])
            .map_or(element.len(), |i| i + 1);
        body.push_str(&element[..name_end]);
        body.push_str(attrs);
        body.push_str(&element[name_end..]);
        Ok(())
    }
}

impl DrawingBackend for Tagged {
    type ErrorType = io::Error;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), Failure> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), Failure> {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Failure> {
        self.emit(|svg| svg.draw_pixel(point, color))
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Failure> {
        self.emit(|svg| svg.draw_line(from, to, style))
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure> {
        self.emit(|svg| svg.draw_rect(upper_left, bottom_right, style, fill))
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Failure> {
        let points: Vec<_> = path.into_iter().collect();
        // A two-point path is a `<line>`: simpler to read, style and query.
        if let [from, to] = points[..] {
            return self.draw_line(from, to, style);
        }
        self.emit(|svg| svg.draw_path(points, style))
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure> {
        self.emit(|svg| svg.draw_circle(center, radius, style, fill))
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Failure> {
        self.emit(|svg| svg.fill_polygon(vert, style))
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), Failure> {
        self.emit(|svg| svg.draw_text(text, style, pos))
    }
}

/// A chart being drawn: the plotters root area in pixel coordinates (origin
/// top left) and the body it writes to.
pub(crate) struct Canvas {
    /// The whole chart, in pixels.
    pub root: DrawingArea<Tagged, Shift>,
    sink: Rc<RefCell<Sink>>,
    size: (u32, u32),
}

impl Canvas {
    /// An empty chart of `width` × `height` pixels (its viewBox).
    pub fn new(width: u32, height: u32) -> Canvas {
        let sink = Rc::new(RefCell::new(Sink::default()));
        let size = (width, height);
        let backend = Tagged {
            size,
            sink: Rc::clone(&sink),
        };
        Canvas {
            root: backend.into_drawing_area(),
            sink,
            size,
        }
    }

    /// Gives the shapes drawn from now on `class="…"` and `data-*`
    /// attributes (names without the `data-` prefix).
    pub fn tag(&self, class: &str, data: &[(&str, &str)]) {
        let mut attrs = String::new();
        if !class.is_empty() {
            let _ = write!(attrs, " class=\"{}\"", escape(class));
        }
        for (name, value) in data {
            let _ = write!(attrs, " data-{name}=\"{}\"", escape(value));
        }
        self.sink.borrow_mut().attrs = attrs;
    }

    /// Shapes drawn from now on get no extra attributes.
    pub fn untag(&self) {
        self.sink.borrow_mut().attrs.clear();
    }

    /// Opens `<g class="…">`; pair with [`Canvas::close_group`].
    pub fn open_group(&self, class: &str) {
        let _ = writeln!(
            self.sink.borrow_mut().body,
            "<g class=\"{}\">",
            escape(class)
        );
    }

    /// Closes the group opened last.
    pub fn close_group(&self) {
        self.sink.borrow_mut().body.push_str("</g>\n");
    }

    /// Draws one plotters element in pixel coordinates.
    pub fn draw<E>(&self, element: &E)
    where
        for<'a> &'a E: PointCollection<'a, (i32, i32)>,
        E: Drawable<Tagged>,
    {
        // The backend only appends to a String and plotters' built-in font
        // metrics cannot fail, so an error here is a bug, not bad input.
        self.root
            .draw(element)
            .expect("drawing into memory cannot fail");
    }

    /// Draws `text` at `at` with the given size, anchor, colour and weight.
    pub fn text(
        &self,
        text: &str,
        at: (i32, i32),
        size: f64,
        anchor: (HPos, VPos),
        colour: Colour,
        bold: bool,
    ) {
        let weight = if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        // plotters writes font-size as size / 1.24, so undo that here.
        let style = ("sans-serif", size * 1.24, weight)
            .into_font()
            .color(&colour.rgb())
            .pos(Pos::new(anchor.0, anchor.1));
        self.draw(&Text::new(text.to_owned(), at, style));
    }

    /// Text on a translucent white box, for value labels that may sit on
    /// lines: the box keeps them legible.
    pub fn boxed_text(
        &self,
        text: &str,
        at: (i32, i32),
        anchor: (HPos, VPos),
        colour: Colour,
        bold: bool,
    ) {
        let w = text_width(text, TEXT) + 4;
        let h = TEXT as i32 + 2;
        let x0 = match anchor.0 {
            HPos::Left => at.0 - 2,
            HPos::Center => at.0 - w / 2,
            HPos::Right => at.0 - w + 2,
        };
        let y0 = match anchor.1 {
            VPos::Top => at.1 - 1,
            VPos::Center => at.1 - h / 2,
            VPos::Bottom => at.1 - h + 1,
        };
        self.rect((x0, y0), (x0 + w, y0 + h), Colour(0xFF, 0xFF, 0xFF), 0.85);
        self.text(text, at, TEXT, anchor, colour, bold);
    }

    /// A straight line from `a` to `b`, `width` pixels wide.
    pub fn line(&self, a: (i32, i32), b: (i32, i32), colour: Colour, width: u32) {
        // `Color::` because plotters-backend's BackendStyle has a same-named method.
        self.draw(&PathElement::new(
            vec![a, b],
            Color::stroke_width(&colour.rgb(), width),
        ));
    }

    /// A filled rectangle between two corners, at `opacity` (0–1).
    pub fn rect(&self, a: (i32, i32), b: (i32, i32), colour: Colour, opacity: f64) {
        self.draw(&Rectangle::new([a, b], colour.rgb().mix(opacity).filled()));
    }

    /// A filled polygon through `points`, at `opacity` (0–1).
    pub fn polygon(&self, points: Vec<(i32, i32)>, colour: Colour, opacity: f64) {
        self.draw(&Polygon::new(points, colour.rgb().mix(opacity).filled()));
    }

    /// A polyline through `points`, `width` pixels wide.
    pub fn path(&self, points: Vec<(i32, i32)>, colour: Colour, width: u32) {
        self.draw(&PathElement::new(
            points,
            Color::stroke_width(&colour.rgb(), width),
        ));
    }

    /// A filled dot of `radius` pixels.
    pub fn dot(&self, at: (i32, i32), radius: i32, colour: Colour) {
        self.draw(&Circle::new(at, radius, colour.rgb().filled()));
    }

    /// A filled dot at `opacity` (0–1), for marks that may overlap.
    pub fn faint_dot(&self, at: (i32, i32), radius: i32, colour: Colour, opacity: f64) {
        self.draw(&Circle::new(at, radius, colour.rgb().mix(opacity).filled()));
    }

    /// Wraps the body into a standalone, accessible SVG document: `role="img"`,
    /// `<title>` and `<desc>` first, both named by `aria-labelledby`, ids
    /// derived from `id`, and a viewBox but no fixed size, so it scales.
    pub fn finish(self, id: &str, title: &str, desc: &str) -> String {
        let Canvas { root, sink, size } = self;
        drop(root);
        let body = std::mem::take(&mut sink.borrow_mut().body);
        let id = clean_id(id);
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" role=\"img\" \
             aria-labelledby=\"{id}-title {id}-desc\" class=\"chart\" font-family=\"sans-serif\">\n\
             <title id=\"{id}-title\">{title}</title>\n<desc id=\"{id}-desc\">{desc}</desc>\n{body}</svg>\n",
            w = size.0,
            h = size.1,
            title = escape(title),
            desc = escape(desc),
        )
    }
}

/// Escapes text for XML content and double-quoted attributes.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Turns a caller's id into a valid XML id: ASCII letters, digits, `-` and
/// `_`, starting with a letter. Deterministic, so builds stay byte-identical.
pub(crate) fn clean_id(id: &str) -> String {
    let mut out: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.insert_str(0, "chart-");
    }
    out
}

/// Estimated width in pixels of `text` at `size`: 0.56 em a character is a
/// safe average for sans-serif Latin with Vietnamese marks (marks stack, they
/// do not widen). Used to make room for labels, never to centre them: SVG
/// anchors do that exactly.
pub(crate) fn text_width(text: &str, size: f64) -> i32 {
    (text.chars().count() as f64 * size * 0.56).ceil() as i32
}

/// A linear map from data values to pixels.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Scale {
    /// Data interval.
    pub from: (f64, f64),
    /// Pixel interval; may run backwards (y grows downwards).
    pub to: (f64, f64),
}

impl Scale {
    /// The pixel for data value `v`.
    pub fn at(self, v: f64) -> i32 {
        let (d0, d1) = self.from;
        let (p0, p1) = self.to;
        let t = if d1 == d0 { 0.5 } else { (v - d0) / (d1 - d0) };
        (p0 + t * (p1 - p0)).round() as i32
    }
}

/// Round tick values covering `lo..=hi` with about `target` steps of 1, 2 or
/// 5 × 10ⁿ, and the decimals their labels need.
pub(crate) fn nice_ticks(lo: f64, hi: f64, target: usize) -> (Vec<f64>, usize) {
    let span = (hi - lo).max(1e-9);
    let raw = span / target.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let m = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .find(|m| m * magnitude >= raw)
        .unwrap_or(10.0);
    let step = m * magnitude;
    let places = (-step.log10().floor()).max(0.0) as usize;
    let first = (lo / step + 1e-9).floor() as i64;
    let last = (hi / step - 1e-9).ceil() as i64;
    // i × m / 10ⁿ rather than i × step: 9 × 0.1 is 0.9000000000000001,
    // 9 × 1 / 10 is 0.9, and ticks are compared and printed.
    let tick = |i: i64| {
        if magnitude < 1.0 {
            i as f64 * m / (1.0 / magnitude).round()
        } else {
            i as f64 * step
        }
    };
    ((first..=last).map(tick).collect(), places)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_on_the_element_plotters_wrote() {
        let canvas = Canvas::new(100, 50);
        canvas.tag("bar", &[("unit", "Hà \"Nội\"")]);
        canvas.rect((0, 0), (10, 10), Colour(0, 0x72, 0xB2), 1.0);
        canvas.untag();
        canvas.line((0, 0), (5, 5), INK, 1);
        let svg = canvas.finish("t 1", "T", "D");
        assert!(
            svg.contains("<rect class=\"bar\" data-unit=\"Hà &quot;Nội&quot;\" x=\"0\""),
            "{svg}"
        );
        assert!(svg.contains("<line opacity"), "{svg}");
        assert!(svg.contains("aria-labelledby=\"t-1-title t-1-desc\""));
    }

    #[test]
    fn ids_are_clean_and_stable() {
        let rows = [
            ("ninh-thuan", "ninh-thuan"),
            ("2024 x", "chart-2024-x"),
            ("a/b", "a-b"),
        ];
        for (raw, clean) in rows {
            assert_eq!(clean_id(raw), clean);
        }
    }

    #[test]
    fn nice_ticks_table() {
        let rows: &[(f64, f64, usize, &[f64], usize)] = &[
            (0.3, 0.8, 5, &[0.3, 0.4, 0.5, 0.6, 0.7, 0.8], 1),
            (0.0, 1.0, 4, &[0.0, 0.5, 1.0], 1),
            (0.52, 0.61, 4, &[0.5, 0.55, 0.6, 0.65], 2),
        ];
        for &(lo, hi, n, want, places) in rows {
            let (ticks, p) = nice_ticks(lo, hi, n);
            assert_eq!(p, places, "{lo}..{hi}");
            assert_eq!(ticks.len(), want.len(), "{lo}..{hi}: {ticks:?}");
            for (t, w) in ticks.iter().zip(want) {
                assert!((t - w).abs() < 1e-9, "{lo}..{hi}: {ticks:?}");
            }
        }
    }

    #[test]
    fn scale_maps_both_ways() {
        let s = Scale {
            from: (0.0, 1.0),
            to: (300.0, 100.0),
        };
        assert_eq!(s.at(0.0), 300);
        assert_eq!(s.at(1.0), 100);
        assert_eq!(s.at(0.5), 200);
    }
}
