//! A list of names kept in one buffer, each found by its position or by itself.
//!
//! The canonical names of a network of a million weights number three million (`w(1,4)`,
//! `dL/dw(1,4)`, `new_w(1,4)`, …). One `String` each took 32 bytes of heap and 24 of list, and
//! the list's doubling up to a quarter more: about 300 MB for what is 35 MB of text. Here the
//! names sit back to back in one `String`, each ending at an offset, and the hash table from a
//! name to its position stores positions only, made when a name is first looked up (commands
//! that only list the names never pay for it).

use std::hash::BuildHasher;
use std::sync::OnceLock;

use foldhash::fast::FixedState;
use hashbrown::HashTable;

/// Names in order, in one buffer. See the [module docs](self).
#[derive(Clone, Debug, Default)]
pub struct NameList {
    /// Every name, back to back.
    text: String,
    /// `ends[i]`: where name `i` ends in `text` (it starts where name `i − 1` ends). `u32`:
    /// a spec's parameters, examples included, are bounded
    /// ([`MAX_PARAMETERS`](crate::spec::MAX_PARAMETERS)), so its names are a few hundred
    /// megabytes at most.
    ends: Vec<u32>,
    /// Positions found by the hash of their name; the first of equal names only.
    index: OnceLock<HashTable<u32>>,
    hasher: FixedState,
}

impl NameList {
    /// An empty list.
    pub fn new() -> NameList {
        NameList::default()
    }

    /// Add `name` at the end.
    pub fn push(&mut self, name: &str) {
        self.text.push_str(name);
        let end = u32::try_from(self.text.len())
            .expect("a network's names are far below 4 GiB: its parameters are bounded");
        self.ends.push(end);
        self.index = OnceLock::new();
    }

    /// Give back the spare room the buffers grew by (they are not added to after this).
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }

    /// How many names there are.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there is no name.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Name number `i` (0-based), if there is one.
    pub fn get(&self, i: usize) -> Option<&str> {
        (i < self.len()).then(|| self.name_at(i))
    }

    /// The names in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + DoubleEndedIterator + Clone {
        (0..self.len()).map(|i| self.name_at(i))
    }

    /// Name number `i`, which must exist.
    fn name_at(&self, i: usize) -> &str {
        let start = match i {
            0 => 0,
            _ => self.ends[i - 1] as usize,
        };
        &self.text[start..self.ends[i] as usize]
    }

    /// The position of the (first) name equal to `name`.
    pub fn position(&self, name: &str) -> Option<usize> {
        let index = self.index.get_or_init(|| self.make_index());
        let hash = self.hasher.hash_one(name);
        index
            .find(hash, |&j| self.name_at(j as usize) == name)
            .map(|&j| j as usize)
    }

    /// Whether `name` is in the list.
    pub fn contains(&self, name: &str) -> bool {
        self.position(name).is_some()
    }

    fn make_index(&self) -> HashTable<u32> {
        let mut table = HashTable::with_capacity(self.len());
        for (i, name) in self.iter().enumerate() {
            let hash = self.hasher.hash_one(name);
            if table
                .find(hash, |&j: &u32| self.name_at(j as usize) == name)
                .is_none()
            {
                table.insert_unique(hash, i as u32, |&j| {
                    self.hasher.hash_one(self.name_at(j as usize))
                });
            }
        }
        table
    }
}

impl<'a> FromIterator<&'a str> for NameList {
    fn from_iter<I: IntoIterator<Item = &'a str>>(names: I) -> NameList {
        let mut list = NameList::new();
        names.into_iter().for_each(|n| list.push(n));
        list.shrink_to_fit();
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_name_and_the_first_of_duplicates() {
        let list: NameList = ["z1", "w(1,2)", "z1", "", "dL/db4"].into_iter().collect();
        assert_eq!(list.len(), 5);
        assert_eq!(list.position("w(1,2)"), Some(1));
        assert_eq!(list.position("z1"), Some(0));
        assert_eq!(list.position(""), Some(3));
        assert_eq!(list.position("dL/db4"), Some(4));
        assert_eq!(list.position("z2"), None);
        assert_eq!(list.get(2), Some("z1"));
        assert_eq!(list.get(5), None);
        let back: Vec<&str> = list.iter().rev().collect();
        assert_eq!(back, ["dL/db4", "", "z1", "w(1,2)", "z1"]);
    }

    #[test]
    fn a_name_added_after_a_look_up_is_found() {
        let mut list = NameList::new();
        list.push("x1");
        assert_eq!(list.position("y1"), None);
        list.push(&format!("y{}", 1));
        assert_eq!(list.position("y1"), Some(1));
    }

    #[test]
    fn a_hundred_thousand_names_are_found_where_they_are() {
        let list: NameList = (0..100_000)
            .map(|i| format!("w({},{})", i / 300, i % 300))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str)
            .collect();
        for i in (0..100_000).step_by(997) {
            let name = format!("w({},{})", i / 300, i % 300);
            assert_eq!(list.position(&name), Some(i));
            assert_eq!(list.get(i), Some(name.as_str()));
        }
    }
}
