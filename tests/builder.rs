//! The expression builder API (`GraphBuilder`, `Value`): micrograd's own published numbers, nested builder
//! calls, numbers mixed with values, and gradients against finite differences.

use deltagraph::{GraphBuilder, Value};

/// micrograd's README example, line for line; its README prints 24.7041, 138.8338 and
/// 645.5773 (github.com/karpathy/micrograd, "Example usage").
#[test]
// `c += c + 1.0` is micrograd's line, kept verbatim (it means c = 2c + 1).
#[allow(clippy::misrefactored_assign_op)]
fn micrograd_readme_example_gives_its_published_numbers() {
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
    assert_eq!(format!("{:.4}", g.data()), "24.7041");
    g.backward();
    assert_eq!(format!("{:.4}", a.grad()), "138.8338");
    assert_eq!(format!("{:.4}", b.grad()), "645.5773");
}

#[test]
fn nested_builder_calls_compile_and_equal_the_operator_form() {
    let x = GraphBuilder::new();
    let (a, b, c) = (x.var(2.0), x.var(-3.0), x.var(10.0));
    let nested = x.tanh(x.add(x.mul(a, b), c));
    let operators = (a * b + c).tanh();
    assert_eq!(nested.data(), operators.data());
    assert_eq!(nested.data(), 4.0f64.tanh());
    nested.backward();
    // ∂tanh(ab + c)/∂a = (1 − tanh²(ab + c))·b, by hand.
    let sech2 = 1.0 - 4.0f64.tanh().powi(2);
    assert!((a.grad() - sech2 * -3.0).abs() < 1e-15);
    assert!((b.grad() - sech2 * 2.0).abs() < 1e-15);
    assert!((c.grad() - sech2).abs() < 1e-15);
}

/// `f` built over three leaves, and the leaves.
fn build<'e>(x: &'e GraphBuilder, at: [f64; 3]) -> (Value<'e>, [Value<'e>; 3]) {
    let [p, q, r] = at.map(|v| x.var(v));
    // Numbers on either side of every operator, and every unary method.
    let t = (2.0 - p) * q / 4.0 + 1.0 / (q * q + 1.0) - (p - 0.5).sigmoid() * 3.0;
    let u = x.sum(&[
        t,
        r.exp().ln(),
        (r * 0.3).tanh(),
        (p + 3.0).relu(),
        -(q.pow(3.0)),
    ]);
    let mut out = u;
    out *= 1.5;
    out -= p;
    out /= 2.0;
    (out, [p, q, r])
}

#[test]
fn gradients_of_mixed_number_and_value_arithmetic_match_finite_differences() {
    let at = [0.7, -1.3, 0.4];
    let x = GraphBuilder::new();
    let (out, leaves) = build(&x, at);
    out.backward();
    let h = 1e-6;
    for (i, leaf) in leaves.iter().enumerate() {
        // Central difference through `set` + `backward` (which recomputes the values).
        leaf.set(at[i] + h);
        out.backward();
        let up = out.data();
        leaf.set(at[i] - h);
        out.backward();
        let down = out.data();
        leaf.set(at[i]);
        out.backward();
        let numeric = (up - down) / (2.0 * h);
        assert!(
            (leaf.grad() - numeric).abs() < 1e-6 * (1.0 + numeric.abs()),
            "leaf {i}: analytic {} vs numeric {numeric}",
            leaf.grad()
        );
    }
    // And the value itself, computed here in plain f64.
    let [p, q, r] = at;
    let sig = 1.0 / (1.0 + (-(p - 0.5f64)).exp());
    let t = (2.0 - p) * q / 4.0 + 1.0 / (q * q + 1.0) - sig * 3.0;
    let u = t + r + (r * 0.3).tanh() + (p + 3.0f64).max(0.0) - q.powi(3);
    assert!((out.data() - (u * 1.5 - p) / 2.0).abs() < 1e-14);
}

#[test]
fn leaves_need_no_name_but_can_have_one() {
    let x = GraphBuilder::new();
    let a = x.var(1.0).named("a");
    let b = x.var(2.0);
    let s = a + b;
    assert_eq!(x.graph().find("a"), Some(a.id()));
    assert_eq!(x.graph().name(b.id()), None);
    assert_eq!(s.data(), 3.0);
    assert_eq!(x.into_graph().len(), 3);
}

#[test]
#[should_panic(expected = "a value of one GraphBuilder used in another")]
fn values_of_two_expressions_do_not_mix() {
    let (x, y) = (GraphBuilder::new(), GraphBuilder::new());
    let _ = x.var(1.0) + y.var(2.0);
}
