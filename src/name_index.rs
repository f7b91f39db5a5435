//! A hash index from a name to its position in a list of named items, storing positions only:
//! no second copy of every name (a network of 10,000 neurons has hundreds of thousands of
//! canonical names), and a fast non-cryptographic hash instead of SipHash.

use foldhash::fast::FixedState;
use hashbrown::HashTable;
use std::hash::BuildHasher;

/// Positions of named items, found by name. The items stay with the caller, who hands them
/// (and how to read an item's name) to every call; see the [module docs](self).
#[derive(Clone, Debug, Default)]
pub struct NameIndex {
    table: HashTable<u32>,
    hasher: FixedState,
}

impl NameIndex {
    /// The index of `items`, each named by `name`. With duplicate names, the first one is
    /// found.
    pub fn new<T>(items: &[T], name: impl Fn(&T) -> &str) -> NameIndex {
        let hasher = FixedState::default();
        let mut table = HashTable::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let n = name(item);
            let hash = hasher.hash_one(n);
            if table
                .find(hash, |&j: &u32| name(&items[j as usize]) == n)
                .is_none()
            {
                table.insert_unique(hash, i as u32, |&j| {
                    hasher.hash_one(name(&items[j as usize]))
                });
            }
        }
        NameIndex { table, hasher }
    }

    /// The position of the item called `wanted` in `items` (the list the index was made of).
    pub fn find<T>(&self, items: &[T], name: impl Fn(&T) -> &str, wanted: &str) -> Option<usize> {
        let hash = self.hasher.hash_one(wanted);
        self.table
            .find(hash, |&j| name(&items[j as usize]) == wanted)
            .map(|&j| j as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_name_and_the_first_of_duplicates() {
        let items = ["z1", "w(1,2)", "z1", "dL/db4"];
        let index = NameIndex::new(&items, |s| s);
        assert_eq!(index.find(&items, |s| s, "w(1,2)"), Some(1));
        assert_eq!(index.find(&items, |s| s, "z1"), Some(0));
        assert_eq!(index.find(&items, |s| s, "dL/db4"), Some(3));
        assert_eq!(index.find(&items, |s| s, "z2"), None);
    }
}
