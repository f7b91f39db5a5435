//! The derivation as Markdown with LaTeX math (`$…$` inline, `$$…$$` per line of working),
//! as GitHub, VS Code, Jupyter and pandoc show it.

use super::prose::english_text;
use super::{Arg, Block, Cell, Derivation, Line, Section, Step, Table, Text};
use crate::format::significant;

/// The derivation as Markdown, in English.
pub fn markdown(d: &Derivation) -> String {
    let mut md = format!("# {}\n\n", text(&d.title));
    blocks(&mut md, &d.intro);
    for s in &d.sections {
        section(&mut md, s, 2);
    }
    md
}

fn text(t: &Text) -> String {
    english_text(t, &|a| match a {
        Arg::Math(e) => format!("${}$", e.latex()),
        Arg::Verbatim(s) => s.clone(),
        Arg::Int(n) => n.to_string(),
        // Nested texts and lists are expanded by `english_text`.
        Arg::Text(t) => text(t),
        Arg::Strong(t) => format!("**{}**", text(t)),
        Arg::List(items) => items.iter().map(text).collect::<Vec<_>>().join(", "),
    })
}

fn section(md: &mut String, s: &Section, level: usize) {
    md.push_str(&format!("{} {}\n\n", "#".repeat(level), text(&s.title)));
    blocks(md, &s.blocks);
    for sub in &s.sections {
        section(md, sub, level + 1);
    }
}

fn blocks(md: &mut String, blocks: &[Block]) {
    for b in blocks {
        match b {
            Block::Paragraph(t) => md.push_str(&format!("{}\n\n", text(t))),
            Block::Table(t) => table(md, t),
            Block::Step(s) => step(md, s),
        }
    }
}

fn table(md: &mut String, t: &Table) {
    let cell = |c: &Cell| match c {
        Cell::Text(t) => text(t),
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

fn step(md: &mut String, s: &Step) {
    for l in &s.lines {
        md.push_str(&format!("$$\n{}\n$$\n", line(l)));
    }
    if let Some(note) = &s.note {
        md.push_str(&format!("{}\n", text(note)));
    }
    md.push('\n');
}

/// `lhs = form = numbers = result`.
pub fn line(l: &Line) -> String {
    l.parts().map(|e| e.latex()).collect::<Vec<_>>().join(" = ")
}
