//! Every gradient agrees with central finite differences.
//!
//! Two properties, over randomly generated inputs:
//!
//! * **Networks** (1–4 layers of 1–6 neurons, 1–4 inputs, a random activation per layer, a
//!   random loss, random weights, learning rate and weight decay): every `dL/dw`, `dL/db`, every
//!   `delta` (δⱼ = ∂L/∂zⱼ = ∂L/∂bⱼ, since zⱼ depends on bⱼ with slope 1), every `df`
//!   (f′(zⱼ) = ∂fⱼ/∂bⱼ) and ∂L/∂x, ∂L/∂y agree with finite differences of the graph re-evaluated
//!   at perturbed leaves; `new_w` and `new_b` follow `p − α(∂L/∂p + λ·p)` computed here.
//! * **Expressions**: random DAGs built with the [`Graph`] builder, where values feed several
//!   nodes (and the same node can appear twice among one node's operands): ∂root/∂leaf agrees
//!   with finite differences for every leaf.
//!
//! The finite differences use the five-point central stencil
//! `f′(x) ≈ [f(x−2h) − 8f(x−h) + 8f(x+h) − f(x+2h)] / 12h` with `h = 1e-5`: truncation error
//! `O(h⁴)`, rounding error about `1.5·ε·|f|/h`. Where a perturbation would carry a relu input
//! across its kink at 0 (where the function is not differentiable) that one comparison is
//! skipped; the strategy makes such cases rare.

use deltagraph::graph::{Graph, NodeId};
use deltagraph::net::Network;
use deltagraph::spec::{Activation, LayerSpec, Loss, Spec};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

const H: f64 = 1e-5;

/// The result of differentiating numerically.
#[derive(Clone, Copy, Debug)]
struct Numeric {
    /// The five-point estimate of the derivative.
    slope: f64,
    /// The largest |f| seen on the stencil: the scale of the rounding error.
    scale: f64,
}

/// Five-point central difference of `of` with respect to leaf `leaf`, re-evaluating `graph`.
/// Returns `None` if any node in `guards` (relu operands) changes sign on the stencil, or a value
/// stops being finite: there the derivative is not what finite differences measure.
fn numeric(graph: &mut Graph, leaf: NodeId, of: NodeId, guards: &[NodeId]) -> Option<Numeric> {
    let x = graph.value(leaf);
    let signs = |g: &Graph| guards.iter().map(|&n| g.value(n) > 0.0).collect::<Vec<_>>();
    let base = signs(graph);
    let mut f = [0.0; 4];
    let mut ok = true;
    for (k, step) in [-2.0, -1.0, 1.0, 2.0].into_iter().enumerate() {
        graph.set_value(leaf, x + step * H);
        graph.forward();
        f[k] = graph.value(of);
        ok &= f[k].is_finite() && signs(graph) == base;
    }
    graph.set_value(leaf, x);
    graph.forward();
    ok.then(|| Numeric {
        slope: (f[0] - 8.0 * f[1] + 8.0 * f[2] - f[3]) / (12.0 * H),
        scale: f.iter().fold(0.0f64, |m, v| m.max(v.abs())),
    })
}

/// Whether an analytic derivative agrees with a numeric one: within 1e-6 relative (truncation)
/// plus 1e-9·(1 + |f|) absolute, 30× the rounding error bound of the stencil.
fn agrees(analytic: f64, numeric: Numeric) -> bool {
    let tol = 1e-6 * analytic.abs().max(numeric.slope.abs()) + 1e-9 * (1.0 + numeric.scale);
    analytic.is_finite() && (analytic - numeric.slope).abs() <= tol
}

// ---------------------------------------------------------------------------------------------
// Networks

