//! The pure-Rust fallback: layout-rs lays out and draws the plain-label model when Graphviz is
//! not installed. It reads plain and record labels, not HTML labels or clusters, so callers
//! hand it the [`Plain`](super::LabelStyle::Plain) model.
//!
//! layout-rs sizes its SVG canvas from a rough guess at each label (10 px of height per byte of
//! text), which leaves a multi-line label's picture mostly empty space. [`Tight`] watches what
//! is actually drawn and the canvas is cut to that; the font is switched to a sans-serif that
//! has δ, ŷ and ∂.

use layout::backends::svg::SVGWriter;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point;
use layout::core::style::StyleAttr;
use layout::gv::{DotParser, GraphBuilder};

use super::output::failure;
use crate::error::Result;

/// Lay out and draw `dot_text` (a plain-label DOT graph) as SVG.
pub fn svg(dot_text: &str) -> Result<Vec<u8>> {
    let ast = DotParser::new(dot_text).process().map_err(|e| {
        failure(crate::msg!(
            "render-layout-unreadable",
            error = format!("{e}")
        ))
    })?;
    // layout-rs asserts rather than returning errors in a few places; a panic there must
    // become an error, not a crash.
    let (svg, size) = std::panic::catch_unwind(move || {
        let mut builder = GraphBuilder::new();
        builder.visit_graph(&ast);
        let mut graph = builder.get();
        let mut out = Tight::new(SVGWriter::new());
        graph.do_it(false, false, false, &mut out);
        (out.inner.finalize(), out.max)
    })
    .map_err(|_| failure(crate::i18n::Message::new("render-layout-failed")))?;
    Ok(retouch(&svg, size).into_bytes())
}

/// Set the canvas to `size` and use a sans-serif font. Only the `<svg>` element's size and the
/// style sheet layout-rs writes are touched; the drawing is left as it is.
fn retouch(svg: &str, size: Point) -> String {
    let (w, h) = (size.x.ceil() + 10.0, size.y.ceil() + 10.0);
    let svg = svg.replace(
        "font-family: Times, serif;",
        "font-family: 'DejaVu Sans', sans-serif;",
    );
    let Some(start) = svg.find("<svg ") else {
        return svg;
    };
    let Some(len) = svg[start..].find('>') else {
        return svg;
    };
    format!(
        "{}\n<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\">{}",
        &svg[..start],
        &svg[start + len + 1..]
    )
}

/// A rendering backend that passes everything to `inner` and remembers the lowest and
/// rightmost point drawn.
struct Tight<B> {
    inner: B,
    max: Point,
}

impl<B> Tight<B> {
    fn new(inner: B) -> Self {
        Tight {
            inner,
            max: Point::new(0.0, 0.0),
        }
    }

    fn grow(&mut self, x: f64, y: f64) {
        self.max.x = self.max.x.max(x);
        self.max.y = self.max.y.max(y);
    }
}

impl<B: RenderBackend> RenderBackend for Tight<B> {
    fn draw_rect(
        &mut self,
        xy: Point,
        size: Point,
        look: &StyleAttr,
        properties: Option<String>,
        clip: Option<ClipHandle>,
    ) {
        self.grow(xy.x + size.x, xy.y + size.y);
        self.inner.draw_rect(xy, size, look, properties, clip);
    }

    fn draw_line(
        &mut self,
        start: Point,
        stop: Point,
        look: &StyleAttr,
        properties: Option<String>,
    ) {
        self.grow(start.x.max(stop.x), start.y.max(stop.y));
        self.inner.draw_line(start, stop, look, properties);
    }

    fn draw_circle(
        &mut self,
        xy: Point,
        size: Point,
        look: &StyleAttr,
        properties: Option<String>,
    ) {
        self.grow(xy.x + size.x / 2.0, xy.y + size.y / 2.0);
        self.inner.draw_circle(xy, size, look, properties);
    }

    fn draw_text(&mut self, xy: Point, text: &str, look: &StyleAttr) {
        // Centred at xy, one em per line, roughly half an em per character.
        let lines = text.lines().count().max(1) as f64;
        let chars = text.lines().map(|l| l.chars().count()).max().unwrap_or(0) as f64;
        let em = look.font_size as f64;
        self.grow(xy.x + chars * em * 0.3, xy.y + lines * em / 2.0 + em);
        self.inner.draw_text(xy, text, look);
    }

    fn draw_arrow(
        &mut self,
        path: &[(Point, Point)],
        dashed: bool,
        head: (bool, bool),
        look: &StyleAttr,
        properties: Option<String>,
        text: &str,
    ) {
        for (a, b) in path {
            self.grow(a.x.max(b.x), a.y.max(b.y));
        }
        self.inner
            .draw_arrow(path, dashed, head, look, properties, text);
    }

    fn create_clip(&mut self, xy: Point, size: Point, rounded_px: usize) -> ClipHandle {
        self.inner.create_clip(xy, size, rounded_px)
    }
}
