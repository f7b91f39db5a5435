//! Reverse-mode autodiff on a hand-built scalar expression, micrograd-style.
//!
//! This example teaches one thing: the [`Graph`] builder records any scalar expression as a
//! graph; `forward` computes every value, `backward(root)` every ∂root/∂node — and a value used
//! in several places (here `e`) collects the contributions of all its uses.
//!
//! ```sh
//! cargo run --example expression
//! ```

use deltagraph::graph::Graph;

fn main() {
    // The expression of micrograd's README, in deltagraph's builder:
    //   a = −4, b = 2
    //   c = a + b
    //   d = a·b + b³
    //   e = c − d
    //   f = e²
    //   g = f / 2 + 10 / f
    //   out = tanh(g / 10) + σ(e)   (e is used twice: in f and here)
    let mut gr = Graph::new();
    let a = gr.input("a", -4.0);
    let b = gr.input("b", 2.0);
    let c = gr.add(a, b);
    let ab = gr.mul(a, b);
    let b3 = gr.pow(b, 3.0);
    let d = gr.add(ab, b3);
    let e = gr.sub(c, d);
    let f = gr.pow(e, 2.0);
    let two = gr.constant(2.0);
    let half_f = gr.div(f, two);
    let ten = gr.constant(10.0);
    let ten_over_f = gr.div(ten, f);
    let g = gr.add(half_f, ten_over_f);
    let g10 = gr.div(g, ten);
    let t = gr.tanh(g10);
    let s = gr.sigmoid(e);
    let out = gr.add(t, s);

    gr.forward();
    gr.backward(out);

    println!("{} nodes", gr.len());
    for (name, node) in [
        ("a", a),
        ("b", b),
        ("c", c),
        ("d", d),
        ("e", e),
        ("f", f),
        ("g", g),
        ("out", out),
    ] {
        println!(
            "{name:>4}: value = {:>10.6}   ∂out/∂{name} = {:>10.6}",
            gr.value(node),
            gr.grad(node)
        );
    }

    // The same derivative by the chain rule written out. e reaches out along two paths,
    // through f = e² (then g, then tanh) and through σ(e); backward summed both:
    //   ∂out/∂e = tanh′(g/10)·(1/10) · (1/2 − 10/f²) · 2e  +  σ(e)(1 − σ(e))
    // and e = (a + b) − (a·b + b³) gives ∂e/∂a = 1 − b.
    let (ev, fv, gv) = (gr.value(e), gr.value(f), gr.value(g));
    let dg_df = 0.5 - 10.0 / (fv * fv);
    let dout_dg = (1.0 - (gv / 10.0).tanh().powi(2)) / 10.0;
    let sig = 1.0 / (1.0 + (-ev).exp());
    let dout_de = dout_dg * dg_df * 2.0 * ev + sig * (1.0 - sig);
    let by_hand = dout_de * (1.0 - gr.value(b));
    println!();
    println!("∂out/∂a by the chain rule written out: {by_hand:.6}");
    assert!((gr.grad(a) - by_hand).abs() < 1e-12);
}
