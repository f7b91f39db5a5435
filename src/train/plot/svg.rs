//! A plotters drawing backend that writes exactly the SVG text of plotters' own `SVGBackend`,
//! byte for byte, at a fraction of its cost.
//!
//! `SVGBackend` formats every attribute into a `String` of its own (`format!` for each
//! coordinate, colour and opacity) and pushes text one character at a time: drawing the
//! training plot (about 15 KB of SVG) took a quarter of a short `deltagraph train` run. This
//! backend writes into the output directly: integers through `itoa`, a colour's hex digits by
//! hand, each distinct opacity and font size formatted once (with `Display`, as plotters does).
//! plotters still decides everything drawn (layout, ticks, labels); only the writing is
//! here. The tests draw every kind of element, and the real plot, with both backends and
//! compare the text.

use std::convert::Infallible;

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle, FontTransform,
};

/// An SVG document written into a `String`, as `SVGBackend::with_string` writes it.
pub struct SvgString<'a> {
    out: &'a mut String,
    size: (u32, u32),
    /// Whether the `<svg>` element has been closed.
    closed: bool,
    /// Each number written with `Display` so far (opacities, font sizes), with its text.
    decimals: Vec<(u64, String)>,
}

type Drawn = Result<(), DrawingErrorKind<Infallible>>;

impl<'a> SvgString<'a> {
    /// A document of `size` pixels, appended to `out`.
    pub fn new(out: &'a mut String, (width, height): (u32, u32)) -> Self {
        let mut svg = SvgString {
            out,
            size: (width, height),
            closed: false,
            decimals: Vec::new(),
        };
        svg.out.push_str("<svg");
        svg.int_attr("width", width);
        svg.int_attr("height", height);
        svg.out.push_str(" viewBox=\"0 0 ");
        svg.int(width);
        svg.out.push(' ');
        svg.int(height);
        svg.out
            .push_str("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        svg
    }

    fn int(&mut self, n: impl itoa::Integer) {
        self.out.push_str(itoa::Buffer::new().format(n));
    }

    /// ` name="n"`.
    fn int_attr(&mut self, name: &str, n: impl itoa::Integer) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        self.int(n);
        self.out.push('"');
    }

    /// ` name="x"`, `x` as `Display` writes it (`1`, `0.2`, `19.35483870967742`).
    fn decimal_attr(&mut self, name: &str, x: f64) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        let bits = x.to_bits();
        match self.decimals.iter().position(|(b, _)| *b == bits) {
            Some(k) => self.out.push_str(&self.decimals[k].1),
            None => {
                let text = x.to_string();
                self.out.push_str(&text);
                self.decimals.push((bits, text));
            }
        }
        self.out.push('"');
    }

    /// ` name="value"`, `value` escaped.
    fn text_attr(&mut self, name: &str, value: &str) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        escape_into(self.out, value);
        self.out.push('"');
    }

    /// ` name="#RRGGBB"`.
    fn colour_attr(&mut self, name: &str, colour: BackendColor) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let (r, g, b) = colour.rgb;
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"#");
        for byte in [r, g, b] {
            self.out.push(HEX[usize::from(byte >> 4)] as char);
            self.out.push(HEX[usize::from(byte & 15)] as char);
        }
        self.out.push('"');
    }

    /// ` name="none"`, or the colour.
    fn colour_or_none(&mut self, name: &str, colour: Option<BackendColor>) {
        match colour {
            Some(c) => self.colour_attr(name, c),
            None => self.text_attr(name, "none"),
        }
    }

    /// ` points="x,y x,y "`.
    fn points_attr(&mut self, points: impl IntoIterator<Item = BackendCoord>) {
        self.out.push_str(" points=\"");
        for (x, y) in points {
            self.int(x);
            self.out.push(',');
            self.int(y);
            self.out.push(' ');
        }
        self.out.push('"');
    }

    /// Starts the element `tag` (`<line`) drawn in `colour`: false, and nothing written, for a
    /// colour that is fully transparent (`SVGBackend` skips those).
    fn start(&mut self, tag: &str, colour: BackendColor) -> bool {
        if colour.alpha == 0.0 {
            return false;
        }
        self.out.push_str(tag);
        true
    }

    /// The opacity, stroke colour and width of a line or a polyline.
    fn stroke_attrs(&mut self, colour: BackendColor, width: u32) {
        self.decimal_attr("opacity", colour.alpha);
        self.colour_attr("stroke", colour);
        self.int_attr("stroke-width", width);
    }

    fn end_empty_tag(&mut self) {
        self.out.push_str("/>\n");
    }
}

