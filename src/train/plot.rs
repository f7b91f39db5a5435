//! The training curve as an SVG: validation accuracy per epoch (left axis, percent) and the
//! mean training loss (right axis).
//!
//! Drawn with `plotters` and no font backend: plotters then only estimates text sizes for its
//! layout and writes each label as an SVG `<text>` element in a generic
//! `sans-serif` family, which the viewer renders with whatever font it has. No system font
//! library (fontconfig, FreeType) is needed to build or run deltagraph. Chinese plots name the
//! common CJK fonts first ([`font_family`]), so every system shows the characters. The SVG text
//! is written by `SvgString` (`plot/svg.rs`), which writes what plotters' own `SVGBackend` writes, byte
//! for byte, in a fifth of the instructions (a test draws the plot with both).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::EpochRecord;
use crate::i18n::Lang;

mod svg;

/// The SVG `font-family` list for text in `lang`: for Chinese the CJK fonts of Linux, macOS and
/// Windows first, then the generic family, so a viewer never falls back to boxes.
pub fn font_family(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "sans-serif",
        Lang::Zh => {
            "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Hiragino Sans GB, \
             Microsoft YaHei, WenQuanYi Micro Hei, sans-serif"
        }
    }
}

/// Top of the accuracy axis: a little above 100 % so a perfect score is not hidden by the
/// frame.
const ACCURACY_TOP: f64 = 104.0;

/// Width and height of the plot in pixels.
pub const SIZE: (u32, u32) = (900, 540);

/// The accuracy and loss curves of `history` as SVG text, titled `title`, axes and legend in
/// `lang`.
///
/// # Panics
/// Never for a finite history; plotters' errors on an in-memory SVG cannot happen.
pub fn accuracy_svg(history: &[EpochRecord], title: &str, lang: Lang) -> String {
    // About 15 KB of frame, axes and labels, and two curves of about 12 bytes a point: sized
    // once instead of doubling a dozen times.
    let mut svg = String::with_capacity(16 * 1024 + 24 * history.len());
    let root = svg::SvgString::new(&mut svg, SIZE).into_drawing_area();
    draw(&root, history, title, lang).expect("drawing into a string does not fail");
    drop(root);
    svg
}

type DrawResult = Result<(), Box<dyn std::error::Error>>;

/// The plot on `root`: our SVG writer in [`accuracy_svg`], plotters' own in the test that
/// checks they write the same.
fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    history: &[EpochRecord],
    title: &str,
    lang: Lang,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let family = font_family(lang);
    let accuracy = lang.text("train-plot-accuracy");
    let loss = lang.text("train-plot-loss");
    root.fill(&WHITE)?;
    let epochs = history.len().max(1) as f64;
    // Start the loss axis at 0 so the curve's fall reads as a proportion.
    let max_loss = history
        .iter()
        .map(|r| r.train_loss)
        .filter(|l| l.is_finite())
        .fold(0.0f64, f64::max);
    let loss_top = if max_loss > 0.0 { max_loss * 1.05 } else { 1.0 };

    let accuracy_colour = RGBColor(31, 119, 180);
    let loss_colour = RGBColor(214, 39, 40);
    let label_font = (family, 18).into_font();

    let mut chart = ChartBuilder::on(root)
        .caption(title, (family, 24))
        .margin(16)
        .x_label_area_size(56)
        .y_label_area_size(72)
        .right_y_label_area_size(80)
        .build_cartesian_2d(0.0..epochs, 0.0..ACCURACY_TOP)?
        .set_secondary_coord(0.0..epochs, 0.0..loss_top);

    chart
        .configure_mesh()
        .x_desc(lang.text("train-plot-epoch"))
        .y_desc(&accuracy)
        .axis_desc_style(label_font.clone())
        .label_style((family, 15))
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| format!("{y:.0}"))
        .max_light_lines(2)
        .light_line_style(RGBColor(235, 235, 235))
        .draw()?;
    chart
        .configure_secondary_axes()
        .y_desc(lang.text("train-plot-loss-axis"))
        .axis_desc_style(label_font)
        .label_style((family, 15))
        .y_label_formatter(&|y| format!("{y:.2}"))
        .draw()?;

    chart
        .draw_series(LineSeries::new(
            history.iter().map(|r| (r.epoch as f64, r.val_accuracy)),
            accuracy_colour.stroke_width(2),
        ))?
        .label(&accuracy)
        .legend(move |(x, y)| {
            PathElement::new(vec![(x, y), (x + 24, y)], accuracy_colour.stroke_width(2))
        });
    chart
        .draw_secondary_series(LineSeries::new(
            history.iter().map(|r| (r.epoch as f64, r.train_loss)),
            loss_colour.stroke_width(2),
        ))?
        .label(&loss)
        .legend(move |(x, y)| {
            PathElement::new(vec![(x, y), (x + 24, y)], loss_colour.stroke_width(2))
        });

    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::MiddleRight)
        .label_font((family, 16))
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK.mix(0.4))
        .draw()?;
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plot_has_its_labels_and_both_curves() {
        let history: Vec<EpochRecord> = (1..=50)
            .map(|e| EpochRecord {
                epoch: e,
                train_loss: 1.0 / e as f64,
                val_accuracy: (e as f64 * 2.0).min(100.0),
            })
            .collect();
        let svg = accuracy_svg(&history, "Iris training", Lang::En);
        assert!(svg.starts_with("<svg"));
        for text in [
            "Iris training",
            "epoch",
            "validation accuracy (%)",
            "mean training loss",
        ] {
            assert!(svg.contains(text), "missing {text}");
        }
        assert!(svg.matches("<polyline").count() >= 2);
    }

    #[test]
    fn the_plot_is_what_plotters_own_svg_backend_draws() {
        let history = |epochs: usize, loss: fn(usize) -> f64| -> Vec<EpochRecord> {
            (1..=epochs)
                .map(|e| EpochRecord {
                    epoch: e,
                    train_loss: loss(e),
                    val_accuracy: (e * 37 % 101) as f64,
                })
                .collect()
        };
        let cases = [
            history(1, |_| 0.3),
            history(300, |e| 2.0 / e as f64),
            history(3000, |e| (e as f64).sin().abs() * 7.5),
            history(40, |e| if e == 3 { f64::NAN } else { 0.0 }),
            Vec::new(),
        ];
        for history in &cases {
            for lang in Lang::ALL {
                let title = "deltagraph train: a <b> & \"c\" 'd' (种子 0)";
                let mut theirs = String::new();
                let root = SVGBackend::with_string(&mut theirs, SIZE).into_drawing_area();
                draw(&root, history, title, lang).unwrap();
                drop(root);
                let ours = accuracy_svg(history, title, lang);
                assert!(theirs.contains("</svg>"), "{theirs}");
                assert!(ours == theirs, "{} epochs, {lang}", history.len());
            }
        }
    }
}
