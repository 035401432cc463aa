//! A plotters backend that lets a chart mark what it draws.
//!
//! plotters writes bare shapes (`<rect>`, `<line>`, `<text>`…) with no way to
//! say what a shape *is*. Tests, stylesheets and screen readers need that, so
//! [`Tagged`] renders each primitive with plotters' own `SVGBackend` into a
//! scratch string and copies the one element it wrote into the chart body,
//! adding the attributes the chart set beforehand (`class="bar"`,
//! `data-rank="53"`, see [`super::canvas::Canvas::tag`]). Writing SVG by hand
//! would mean re-doing plotters' escaping, anchors and styles; this keeps
//! them and adds only the attributes.

use std::cell::RefCell;
use std::io;
use std::rc::Rc;

use plotters::backend::SVGBackend;
use plotters::prelude::DrawingBackend;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};

/// Presentation attributes of every chart's root `<svg>`, which its elements inherit: the
/// font, the size of ordinary text ([`super::canvas::TEXT`]) and the ink of labels
/// ([`super::canvas::INK`]). Elements with these very values leave them out ([`lean`]).
pub(crate) const ROOT_STYLE: [&str; 3] = [
    " font-family=\"sans-serif\"",
    " font-size=\"14\"",
    " fill=\"#222222\"",
];

/// What the chart has drawn so far, and the attributes for the next shapes.
#[derive(Default)]
pub(crate) struct Sink {
    /// The SVG elements written so far.
    pub body: String,
    /// Attributes (each with a leading space) for the next elements.
    pub attrs: String,
}

/// A plotters backend that writes SVG through `SVGBackend`, one element per
/// primitive, each carrying the attributes set with [`Canvas::tag`].
pub(crate) struct Tagged {
    /// Size of the chart in pixels.
    pub size: (u32, u32),
    /// Where elements go; shared with the canvas that sets the attributes.
    pub sink: Rc<RefCell<Sink>>,
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
        let element = lean(element);
        let element = element.as_str();
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

/// plotters' element without what changes nothing on screen: `opacity="1"`; what SVG gives by
/// default (`stroke="none"` with its width, `text-anchor="start"`; no chart element sets either
/// on a group); what the root `<svg>` already sets and passes down ([`ROOT_STYLE`]: the font
/// family, the text size and ink); and the line breaks around a text's words (leading and
/// trailing white space of SVG text is not drawn). Over half of a chart's bytes, on every page
/// and embed that shows it.
fn lean(element: &str) -> String {
    // One pass, copying what stays: this runs for every element of every chart (a ranking page
    // at N = 700 has thousands), and one `replace` per pattern cost a tenth of a build.
    const DROP: [&str; 5] = [
        " opacity=\"1\"",
        " text-anchor=\"start\"",
        ROOT_STYLE[0],
        ROOT_STYLE[1],
        ROOT_STYLE[2],
    ];
    const NO_STROKE: &str = " stroke=\"none\"";
    const STROKE_WIDTH: &str = " stroke-width=\"";
    let no_stroke = element.contains(NO_STROKE);
    let text = element.starts_with("<text");
    let mut opened = false;
    let mut out = String::with_capacity(element.len());
    let mut rest = element;
    while let Some(c) = rest.chars().next() {
        if c == ' ' {
            if let Some(d) = DROP.iter().find(|d| rest.starts_with(**d)) {
                rest = &rest[d.len()..];
                continue;
            }
            if no_stroke && rest.starts_with(NO_STROKE) {
                rest = &rest[NO_STROKE.len()..];
                continue;
            }
            if no_stroke && rest.starts_with(STROKE_WIDTH) {
                let value = &rest[STROKE_WIDTH.len()..];
                rest = &value[value.find('"').map_or(value.len(), |e| e + 1)..];
                continue;
            }
        } else if text && c == '>' && !opened {
            // The line breaks around a text's words: after the opening tag, before the closing.
            opened = true;
            out.push('>');
            rest = rest[1..].strip_prefix('\n').unwrap_or(&rest[1..]);
            continue;
        } else if text && c == '\n' && rest.starts_with("\n</text>") {
            rest = &rest[1..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
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
