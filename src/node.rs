//! [`NodeId`], the handle of a node, in a module of its own: the graph hands them out and the
//! tape indexes its arrays with them, and neither module needs the other for that.

/// A node of a [`Graph`](crate::graph::Graph). Copyable and cheap: an index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub(crate) u32);

impl NodeId {
    /// The node's position in the graph (nodes are numbered in the order they were added).
    pub fn index(self) -> usize {
        self.0 as usize
    }
}