/// Random valid specs: 1–4 inputs, 1–4 layers of 1–6 neurons, a random activation per layer
/// (sometimes left to the spec-wide default), a random loss, weights and biases in [−2, 2],
/// α in [0, 1], λ either 0 or in [0, 0.1]. Cross-entropy targets are in [0, 1] (0 and 1 included).
fn arb_spec() -> impl Strategy<Value = Spec> {
    (
        1usize..=4,
        vec((1usize..=6, 0..=Activation::ALL.len()), 1..=4),
        0..Activation::ALL.len(),
        0..Loss::ALL.len(),
        0.0..1.0f64,
        prop_oneof![Just(0.0), 0.0..0.1f64],
    )
        .prop_flat_map(|(n_in, shape, default_act, loss, lr, decay)| {
            let mut fan_in = n_in;
            let layers: Vec<_> = shape
                .iter()
                .map(|&(size, act)| {
                    let weights = vec(vec(-2.0..2.0f64, fan_in), size);
                    fan_in = size;
                    // act == ALL.len(): no override, the layer takes the spec's default.
                    let activation = Just(Activation::ALL.get(act).copied());
                    (weights, vec(-2.0..2.0f64, size), activation)
                })
                .collect();
            let unit = prop_oneof![1 => Just(0.0), 1 => Just(1.0), 4 => 0.0..=1.0f64];
            (
                vec(-2.0..2.0f64, n_in),
                vec(unit, fan_in),
                layers,
                Just((Activation::ALL[default_act], Loss::ALL[loss], lr, decay)),
            )
        })
        .prop_map(|(input, target01, layers, (activation, loss, lr, decay))| {
            // Squared-error targets anywhere in [−1.5, 1.5]; cross-entropy targets in [0, 1].
            let target = match loss {
                Loss::CrossEntropy => target01,
                _ => target01.iter().map(|y| 3.0 * y - 1.5).collect(),
            };
            Spec {
                name: None,
                input,
                target,
                loss,
                activation,
                learning_rate: lr,
                weight_decay: decay,
                layers: layers
                    .into_iter()
                    .map(|(weights, biases, activation)| LayerSpec {
                        weights,
                        biases,
                        activation,
                    })
                    .collect(),
                ..Spec::tutorial()
            }
        })
}

/// Global neuron numbers and parameter names of `spec`, from the naming rules of docs/value-names.md:
/// per layer, per neuron `n`: (`n`, [`w(src,n)` for each source], `b{n}`).
fn neuron_names(spec: &Spec) -> Vec<(usize, Vec<String>, String)> {
    let mut out = Vec::new();
    let mut sources: Vec<String> = (1..=spec.input.len()).map(|i| format!("x{i}")).collect();
    let mut next = 1;
    for layer in &spec.layers {
        let neurons: Vec<usize> = (next..next + layer.biases.len()).collect();
        for &n in &neurons {
            let weights = sources.iter().map(|s| format!("w({s},{n})")).collect();
            out.push((n, weights, format!("b{n}")));
        }
        sources = neurons.iter().map(|n| n.to_string()).collect();
        next += neurons.len();
    }
    out
}

fn check_network(spec: &Spec) -> Result<(), TestCaseError> {
    let spec = spec
        .clone()
        .validated("generated")
        .expect("the strategy makes valid specs");
    let mut net = Network::new(&spec);
    net.evaluate();
    let last = net.layers.last().unwrap();
    if spec.loss == Loss::CrossEntropy && last.activation != Activation::Sigmoid {
        // ln ŷ and ln(1 − ŷ) need outputs inside (0, 1): keep the cases where they are, with a
        // margin so that the derivative stays moderate.
        let inside = last
            .f
            .iter()
            .all(|&f| (0.02..0.98).contains(&net.graph.value(f)));
        prop_assume!(inside);
    }
    let guards: Vec<NodeId> = net
        .layers
        .iter()
        .filter(|l| l.activation == Activation::Relu)
        .flat_map(|l| l.z.clone())
        .collect();
    let value = |net: &Network, name: &str| {
        net.get(name)
            .unwrap_or_else(|| panic!("{name} is a canonical name of this network"))
    };
    let node = |net: &Network, name: &str| net.graph.find(name).expect("a named node");
    let loss = net.loss;
    let (lr, decay) = (spec.learning_rate, spec.weight_decay);
    let mut compared = 0usize;
    let mut skipped = 0usize;

    for (n, weights, bias) in neuron_names(&spec) {
        // Weights: dL/dw by finite differences; new_w from this test's own arithmetic.
        for w_name in &weights {
            let grad = value(&net, &format!("dL/d{w_name}"));
            let w = value(&net, w_name);
            let updated = value(&net, &format!("new_{w_name}"));
            let by_hand = w - lr * (grad + decay * w);
            prop_assert!(
                (updated - by_hand).abs() <= 4.0 * f64::EPSILON * (1.0 + by_hand.abs()),
                "new_{w_name} = {updated}, w − α(dL/dw + λw) = {by_hand}"
            );
            let w_node = node(&net, w_name);
            match numeric(&mut net.graph, w_node, loss, &guards) {
                Some(num) => {
                    compared += 1;
                    prop_assert!(agrees(grad, num), "dL/d{w_name} = {grad}, numeric {num:?}");
                    let numeric_update = w - lr * (num.slope + decay * w);
                    prop_assert!((updated - numeric_update).abs() <= lr * 1e-5 * (1.0 + num.scale));
                }
                None => skipped += 1,
            }
        }
        // Bias: dL/db = δ (exactly: z = Σ w·a + b has slope 1 in b), both equal to the numeric
        // ∂L/∂b, and f′(z) is the numeric ∂f/∂b.
        let grad_b = value(&net, &format!("dL/d{bias}"));
        let delta = value(&net, &format!("delta{n}"));
        prop_assert_eq!(
            grad_b.to_bits(),
            delta.to_bits(),
            "dL/d{} vs delta{}",
            bias,
            n
        );
        let b = value(&net, &bias);
        let new_b = value(&net, &format!("new_{bias}"));
        prop_assert!((new_b - (b - lr * grad_b)).abs() <= 4.0 * f64::EPSILON * (1.0 + new_b.abs()));
        let b_node = node(&net, &bias);
        match numeric(&mut net.graph, b_node, loss, &guards) {
            Some(num) => {
                compared += 1;
                prop_assert!(agrees(delta, num), "delta{n} = {delta}, numeric {num:?}");
            }
            None => skipped += 1,
        }
        let f_node = node(&net, &format!("f{n}"));
        let df = value(&net, &format!("df{n}"));
        if let Some(num) = numeric(&mut net.graph, b_node, f_node, &guards) {
            prop_assert!(agrees(df, num), "df{n} = {df}, numeric ∂f{n}/∂b{n} {num:?}");
        }
    }
    // Inputs and targets are leaves too: the graph's ∂L/∂x and ∂L/∂y.
    for given in net.inputs.clone().into_iter().chain(net.targets.clone()) {
        let analytic = net.graph.grad(given);
        if let Some(num) = numeric(&mut net.graph, given, loss, &guards) {
            let name = net.graph.name(given).unwrap().to_string();
            prop_assert!(
                agrees(analytic, num),
                "dL/d{name} = {analytic}, numeric {num:?}"
            );
        }
    }
    // The numeric passes restored every leaf: the values are the ones we compared against.
    let mut again = Network::new(&spec);
    again.evaluate();
    prop_assert_eq!(again.values(), net.values());
    // Kinks are rare: nearly every parameter was compared.
    prop_assert!(
        skipped <= compared / 4 + 1,
        "skipped {skipped} of {}",
        compared + skipped
    );
    Ok(())
}