/// `value` with `<`, `>`, `&`, `"` and `'` as entities, as `SVGBackend` escapes.
fn escape_into(out: &mut String, value: &str) {
    let mut rest = value;
    while let Some(k) = rest.find(['<', '>', '&', '"', '\'']) {
        out.push_str(&rest[..k]);
        out.push_str(match rest.as_bytes()[k] {
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'&' => "&amp;",
            b'"' => "&quot;",
            _ => "&apos;",
        });
        rest = &rest[k + 1..];
    }
    out.push_str(rest);
}

impl DrawingBackend for SvgString<'_> {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Drawn {
        Ok(())
    }

    fn present(&mut self) -> Drawn {
        if !self.closed {
            self.out.push_str("</svg>\n");
            self.closed = true;
        }
        Ok(())
    }

    fn draw_pixel(&mut self, (x, y): BackendCoord, colour: BackendColor) -> Drawn {
        if !self.start("<rect", colour) {
            return Ok(());
        }
        self.int_attr("x", x);
        self.int_attr("y", y);
        self.out
            .push_str(" width=\"1\" height=\"1\" stroke=\"none\"");
        self.decimal_attr("opacity", colour.alpha);
        self.colour_attr("fill", colour);
        self.end_empty_tag();
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Drawn {
        let colour = style.color();
        if !self.start("<line", colour) {
            return Ok(());
        }
        self.stroke_attrs(colour, style.stroke_width());
        self.int_attr("x1", from.0);
        self.int_attr("y1", from.1);
        self.int_attr("x2", to.0);
        self.int_attr("y2", to.1);
        self.end_empty_tag();
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawn {
        let colour = style.color();
        if !self.start("<rect", colour) {
            return Ok(());
        }
        self.int_attr("x", upper_left.0);
        self.int_attr("y", upper_left.1);
        self.int_attr("width", bottom_right.0 - upper_left.0);
        self.int_attr("height", bottom_right.1 - upper_left.1);
        self.decimal_attr("opacity", colour.alpha);
        self.colour_or_none("fill", fill.then_some(colour));
        self.colour_or_none("stroke", (!fill).then_some(colour));
        self.end_empty_tag();
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        let colour = style.color();
        if !self.start("<polyline fill=\"none\"", colour) {
            return Ok(());
        }
        self.stroke_attrs(colour, style.stroke_width());
        self.points_attr(path);
        self.end_empty_tag();
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        let colour = style.color();
        if !self.start("<polygon", colour) {
            return Ok(());
        }
        self.decimal_attr("opacity", colour.alpha);
        self.colour_attr("fill", colour);
        self.points_attr(path);
        self.end_empty_tag();
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Drawn {
        let colour = style.color();
        if !self.start("<circle", colour) {
            return Ok(());
        }
        self.int_attr("cx", center.0);
        self.int_attr("cy", center.1);
        self.int_attr("r", radius);
        self.decimal_attr("opacity", colour.alpha);
        self.colour_or_none("fill", fill.then_some(colour));
        self.colour_or_none("stroke", (!fill).then_some(colour));
        self.int_attr("stroke-width", style.stroke_width());
        self.end_empty_tag();
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        (x, y): BackendCoord,
    ) -> Drawn {
        let colour = style.color();
        if !self.start("<text", colour) {
            return Ok(());
        }
        let anchor = style.anchor();
        self.int_attr("x", x);
        self.int_attr("y", y);
        self.text_attr(
            "dy",
            match anchor.v_pos {
                VPos::Top => "0.76em",
                VPos::Center => "0.5ex",
                VPos::Bottom => "-0.5ex",
            },
        );
        self.text_attr(
            "text-anchor",
            match anchor.h_pos {
                HPos::Left => "start",
                HPos::Right => "end",
                HPos::Center => "middle",
            },
        );
        self.text_attr("font-family", style.family().as_str());
        self.decimal_attr("font-size", style.size() / 1.24);
        self.decimal_attr("opacity", colour.alpha);
        self.colour_attr("fill", colour);
        match style.style() {
            FontStyle::Normal => {}
            FontStyle::Bold => self.text_attr("font-weight", "bold"),
            other => self.text_attr("font-style", other.as_str()),
        }
        let degrees = match style.transform() {
            FontTransform::None => None,
            FontTransform::Rotate90 => Some("90"),
            FontTransform::Rotate180 => Some("180"),
            FontTransform::Rotate270 => Some("270"),
        };
        if let Some(degrees) = degrees {
            self.out.push_str(" transform=\"rotate(");
            self.out.push_str(degrees);
            self.out.push_str(", ");
            self.int(x);
            self.out.push_str(", ");
            self.int(y);
            self.out.push_str(")\"");
        }
        self.out.push_str(">\n");
        escape_into(self.out, text);
        self.out.push_str("\n</text>\n");
        Ok(())
    }
}

impl Drop for SvgString<'_> {
    /// Closes the document if it was not presented, as `SVGBackend` does.
    fn drop(&mut self) {
        let _ = self.present();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::prelude::*;
    use plotters::style::text_anchor::{HPos, Pos, VPos};

    /// Every kind of element `SVGBackend` writes, in every variant, drawn on `backend`.
    fn draw_everything<DB: DrawingBackend>(mut backend: DB) {
        let colours = [
            RGBAColor(0, 0, 0, 0.0),
            RGBAColor(214, 39, 40, 1.0),
            RGBAColor(1, 254, 171, 0.35),
            RGBAColor(255, 255, 255, 1.0 / 3.0),
        ];
        for (k, c) in colours.into_iter().enumerate() {
            let k = k as i32;
            let style = Color::stroke_width(&c, k as u32);
            backend.draw_pixel((k, -k), c.to_backend_color()).ok();
            backend.draw_line((k, 2), (-300, 40_000), &style).ok();
            for fill in [false, true] {
                backend.draw_rect((k, 5), (7, -9), &style, fill).ok();
                backend.draw_circle((k, 5), 12, &style, fill).ok();
            }
            backend.draw_path([(0, 0), (k, -k), (99, 7)], &style).ok();
            backend.draw_path([], &style).ok();
            backend.fill_polygon([(1, 2), (3, k)], &style).ok();
        }
        let anchors = [HPos::Left, HPos::Center, HPos::Right]
            .into_iter()
            .flat_map(|h| [VPos::Top, VPos::Center, VPos::Bottom].map(|v| Pos::new(h, v)));
        let transform = |k: usize| match k % 4 {
            0 => FontTransform::None,
            1 => FontTransform::Rotate90,
            2 => FontTransform::Rotate180,
            _ => FontTransform::Rotate270,
        };
        let styles = [
            FontStyle::Normal,
            FontStyle::Bold,
            FontStyle::Italic,
            FontStyle::Oblique,
        ];
        for (k, anchor) in anchors.enumerate() {
            let family = ["sans-serif", "Noto Sans CJK SC, \"Q&A\" <x>'s", "serif"][k % 3];
            let font = (family, 10.0 + k as f64 * 1.7)
                .into_font()
                .style(styles[k % 4])
                .transform(transform(k));
            let style = TextStyle::from(font)
                .color(&colours[(k + 1) % 4])
                .pos(anchor);
            let text = ["epoch", "a <b> & \"c\" 'd'", "验证准确率（%）", ""][k % 4];
            backend.draw_text(text, &style, (k as i32 * 3, -7)).ok();
        }
        backend.present().ok();
    }

    #[test]
    fn writes_what_plotters_svg_backend_writes() {
        let mut theirs = String::new();
        draw_everything(SVGBackend::with_string(&mut theirs, (640, 480)));
        let mut ours = String::new();
        draw_everything(SvgString::new(&mut ours, (640, 480)));
        assert!(theirs.len() > 3000, "{theirs}");
        assert_eq!(ours, theirs);
    }

    #[test]
    fn a_document_not_presented_is_closed_when_dropped() {
        let mut theirs = String::new();
        drop(SVGBackend::with_string(&mut theirs, (3, 4)));
        let mut ours = String::new();
        drop(SvgString::new(&mut ours, (3, 4)));
        assert_eq!(ours, theirs);
        assert!(ours.ends_with("</svg>\n"));
    }
}
