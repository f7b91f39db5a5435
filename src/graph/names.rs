//! Node names, interned: every name in one string, each node's span in it, and a hash table
//! from a name to its node that stores node numbers only. A network of a million weights has a
//! million names; one `String` per name and two maps of them took about 1 KB per weight.

use std::fmt::{self, Write};

use foldhash::fast::FixedState;
use hashbrown::HashTable;

use crate::node::NodeId;

/// The span of a node without a name.
const UNNAMED: (u32, u32) = (u32::MAX, u32::MAX);

/// The name table of a [`Graph`](super::Graph). See the [module docs](self).
#[derive(Clone, Debug, Default)]
pub(super) struct Names {
    /// Every name given so far, back to back (a replaced name stays, unused).
    text: String,
    /// `spans[node]`: the node's name in `text`, or [`UNNAMED`]; nodes past the end are
    /// unnamed.
    spans: Vec<(u32, u32)>,
    /// The named nodes, found by the hash of their name.
    table: HashTable<u32>,
    hasher: FixedState,
}

impl Names {
    /// The name of `node`, if it has one.
    pub(super) fn name(&self, node: NodeId) -> Option<&str> {
        match self.spans.get(node.index()) {
            Some(&(start, end)) if (start, end) != UNNAMED => {
                Some(&self.text[start as usize..end as usize])
            }
            _ => None,
        }
    }

    /// The node called `name`, if any.
    pub(super) fn find(&self, name: &str) -> Option<NodeId> {
        let hash = self.hash(name);
        self.table
            .find(hash, |&n| self.name(NodeId(n)) == Some(name))
            .map(|&n| NodeId(n))
    }

    /// Name `node` with the text `name` formats to (replacing its earlier name; a name already
    /// given to another node moves to this one). Formats straight into the table's text: no
    /// allocation per name.
    pub(super) fn set(&mut self, node: NodeId, name: fmt::Arguments<'_>) {
        let start = self.text.len();
        self.text
            .write_fmt(name)
            .expect("formatting into a String does not fail");
        let span = (start as u32, self.text.len() as u32);
        let hash = self.hash(&self.text[start..]);
        // Whoever has this name now loses it; so does this node's old name.
        if let Some(holder) = self.find(&self.text[start..]) {
            self.remove(holder);
        }
        self.remove(node);
        if self.spans.len() <= node.index() {
            self.spans.resize(node.index() + 1, UNNAMED);
        }
        self.spans[node.index()] = span;
        let (text, spans, hasher) = (&self.text, &self.spans, &self.hasher);
        self.table.insert_unique(hash, node.0, |&n| {
            let (s, e) = spans[n as usize];
            hasher_hash(hasher, &text[s as usize..e as usize])
        });
    }

    /// Take `node`'s name away, if it has one.
    fn remove(&mut self, node: NodeId) {
        let Some(name) = self.name(node) else {
            return;
        };
        let hash = self.hash(name);
        if let Ok(entry) = self.table.find_entry(hash, |&n| n == node.0) {
            entry.remove();
        }
        self.spans[node.index()] = UNNAMED;
    }

    fn hash(&self, name: &str) -> u64 {
        hasher_hash(&self.hasher, name)
    }
}

fn hasher_hash(hasher: &FixedState, name: &str) -> u64 {
    use std::hash::BuildHasher;
    hasher.hash_one(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_move() {
        let mut names = Names::default();
        names.set(NodeId(3), format_args!("w({},{})", 1, 4));
        names.set(NodeId(0), format_args!("x1"));
        assert_eq!(names.name(NodeId(3)), Some("w(1,4)"));
        assert_eq!(names.find("w(1,4)"), Some(NodeId(3)));
        assert_eq!(names.name(NodeId(1)), None);
        assert_eq!(names.name(NodeId(99)), None);
        // Renaming a node frees its old name.
        names.set(NodeId(3), format_args!("b4"));
        assert_eq!(names.find("w(1,4)"), None);
        assert_eq!(names.find("b4"), Some(NodeId(3)));
        // Giving a taken name to another node moves it.
        names.set(NodeId(0), format_args!("b4"));
        assert_eq!(names.find("b4"), Some(NodeId(0)));
        assert_eq!(names.name(NodeId(3)), None);
        assert_eq!(names.find("x1"), None);
    }

    #[test]
    fn a_hundred_thousand_names_are_found() {
        let mut names = Names::default();
        for i in 0..100_000u32 {
            names.set(NodeId(i), format_args!("n{i}"));
        }
        for i in (0..100_000u32).step_by(997) {
            assert_eq!(names.find(&format!("n{i}")), Some(NodeId(i)));
        }
    }
}