proptest! {
    // About one case in six is cross-entropy on a non-sigmoid output outside (0, 1), rejected
    // above; allow for that.
    #![proptest_config(ProptestConfig {
        cases: 256,
        max_global_rejects: 4096,
        ..ProptestConfig::default()
    })]

    #[test]
    fn network_gradients_match_finite_differences(spec in arb_spec()) {
        check_network(&spec)?;
    }
}

#[test]
fn every_loss_and_activation_is_checked_at_least_once() {
    // The property above picks combinations at random; make sure each activation in the output
    // layer meets each loss on one fixed network as well.
    for activation in Activation::ALL {
        for loss in Loss::ALL {
            let spec = Spec {
                name: None,
                input: vec![0.3, -0.7],
                target: vec![0.25, 1.0],
                loss,
                activation: Activation::Tanh,
                learning_rate: 0.5,
                weight_decay: 0.01,
                layers: vec![
                    LayerSpec {
                        weights: vec![vec![0.5, -1.2], vec![1.1, 0.4], vec![-0.3, 0.9]],
                        biases: vec![0.1, -0.2, 0.3],
                        activation: None,
                    },
                    // Outputs z in 0.5 ± 0.4: inside (0, 1) for every activation, so cross-entropy
                    // applies to all of them.
                    LayerSpec {
                        weights: vec![vec![0.2, 0.1, -0.1], vec![-0.1, 0.1, 0.2]],
                        biases: vec![0.5, 0.5],
                        activation: Some(activation),
                    },
                ],
                ..Spec::tutorial()
            };
            check_network(&spec).unwrap_or_else(|e| panic!("{activation:?} + {loss:?}: {e}"));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Expressions

/// One step of a random expression: an op code and three operand picks (indices into the nodes
/// built so far, taken modulo their count, so later nodes reuse earlier ones).
type Step = (u8, usize, usize, usize);

/// Build the expression `steps` describes over leaves with `leaf_values`. Ops whose operand
/// would leave the op's domain (ln of a value ≤ 0.1, division by |b| < 0.25, non-integer power
/// of a value < 0.1, exp of a value > 3, relu within 0.01 of its kink) are built in a safe form
/// instead, so every case is differentiable with a margin. Returns the graph, the leaves, the
/// root (the sum of every computed node, so every node reaches it) and the relu operands.
fn build_expression(
    leaf_values: &[f64],
    steps: &[Step],
) -> (Graph, Vec<NodeId>, NodeId, Vec<NodeId>) {
    let mut g = Graph::new();
    let leaves: Vec<NodeId> = leaf_values
        .iter()
        .enumerate()
        .map(|(i, &v)| g.input(&format!("a{i}"), v))
        .collect();
    let mut nodes = leaves.clone();
    let mut computed = Vec::new();
    let mut guards = Vec::new();
    for &(code, i, j, k) in steps {
        let (a, b, c) = (
            nodes[i % nodes.len()],
            nodes[j % nodes.len()],
            nodes[k % nodes.len()],
        );
        let (va, vb) = (g.value(a), g.value(b));
        let node = match code % 14 {
            0 => g.add(a, b),
            1 => g.sub(a, b),
            2 => g.mul(a, b),
            3 if vb.abs() > 0.25 => g.div(a, b),
            3 => {
                // a / (b² + 1)
                let bb = g.mul(b, b);
                let one = g.constant(1.0);
                let den = g.add(bb, one);
                g.div(a, den)
            }
            4 => g.neg(a),
            5 => {
                let exponent: f64 = [2.0, 3.0, -1.0, 0.5, 1.5][k % 5];
                let ok = match exponent {
                    e if e.fract() != 0.0 => va > 0.1,
                    e if e < 0.0 => va.abs() > 0.25,
                    _ => true,
                };
                g.pow(a, if ok { exponent } else { 2.0 })
            }
            6 if va < 3.0 => g.exp(a),
            6 => g.tanh(a),
            7 if va > 0.1 => g.ln(a),
            7 => {
                // ln(a² + 0.5)
                let aa = g.mul(a, a);
                let half = g.constant(0.5);
                let arg = g.add(aa, half);
                g.ln(arg)
            }
            8 => g.sigmoid(a),
            9 => g.tanh(a),
            10 if va.abs() > 0.01 => {
                guards.push(a);
                g.relu(a)
            }
            10 => g.identity(a),
            11 => g.sum(&[a, b, a]),
            12 => g.weighted_sum(&[(a, b), (b, c)], a),
            _ => g.mul(a, a),
        };
        computed.push(node);
        nodes.push(node);
        if g.value(node).abs() > 1e6 {
            break; // large enough; keep the rest of the expression out of overflow
        }
    }
    let root = g.sum(&computed);
    (g, leaves, root, guards)
}

fn arb_expression() -> impl Strategy<Value = (Vec<f64>, Vec<Step>)> {
    (
        vec(-2.0..2.0f64, 1..=4),
        vec(
            (any::<u8>(), any::<usize>(), any::<usize>(), any::<usize>()),
            1..=16,
        ),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn expression_gradients_match_finite_differences((leaf_values, steps) in arb_expression()) {
        let (mut g, leaves, root, guards) = build_expression(&leaf_values, &steps);
        let built: Vec<f64> = g.values().to_vec();
        prop_assume!(built.iter().all(|v| v.is_finite()));
        // The tape's forward pass reproduces the values the builder computed, bit for bit.
        g.forward();
        prop_assert_eq!(g.values(), &built[..]);
        g.backward(root);
        prop_assert_eq!(g.grad(root), 1.0);
        let grads: Vec<f64> = leaves.iter().map(|&l| g.grad(l)).collect();
        for (&leaf, &analytic) in leaves.iter().zip(&grads) {
            if let Some(num) = numeric(&mut g, leaf, root, &guards) {
                prop_assert!(
                    agrees(analytic, num),
                    "d root / d {} = {analytic}, numeric {num:?}",
                    g.name(leaf).unwrap()
                );
            }
        }
    }
}

#[test]
fn a_shared_subexpression_gets_every_contribution() {
    // u = a·b feeds three nodes:
    //   u = a·b, p = u·u, q = σ(u), r = p + q + u
    //   dr/du = 2u + σ(u)(1 − σ(u)) + 1, dr/da = b·dr/du, dr/db = a·dr/du
    let (a0, b0) = (0.7, -1.3);
    let mut g = Graph::new();
    let a = g.input("a", a0);
    let b = g.input("b", b0);
    let u = g.mul(a, b);
    let p = g.mul(u, u);
    let q = g.sigmoid(u);
    let r = g.sum(&[p, q, u]);
    g.forward();
    g.backward(r);
    let uv: f64 = a0 * b0;
    let s = 1.0 / (1.0 + (-uv).exp());
    let dr_du = 2.0 * uv + s * (1.0 - s) + 1.0;
    assert!((g.grad(u) - dr_du).abs() < 1e-15);
    assert!((g.grad(a) - b0 * dr_du).abs() < 1e-15);
    assert!((g.grad(b) - a0 * dr_du).abs() < 1e-15);
}
