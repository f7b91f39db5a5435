//! The derivation as Markdown with LaTeX math (`$…$` inline, `$$…$$` per line of working),
//! as GitHub, VS Code, Jupyter and pandoc show it.

use super::network::{Options, Part, build_parts};
use super::prose::localized_text;
use super::{Arg, Block, Cell, Derivation, Line, Section, Step, Table, Text};
use crate::format::significant;
use crate::i18n::Lang;
use crate::net::Network;

/// The derivation as Markdown, its prose in `lang`.
pub fn markdown(d: &Derivation, lang: Lang) -> String {
    let w = Writer { lang };
    let mut md = String::new();
    w.head(&mut md, &d.title, &d.intro);
    for s in &d.sections {
        w.section(&mut md, s, 2);
    }
    md
}

/// The Markdown of `net`'s derivation ([`markdown`] of [`build`](super::build)), written a
/// section at a time as it is built ([`build_parts`]): the same text, without holding the
/// whole derivation.
pub fn network_markdown(net: &Network, opts: &Options, lang: Lang) -> String {
    let w = Writer { lang };
    let mut md = String::new();
    build_parts(net, opts, |part| match part {
        Part::Head { title, intro } => w.head(&mut md, &title, &intro),
        Part::Section(s) => w.section(&mut md, &s, 2),
    });
    md
}

struct Writer {
    lang: Lang,
}

impl Writer {
    fn head(&self, md: &mut String, title: &Text, intro: &[Block]) {
        md.push_str(&format!("# {}\n\n", self.text(title)));
        self.blocks(md, intro);
    }

    fn text(&self, t: &Text) -> String {
        localized_text(t, self.lang, &|a| match a {
            Arg::Math(e) => format!("${}$", e.latex()),
            // Names come from the spec file: shown literally, never as markup.
            Arg::Verbatim(s) => crate::escape::markdown(s),
            Arg::Int(n) => n.to_string(),
            Arg::Strong(t) => format!("**{}**", self.text(t)),
            // Nested texts and lists are expanded by `localized_text`.
            Arg::Text(t) => self.text(t),
            Arg::List(items) => items
                .iter()
                .map(|t| self.text(t))
                .collect::<Vec<_>>()
                .join(", "),
        })
    }

    fn section(&self, md: &mut String, s: &Section, level: usize) {
        md.push_str(&format!(
            "{} {}\n\n",
            "#".repeat(level),
            self.text(&s.title)
        ));
        self.blocks(md, &s.blocks);
        for sub in &s.sections {
            self.section(md, sub, level + 1);
        }
    }

    fn blocks(&self, md: &mut String, blocks: &[Block]) {
        for b in blocks {
            match b {
                Block::Paragraph(t) => md.push_str(&format!("{}\n\n", self.text(t))),
                Block::Table(t) => self.table(md, t),
                Block::Step(s) => self.step(md, s),
            }
        }
    }

    fn table(&self, md: &mut String, t: &Table) {
        let cell = |c: &Cell| match c {
            Cell::Text(t) => self.text(t),
            // Plain numbers read better in a table than typeset ones.
            Cell::Math(crate::math::Expr::Num(x)) => significant(*x, 15),
            Cell::Math(crate::math::Expr::Shown(n)) => n.text(),
            Cell::Math(e) => format!("${}$", e.latex()),
        };
        let row = |cells: &[Cell]| {
            format!(
                "| {} |\n",
                cells.iter().map(cell).collect::<Vec<_>>().join(" | ")
            )
        };
        md.push_str(&row(&t.header));
        md.push_str(&format!("|{}\n", "---|".repeat(t.header.len())));
        for r in &t.rows {
            md.push_str(&row(r));
        }
        md.push('\n');
    }

    fn step(&self, md: &mut String, s: &Step) {
        for l in &s.lines {
            md.push_str(&format!("$$\n{}\n$$\n", line(l)));
        }
        if let Some(note) = &s.note {
            md.push_str(&format!("{}\n", self.text(note)));
        }
        md.push('\n');
    }
}

/// `lhs = form = numbers = result`.
pub fn line(l: &Line) -> String {
    l.parts().map(|e| e.latex()).collect::<Vec<_>>().join(" = ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_a_section_at_a_time_it_is_the_same_text() {
        let net = Network::evaluated(&crate::spec::ValidSpec::tutorial()).unwrap();
        let opts = Options::default();
        for lang in [Lang::En, Lang::Zh] {
            let whole = markdown(&super::super::build(&net, &opts), lang);
            assert!(whole.contains("z_{4}"), "{whole}");
            assert_eq!(network_markdown(&net, &opts, lang), whole);
        }
    }
}
