//! Reverse-mode autodiff on a scalar expression, written as micrograd's README writes it.
//!
//! Every arithmetic operator and method call adds one node to the expression's graph; numbers
//! such as `2.0` become constants by themselves. `backward()` computes `∂g/∂node` for every
//! node, and a value used in several places (here `a`, `b`, `c`, `d`) collects the
//! contributions of all its uses.
//!
//! ```sh
//! cargo run --example micrograd
//! ```

use deltagraph::GraphBuilder;

// `c += c + 1.0` is micrograd's line, kept verbatim (it means c = 2c + 1).
#[allow(clippy::misrefactored_assign_op)]
fn main() {
    let x = GraphBuilder::new();
    let a = x.var(-4.0);
    let b = x.var(2.0);
    let mut c = a + b;
    let mut d = a * b + b.pow(3.0);
    c += c + 1.0;
    c += 1.0 + c + (-a);
    d += d * 2.0 + (b + a).relu();
    d += 3.0 * d + (b - a).relu();
    let e = c - d;
    let f = e.pow(2.0);
    let mut g = f / 2.0;
    g += 10.0 / f;
    println!("{:.4}", g.data()); // prints 24.7041, the outcome of this forward pass
    g.backward();
    println!("{:.4}", a.grad()); // prints 138.8338, i.e. the numerical value of dg/da
    println!("{:.4}", b.grad()); // prints 645.5773, i.e. the numerical value of dg/db

    // Builder calls nest too, when a formula reads better that way.
    let (p, q, r) = (x.var(2.0), x.var(-3.0), x.var(10.0));
    let t = x.tanh(x.add(x.mul(p, q), r)); // the same node as (p * q + r).tanh()
    t.backward();
    println!("tanh(p·q + r) = {:.6}, ∂/∂p = {:.6}", t.data(), p.grad());
    println!("{} nodes in the graph", x.len());
}
