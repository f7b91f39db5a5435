//! deltagraph: see and check backpropagation.
pub mod autodiff;
pub mod cli;
pub mod error;
pub mod format;
pub mod formula;
pub mod graph;
pub mod net;
pub mod ops;
pub mod report;
pub mod spec;
pub mod steps;
pub mod train;
