//! The drawing surface of every chart.
//!
//! Charts draw plotters elements in pixel coordinates on [`Canvas::root`],
//! mark what they draw with [`Canvas::tag`] (see [`super::backend`]), and
//! end with [`Canvas::finish`], which wraps the body into the accessible
//! `<svg>` root with its `<title>` and `<desc>`.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::rc::Rc;

use plotters::coord::Shift;
use plotters::element::{Drawable, PointCollection};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::Colour;
use super::backend::{ROOT_STYLE, Sink, Tagged};

/// Size of ordinary chart text in CSS pixels at the chart's natural width.
/// 14 (not 13) because plotters divides sizes by 1.24 and 13 would print as
/// `13.000000000000002`; 12 is the floor for phones.
pub(crate) const TEXT: f64 = 14.0;
/// Colour of labels and axis text: near-black reads well on white and grey.
pub(crate) const INK: Colour = Colour(0x22, 0x22, 0x22);
/// Colour of secondary text (tick labels).
pub(crate) const MUTED: Colour = Colour(0x55, 0x55, 0x55);
/// Colour of grid lines: visible, but below every data mark.
pub(crate) const GRID: Colour = Colour(0xDD, 0xDD, 0xDD);

thread_local! {
    /// Width of the chart being drawn: [`WIDE`] unless inside [`narrow`].
    static LAYOUT_WIDTH: std::cell::Cell<i32> = const { std::cell::Cell::new(WIDE) };
}

/// Natural width of the wide layout (desktop, print).
pub const WIDE: i32 = 640;
/// Natural width of the narrow layout: drawn for a 360 px phone, so text at [`TEXT`] stays at
/// or above 11 CSS px down to a 320 px screen.
pub const NARROW: i32 = 360;

/// Width of the chart being drawn. Every chart lays itself out from this (and from the size of
/// its text, which never changes), so one drawing function gives both layouts: fewer columns
/// of ticks, legends wrapped onto more lines, labels moved inside the narrower frame.
pub(crate) fn width() -> i32 {
    LAYOUT_WIDTH.with(std::cell::Cell::get)
}

/// Runs `draw` with charts laid out for a phone ([`NARROW`] wide). A thread-local rather than a
/// parameter because the width is ambient to every helper of every chart (axes, legends, label
/// placement), as a canvas size is; charts are drawn on one thread each (rayon), so it is safe.
pub fn narrow<T>(draw: impl FnOnce() -> T) -> T {
    struct Reset(i32);
    impl Drop for Reset {
        fn drop(&mut self) {
            LAYOUT_WIDTH.with(|w| w.set(self.0));
        }
    }
    let _reset = Reset(LAYOUT_WIDTH.with(|w| w.replace(NARROW)));
    draw()
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

    /// A pale rectangle with a dark outline: a bar whose figure is not published as such (a
    /// derived value), told apart from the others without colour.
    pub fn outlined_rect(&self, a: (i32, i32), b: (i32, i32), colour: Colour, opacity: f64) {
        self.draw(&Rectangle::new([a, b], colour.rgb().mix(opacity).filled()));
        let attrs = std::mem::take(&mut self.sink.borrow_mut().attrs);
        self.draw(&Rectangle::new(
            [a, b],
            plotters::style::ShapeStyle::from(&INK.rgb()).stroke_width(1),
        ));
        self.sink.borrow_mut().attrs = attrs;
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

    /// A hollow dot: white inside, a ring of `colour`. Marks a figure whose provenance differs
    /// from its series' (a derived value, a published aggregate), so it reads without colour.
    pub fn ring(&self, at: (i32, i32), radius: i32, colour: Colour) {
        // The white disc hides the line behind the ring; the tag goes on the ring alone, so a
        // marked point is one element, as a plain one is.
        let attrs = std::mem::take(&mut self.sink.borrow_mut().attrs);
        self.draw(&Circle::new(at, radius, plotters::style::WHITE.filled()));
        self.sink.borrow_mut().attrs = attrs;
        self.draw(&Circle::new(
            at,
            radius,
            plotters::style::ShapeStyle::from(&colour.rgb()).stroke_width(2),
        ));
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
             aria-labelledby=\"{id}-title {id}-desc\" class=\"chart\"{style}>\n\
             <title id=\"{id}-title\">{title}</title>\n<desc id=\"{id}-desc\">{desc}</desc>\n{body}</svg>\n",
            w = size.0,
            h = size.1,
            title = escape(title),
            desc = escape(desc),
            style = ROOT_STYLE.concat(),
        )
    }
}

use crate::text::escape;

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
        // Attributes that change nothing on screen are left out.
        assert!(svg.contains("<line stroke=\"#222222\""), "{svg}");
        assert!(
            !svg.contains(" opacity=\"1\"") && !svg.contains("stroke-width=\"1\"/>"),
            "{svg}"
        );
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
}
