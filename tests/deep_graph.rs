//! A chain of a million nodes: no recursion anywhere can overflow the stack, and the gradient
//! through it is right.

use deltagraph::graph::Graph;

#[test]
fn a_chain_of_a_million_nodes_evaluates_and_differentiates() {
    let n = 1_000_000;
    let mut g = Graph::new();
    let x = g.input("x", 2.0);
    // One constant used by every link: its gradient accumulates a million contributions.
    let c = g.constant(1.0 + 1e-7);
    let mut y = x;
    for _ in 0..n {
        y = g.mul(y, c);
    }
    g.forward();
    g.backward(y);
    // y = x·c^n, so dy/dx = c^n = (1 + 1e-7)^(10^6) ≈ e^0.1.
    let expected = (1e6 * (1e-7f64).ln_1p()).exp();
    assert!((g.grad(x) - expected).abs() < 1e-9, "{} vs {expected}", g.grad(x));
    assert!((g.value(y) - 2.0 * expected).abs() < 1e-9);
    // dy/dc = n·x·c^(n−1).
    let dc = 1e6 * 2.0 * expected / (1.0 + 1e-7);
    assert!((g.grad(c) - dc).abs() < 1e-6 * dc, "{} vs {dc}", g.grad(c));
}
