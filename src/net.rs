//! The fully connected network on top of the graph: a [`Spec`] becomes a [`Graph`] whose nodes
//! carry the tutorial's names, and every canonical value (`z4`, `delta4`, `new_w(1,4)`, …) is
//! read off that one graph.
//!
//! ```
//! use deltagraph::net::Network;
//! use deltagraph::spec::ValidSpec;
//!
//! let mut net = Network::new(&ValidSpec::tutorial());
//! net.evaluate();
//! assert_eq!(net.get("z1"), Some(5.0)); // 2·1 + 1·2 + 1
//! ```

use std::sync::OnceLock;

use crate::error::{Error, Result};
use crate::graph::{Graph, NodeId, Role};
use crate::ops::{self, Gather, Op};
use crate::spec::{Activation, BatchLoss, ExampleSpec, LayerSpec, Loss, Spec, ValidSpec};

/// One layer's nodes.
#[derive(Clone, Debug)]
pub struct Layer {
    /// Its activation function.
    pub activation: Activation,
    /// The global number (1-based, as in the tutorial) of this layer's first neuron.
    pub first_neuron: usize,
    /// `weights[j][i]`: weight from input `i` into neuron `j`.
    pub weights: Vec<Vec<NodeId>>,
    /// One bias per neuron.
    pub biases: Vec<NodeId>,
    /// Net inputs `z`.
    pub z: Vec<NodeId>,
    /// Outputs `f(z)`.
    pub f: Vec<NodeId>,
}

impl Layer {
    /// Number of neurons.
    pub fn len(&self) -> usize {
        self.z.len()
    }

    /// Whether the layer has no neurons (never, for a validated spec).
    pub fn is_empty(&self) -> bool {
        self.z.is_empty()
    }

    /// Global neuron number of neuron `j` of this layer.
    pub fn neuron(&self, j: usize) -> usize {
        self.first_neuron + j
    }
}

/// Which number a canonical name stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Quantity {
    /// A node's value: `x1`, `w(1,4)`, `z4`, `f4`, `L`, …
    Value(NodeId),
    /// The local derivative of an activation node with respect to its `z`: `df4`.
    Derivative(NodeId),
    /// `∂L/∂node`: `delta4` (node `z4`), `dL/dw(1,4)`, `dL/db4`.
    Grad(NodeId),
    /// A parameter after one SGD step: `new_w(1,4)`, `new_b4`.
    Updated(NodeId),
    /// In a batch, `∂L[e]/∂node` for example `example` (0-based) alone, from a reverse pass
    /// seeded at its loss `L[e]`: `delta4[2]` (node `z4[2]`), `dL[2]/dw(1,4)`.
    ExampleGrad {
        /// The example, 0-based.
        example: usize,
        /// The node.
        node: NodeId,
    },
}

impl Quantity {
    /// The node the quantity is about.
    pub fn node(self) -> NodeId {
        match self {
            Quantity::Value(n)
            | Quantity::Derivative(n)
            | Quantity::Grad(n)
            | Quantity::Updated(n)
            | Quantity::ExampleGrad { node: n, .. } => n,
        }
    }
}

/// The part of the calculation a canonical value belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    /// Inputs, targets, weights and biases as given.
    Given,
    /// `z`, `f(z)` and `L`.
    Forward,
    /// `f′(z)` and `δ`.
    Backward,
    /// `∂L/∂w`, `∂L/∂b`.
    Gradient,
    /// Parameters after the SGD step.
    Update,
}

impl Stage {
    /// The stage's stable key in machine formats (JSON `stage`, the page's `data-stage`).
    pub fn key(self) -> &'static str {
        match self {
            Stage::Given => "given",
            Stage::Forward => "forward",
            Stage::Backward => "backward",
            Stage::Gradient => "gradient",
            Stage::Update => "update",
        }
    }
}

/// One canonical value: its name, what it is, and where it belongs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry<'a> {
    /// The canonical name (`z4`, `w(x1,1)`, `dL/db4`, …).
    pub name: &'a str,
    /// What it measures.
    pub quantity: Quantity,
    /// Its stage.
    pub stage: Stage,
}

/// Every canonical value of a network, in reading order ([`Network::entries`]): the names
/// in one buffer ([`NameList`](crate::name_list::NameList)), not a `String` each.
#[derive(Clone, Debug, Default)]
pub struct Entries {
    /// Shared with the hand reader's [`Names`](crate::hand::Names): one copy of the names
    /// and of their index per network.
    names: std::sync::Arc<crate::name_list::NameList>,
    kinds: Vec<(Quantity, Stage)>,
}

impl Entries {
    /// No entries.
    pub(crate) fn new() -> Entries {
        Entries::default()
    }

    /// Add an entry at the end.
    pub(crate) fn push(&mut self, name: &str, quantity: Quantity, stage: Stage) {
        std::sync::Arc::make_mut(&mut self.names).push(name);
        self.kinds.push((quantity, stage));
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    /// Entry number `i` (0-based).
    pub fn get(&self, i: usize) -> Option<Entry<'_>> {
        let (quantity, stage) = *self.kinds.get(i)?;
        let name = self.names.get(i)?;
        Some(Entry {
            name,
            quantity,
            stage,
        })
    }

    /// The entries in order.
    pub fn iter(&self) -> EntriesIter<'_> {
        EntriesIter {
            entries: self,
            range: 0..self.len(),
        }
    }

    /// The position of the entry called `name` (canonical spelling).
    pub fn position(&self, name: &str) -> Option<usize> {
        self.names.position(name)
    }

    /// The names, in entry order.
    pub fn names(&self) -> &std::sync::Arc<crate::name_list::NameList> {
        &self.names
    }

    fn shrink_to_fit(&mut self) {
        std::sync::Arc::make_mut(&mut self.names).shrink_to_fit();
        self.kinds.shrink_to_fit();
    }
}

impl<'a> IntoIterator for &'a Entries {
    type Item = Entry<'a>;
    type IntoIter = EntriesIter<'a>;
    fn into_iter(self) -> EntriesIter<'a> {
        self.iter()
    }
}

/// The entries of an [`Entries`] in order ([`Entries::iter`]).
#[derive(Clone, Debug)]
pub struct EntriesIter<'a> {
    entries: &'a Entries,
    range: std::ops::Range<usize>,
}

impl<'a> Iterator for EntriesIter<'a> {
    type Item = Entry<'a>;
    fn next(&mut self) -> Option<Entry<'a>> {
        self.range.next().and_then(|i| self.entries.get(i))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.range.size_hint()
    }
}

impl DoubleEndedIterator for EntriesIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.range.next_back().and_then(|i| self.entries.get(i))
    }
}

impl ExactSizeIterator for EntriesIter<'_> {}

/// Where a node sits in a [`Network`] ([`Network::place`]); indices are 0-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Place {
    /// Input `x` number `.0`.
    Input(usize),
    /// Target `y` number `.0`.
    Target(usize),
    /// The weight from input `input` of layer `layer` into its neuron `neuron`.
    Weight {
        /// The layer.
        layer: usize,
        /// The neuron, within its layer.
        neuron: usize,
        /// The input, within the layer's inputs.
        input: usize,
    },
    /// The bias of neuron `neuron` of layer `layer`.
    Bias {
        /// The layer.
        layer: usize,
        /// The neuron, within its layer.
        neuron: usize,
    },
    /// The net input `z` of a neuron.
    Z {
        /// The layer.
        layer: usize,
        /// The neuron, within its layer.
        neuron: usize,
    },
    /// The output `f(z)` of a neuron.
    F {
        /// The layer.
        layer: usize,
        /// The neuron, within its layer.
        neuron: usize,
    },
    /// The loss `L`.
    Loss,
    /// Anything else (the loss's intermediate nodes; every node of an expression).
    Other,
}

/// The nodes of one example: its inputs and targets, every neuron's `z` and `f` for it, and
/// its loss. A network of one example has one; a batch has one per `[[examples]]` entry, all
/// sharing the network's weights and biases.
#[derive(Clone, Debug)]
pub struct Example {
    /// Input leaves `x1[e]`, ….
    pub inputs: Vec<NodeId>,
    /// Target leaves `y1[e]`, ….
    pub targets: Vec<NodeId>,
    /// `z[l][j]`: net input of neuron `j` of layer `l` for this example.
    pub z: Vec<Vec<NodeId>>,
    /// `f[l][j]`: its output.
    pub f: Vec<Vec<NodeId>>,
    /// The example's loss `L[e]` (the network's `L` when there is one example).
    pub loss: NodeId,
}

/// The suffix that names example `e` (0-based) of a batch: `[1]`, `[2]`, ….
pub fn example_suffix(e: usize) -> String {
    format!("[{}]", e + 1)
}

/// A network built on a [`Graph`]. See the [module docs](self).
#[derive(Clone, Debug)]
pub struct Network {
    /// The graph: every value of the network is a node of it.
    pub graph: Graph,
    /// Input leaves `x`.
    pub inputs: Vec<NodeId>,
    /// Target leaves `y`.
    pub targets: Vec<NodeId>,
    /// The layers, input side first.
    pub layers: Vec<Layer>,
    /// The loss node `L`.
    pub loss: NodeId,
    /// The loss function.
    pub loss_kind: Loss,
    /// SGD step size α.
    pub learning_rate: f64,
    /// Weight decay λ.
    pub weight_decay: f64,
    /// The spec's name.
    pub name: Option<String>,
    /// Every example's nodes (one for a single example, none for an expression). The fields
    /// `inputs`, `targets` and each layer's `z` and `f` are those of the first.
    pub examples: Vec<Example>,
    /// For a batch (`[[examples]]`), how `L` combines the examples' losses; `None` for one
    /// example, whose loss is `L` itself.
    pub batch: Option<BatchLoss>,
    /// For a batch, `∂L[e]/∂n` of every node `n`, one array per example (see
    /// [`Quantity::ExampleGrad`]), filled by [`evaluate`](Network::evaluate).
    example_grads: Vec<Vec<f64>>,
    /// For a batch, the example (0-based) each node belongs to, `u32::MAX` for shared nodes;
    /// made on first use.
    example_of: OnceLock<Vec<u32>>,
    /// The entries as a list, made on first use (an expression gives its own): the commands
    /// that only walk them (`run`, `render`) never hold a million names at once.
    /// Each entry's position is found by name through the list's own index, made on first
    /// look-up: tables, derivations and the checker look names up once per formula term.
    entries: OnceLock<Entries>,
    /// Every node's [`Place`], made on first use.
    places: OnceLock<Vec<Place>>,
    /// Every weight and bias as runs of consecutive nodes with the decay that applies to them
    /// (λ for weights, 0 for biases), listed once at construction so that
    /// [`step`](Network::step), run once per training sample, is a plain loop over slices.
    param_runs: Vec<(std::ops::Range<usize>, f64)>,
}

/// The SGD update of one parameter, the only copy of it: `p − α(∂L/∂p + λ·p)`. Pass
/// `decay = 0` for a bias.
#[inline]
pub fn sgd_update(param: f64, grad: f64, learning_rate: f64, decay: f64) -> f64 {
    if decay.to_bits() == 0 {
        // `p − α·∂L/∂p`: for every finite `p` the same number as adding `+0·p` first (that
        // term is ±0, which changes at most the sign of a zero gradient, and `p − α·(±0)` is
        // `p` either way; tested), with a multiply and an add less per parameter — training
        // without decay updates every parameter this way, sample after sample. (A decay of
        // −0 takes the full rule: `−0·p` can turn `p = −0` into `+0`.)
        param - learning_rate * grad
    } else {
        param - learning_rate * (grad + decay * param)
    }
}

crate::cpu::compiled_twice! {
    /// [`sgd_update`] of every parameter in `runs` (node ranges, each with its decay), by one
    /// of two copies kept out of line ([`crate::cpu`]). The values and gradients come into
    /// each as two arguments of a function, so that the compiler knows they do not overlap:
    /// the loops vectorise without a run-time overlap check per run (inlined into `step`,
    /// that knowledge is lost; measured: 23 instructions per Iris sample).
    fn update_runs / update_runs_avx2 / update_runs_baseline (
        values: &mut [f64],
        grads: &[f64],
        runs: &[(std::ops::Range<usize>, f64)],
        learning_rate: f64,
    ) => update_runs_here
}

/// The update of every run, inlined into its two compiled copies.
#[inline(always)]
fn update_runs_here(
    values: &mut [f64],
    grads: &[f64],
    runs: &[(std::ops::Range<usize>, f64)],
    learning_rate: f64,
) {
    for (run, decay) in runs {
        let decay = *decay;
        for (v, &g) in values[run.clone()].iter_mut().zip(&grads[run.clone()]) {
            *v = sgd_update(*v, g, learning_rate, decay);
        }
    }
}

/// `input` into the `inputs` nodes and `target` into the `targets` nodes of `values`; inlined
/// into the training loop, where it runs once per sample.
#[inline(always)]
fn write_example(
    inputs: &[NodeId],
    targets: &[NodeId],
    values: &mut [f64],
    input: &[f64],
    target: &[f64],
) {
    assert_eq!(input.len(), inputs.len(), "input length");
    assert_eq!(target.len(), targets.len(), "target length");
    for (&n, &x) in inputs.iter().zip(input) {
        values[n.index()] = x;
    }
    for (&n, &y) in targets.iter().zip(target) {
        values[n.index()] = y;
    }
}

/// Name of input `i` (0-based): `x1`, `x2`, …
pub fn input_name(i: usize) -> String {
    format!("x{}", i + 1)
}

/// Name of the weight from `source` (`x1` or a neuron number) into neuron `to`.
pub fn weight_name(source: &str, to: usize) -> String {
    format!("w({source},{to})")
}

impl Network {
    /// Build the graph of a validated spec, then run forward and backward; an error if a value
    /// overflows (such as `z1 = inf` from weights near 1e300), naming the spec's source and
    /// the first value that did.
    pub fn evaluated(spec: &ValidSpec) -> Result<Network> {
        let mut net = Network::new(spec);
        net.evaluate();
        // Checked first: an output outside (0, 1) makes ln ŷ a NaN, which the overflow check
        // below would misname.
        if let Some((name, v)) = net.first_output_outside_probabilities() {
            return Err(Error::bad_input(
                spec.source(),
                format!("value {name}"),
                crate::msg!(
                    "net-output-outside-unit",
                    name = &name,
                    value = v.to_string(),
                    activation = net.layers.last().map_or("", |l| l.activation.name())
                ),
            ));
        }
        match net.first_non_finite() {
            None => Ok(net),
            Some((name, v)) => Err(Error::bad_input(
                spec.source(),
                format!("value {name}"),
                crate::msg!("net-not-finite", name = &name, value = v.to_string()),
            )),
        }
    }

    /// The evaluated network of spec text, a network spec or an expression spec (one with an
    /// `[expression]` table); `file` names it in errors.
    /// Spec text larger than the network size cap is refused before it is parsed
    /// ([`crate::spec::check_size`]).
    pub fn from_spec_text(text: &str, file: &str) -> Result<Network> {
        crate::spec::check_size(text, file)?;
        // The network spec first, the expression spec if that fails: each big file is parsed
        // once (a network spec has no `expression` key, so it is never mistaken for one).
        match crate::spec::Spec::parse(text, file) {
            Err(_) if crate::expression::is_expression_spec(text) => {
                crate::expression::load(text, file)
            }
            spec => Network::evaluated(&spec?),
        }
    }

    /// With cross-entropy loss and an output activation other than sigmoid (which saturates
    /// safely at 0 and 1), the first output not strictly inside (0, 1).
    fn first_output_outside_probabilities(&self) -> Option<(String, f64)> {
        let last = self.layers.last()?;
        if self.loss_kind != Loss::CrossEntropy || last.activation == Activation::Sigmoid {
            return None;
        }
        let outputs = self.examples.iter().filter_map(|ex| ex.f.last()).flatten();
        outputs.copied().find_map(|f| {
            let v = self.graph.value(f);
            (!(v > 0.0 && v < 1.0)).then(|| (self.graph.name(f).unwrap_or("output").to_string(), v))
        })
    }

    /// Build the graph of a validated spec. Values are those of the spec; call
    /// [`evaluate`](Self::evaluate) to run forward and backward (or build with
    /// [`evaluated`](Self::evaluated), which also refuses values that overflow).
    pub fn new(spec: &ValidSpec) -> Network {
        let mut g = Graph::new();
        // One example, or each of a batch's: its (input, target) and its name suffix.
        let batch = spec.is_batch().then_some(spec.batch_loss);
        let data: Vec<(&[f64], &[f64], String)> = if spec.is_batch() {
            spec.examples
                .iter()
                .enumerate()
                .map(|(e, ex)| (&ex.input[..], &ex.target[..], example_suffix(e)))
                .collect()
        } else {
            vec![(&spec.input[..], &spec.target[..], String::new())]
        };
        let mut examples: Vec<Example> = data
            .iter()
            .map(|(input, _, suffix)| Example {
                inputs: input
                    .iter()
                    .enumerate()
                    .map(|(i, &x)| {
                        let n = g.leaf(None, x, Role::Input);
                        g.set_name_fmt(n, format_args!("x{}{suffix}", i + 1));
                        n
                    })
                    .collect(),
                targets: Vec::new(),
                z: Vec::new(),
                f: Vec::new(),
                loss: NodeId(u32::MAX), // set below, once the targets exist
            })
            .collect();
        let mut layers = Vec::with_capacity(spec.layers.len());
        // The layer before the next one: the inputs, then each layer's outputs, per example.
        // After the loop, the output layer's activation (a valid spec has at least one layer).
        let mut prev_activation = spec.activation;
        let mut prev_names: Vec<String> = (0..spec.input_len()).map(input_name).collect();
        let mut next_neuron = 1;
        for (
            l,
            LayerSpec {
                weights, biases, ..
            },
        ) in spec.layers.iter().enumerate()
        {
            let activation = spec.activation_of(l);
            let mut layer = Layer {
                activation,
                first_neuron: next_neuron,
                weights: Vec::new(),
                biases: Vec::new(),
                z: Vec::new(),
                f: Vec::new(),
            };
            // Layer by layer: all weights (row by row), the biases, then per example every z,
            // then every f. Each neuron's weights and the layer's outputs are then contiguous
            // runs of nodes, which the tape evaluates without per-operand indexing
            // (`Tape::compile`). The parameters are shared by every example.
            for (j, row) in weights.iter().enumerate() {
                let n = next_neuron + j;
                let w: Vec<NodeId> = row
                    .iter()
                    .zip(&prev_names)
                    .map(|(&v, src)| {
                        let w = g.leaf(None, v, Role::Weight);
                        g.set_name_fmt(w, format_args!("w({src},{n})"));
                        w
                    })
                    .collect();
                layer.weights.push(w);
            }
            for (j, &bias) in biases.iter().enumerate() {
                let b = g.leaf(None, bias, Role::Bias);
                g.set_name_fmt(b, format_args!("b{}", next_neuron + j));
                layer.biases.push(b);
            }
            for (example, (_, _, suffix)) in examples.iter_mut().zip(&data) {
                let prev: &[NodeId] = example.f.last().unwrap_or(&example.inputs);
                let z: Vec<NodeId> = (0..biases.len())
                    .map(|j| {
                        let pairs: Vec<(NodeId, NodeId)> = layer.weights[j]
                            .iter()
                            .copied()
                            .zip(prev.iter().copied())
                            .collect();
                        let z = g.weighted_sum(&pairs, layer.biases[j]);
                        g.set_role(z, Role::Z);
                        g.set_name_fmt(z, format_args!("z{}{suffix}", next_neuron + j));
                        z
                    })
                    .collect();
                let f: Vec<NodeId> = (0..biases.len())
                    .map(|j| {
                        // A softmax output reads the whole layer: its own z first, then the
                        // others.
                        let operands: Vec<NodeId> = if activation == Activation::Softmax {
                            std::iter::once(z[j])
                                .chain((0..z.len()).filter(|&k| k != j).map(|k| z[k]))
                                .collect()
                        } else {
                            vec![z[j]]
                        };
                        let f = g.apply(activation.op(), &operands, Role::NeuronOutput);
                        g.set_name_fmt(f, format_args!("f{}{suffix}", next_neuron + j));
                        f
                    })
                    .collect();
                example.z.push(z);
                example.f.push(f);
            }
            layer.z = examples[0].z[l].clone();
            layer.f = examples[0].f[l].clone();
            next_neuron += layer.len();
            prev_activation = layer.activation;
            prev_names = (0..layer.len())
                .map(|j| layer.neuron(j).to_string())
                .collect();
            layers.push(layer);
        }
        for (example, (_, target, suffix)) in examples.iter_mut().zip(&data) {
            example.targets = target
                .iter()
                .enumerate()
                .map(|(k, &y)| {
                    let n = g.leaf(None, y, Role::Target);
                    g.set_name_fmt(n, format_args!("y{}{suffix}", k + 1));
                    n
                })
                .collect();
            let (f, z) = (
                example.f.last().expect("a valid spec has a layer"),
                example.z.last().expect("a valid spec has a layer"),
            );
            example.loss = build_loss(&mut g, spec.loss, prev_activation, f, z, &example.targets);
            g.set_role(example.loss, Role::Loss);
            g.set_name_fmt(example.loss, format_args!("L{suffix}"));
        }
        // A batch's L combines the examples' losses by its rule in `ops` (mean or sum).
        let loss = match batch {
            None => examples[0].loss,
            Some(combine) => {
                let losses: Vec<NodeId> = examples.iter().map(|e| e.loss).collect();
                let op = match combine {
                    BatchLoss::Mean => Op::Mean,
                    BatchLoss::Sum => Op::Sum,
                };
                let loss = g.apply(op, &losses, Role::Loss);
                g.set_name(loss, "L");
                loss
            }
        };
        let mut net = Network {
            graph: g,
            inputs: examples[0].inputs.clone(),
            targets: examples[0].targets.clone(),
            layers,
            loss,
            loss_kind: spec.loss,
            learning_rate: spec.learning_rate,
            weight_decay: spec.weight_decay,
            name: spec.name.clone(),
            example_grads: vec![Vec::new(); if batch.is_some() { examples.len() } else { 0 }],
            examples,
            batch,
            example_of: OnceLock::new(),
            entries: OnceLock::new(),
            places: OnceLock::new(),
            param_runs: Vec::new(),
        };
        for p in net.parameters().collect::<Vec<_>>() {
            assert!(net.graph.node(p).op.is_leaf(), "parameters are leaves");
            let (i, decay) = (p.index(), net.decay_of(p));
            match net.param_runs.last_mut() {
                Some((run, d)) if run.end == i && *d == decay => run.end += 1,
                _ => net.param_runs.push((i..i + 1, decay)),
            }
        }
        net
    }

    /// A network with no layers around the graph of a scalar expression: its inputs, its
    /// output as the root of the reverse pass (in [`loss`](Self::loss)) and its own canonical
    /// entries. Tables, the checker and the computation-graph view work on it as on any
    /// network; see [`crate::expression`].
    pub(crate) fn from_expression(
        graph: Graph,
        inputs: Vec<NodeId>,
        output: NodeId,
        name: Option<String>,
        entries: Entries,
    ) -> Network {
        Network {
            graph,
            inputs,
            targets: Vec::new(),
            layers: Vec::new(),
            loss: output,
            loss_kind: Loss::default(),
            learning_rate: 0.0,
            weight_decay: 0.0,
            name,
            examples: Vec::new(),
            batch: None,
            example_grads: Vec::new(),
            example_of: OnceLock::new(),
            entries: OnceLock::from(entries),
            places: OnceLock::new(),
            param_runs: Vec::new(),
        }
    }

    /// Whether this is a scalar expression (no layers) rather than a network.
    pub fn is_expression(&self) -> bool {
        self.layers.is_empty()
    }

    /// Run the forward pass and the reverse pass from `L`; for a batch, also one reverse pass
    /// from each example's loss `L[e]` (its own δ and gradients).
    pub fn evaluate(&mut self) {
        self.graph.forward();
        self.graph.backward(self.loss);
        for (example, grads) in self.examples.iter().zip(&mut self.example_grads) {
            self.graph.backward_into(example.loss, grads);
        }
    }

    /// Example `e` (0-based) of a batch seen as a network of one example: its inputs,
    /// targets, neurons and loss `L[e]` in the usual fields, and the gradients of its own
    /// reverse pass (from `L[e]`) as the graph's gradients, so that δ and ∂L/∂w read as
    /// the example's own. The names stay the batch's (`z4[2]`); the updates it would give
    /// are not the batch's. For a network of one example, a copy of it.
    pub fn example_view(&self, e: usize) -> Network {
        let (Some(ex), Some(grads)) = (self.examples.get(e), self.example_grads.get(e)) else {
            return self.clone();
        };
        let mut graph = self.graph.clone();
        if grads.len() == graph.len() {
            graph.set_grads(grads);
        }
        let mut layers = self.layers.clone();
        for (l, layer) in layers.iter_mut().enumerate() {
            layer.z = ex.z[l].clone();
            layer.f = ex.f[l].clone();
        }
        Network {
            graph,
            inputs: ex.inputs.clone(),
            targets: ex.targets.clone(),
            layers,
            loss: ex.loss,
            loss_kind: self.loss_kind,
            learning_rate: self.learning_rate,
            weight_decay: self.weight_decay,
            name: self.name.clone(),
            examples: vec![ex.clone()],
            batch: None,
            example_grads: Vec::new(),
            example_of: OnceLock::new(),
            entries: OnceLock::new(),
            places: OnceLock::new(),
            param_runs: self.param_runs.clone(),
        }
    }

    /// For a batch, `∂L/∂L[e]`: the partial of `L`'s own rule (`Op::Mean` or `Op::Sum`) with
    /// respect to example `example`'s loss, at the node values `values` (the graph's, or a
    /// replay's); `None` for one example.
    pub fn example_share(&self, example: usize, values: &[f64]) -> Option<f64> {
        let ex = self.examples.get(example).filter(|_| self.is_batch())?;
        let operands = self.graph.operands(self.loss);
        let at = operands.iter().position(|&l| l == ex.loss)?;
        let losses: Vec<f64> = operands.iter().map(|l| values[l.index()]).collect();
        let op = self.graph.node(self.loss).op;
        Some(crate::ops::partial(
            op,
            &losses[..],
            crate::ops::forward(op, &losses[..]),
            at,
        ))
    }

    /// Whether this network has a batch of examples (`[[examples]]`).
    pub fn is_batch(&self) -> bool {
        self.batch.is_some()
    }

    /// `∂L[e]/∂n` after [`evaluate`](Self::evaluate), for a batch (NaN if not evaluated or
    /// not a batch).
    pub fn example_grad(&self, example: usize, n: NodeId) -> f64 {
        self.example_grads
            .get(example)
            .and_then(|g| g.get(n.index()))
            .copied()
            .unwrap_or(f64::NAN)
    }

    /// The example (0-based) node `n` belongs to in a batch; `None` for shared nodes
    /// (parameters, `L`, constants) and for a network of one example.
    pub fn example_of(&self, n: NodeId) -> Option<usize> {
        if !self.is_batch() {
            return None;
        }
        let owners = self.example_of.get_or_init(|| {
            let mut owners = vec![u32::MAX; self.graph.len()];
            // Every node between an example's first input and its loss that is not a
            // parameter belongs to it, except those of the other examples built in between:
            // mark each example's own nodes from its structure instead.
            for (e, ex) in self.examples.iter().enumerate() {
                let mut mark = |n: &NodeId| owners[n.index()] = e as u32;
                ex.inputs.iter().for_each(&mut mark);
                ex.targets.iter().for_each(&mut mark);
                ex.z.iter().flatten().for_each(&mut mark);
                ex.f.iter().flatten().for_each(&mut mark);
                mark(&ex.loss);
            }
            // The loss's intermediate nodes take the example of their operands.
            for n in self.graph.nodes() {
                if owners[n.index()] == u32::MAX && n != self.loss {
                    if let Some(e) = self
                        .graph
                        .operands(n)
                        .iter()
                        .map(|o| owners[o.index()])
                        .find(|&e| e != u32::MAX)
                    {
                        owners[n.index()] = e;
                    }
                }
            }
            owners
        });
        owners
            .get(n.index())
            .filter(|&&e| e != u32::MAX)
            .map(|&e| e as usize)
    }

    /// The name suffix of example `e` (0-based): `[2]` in a batch, empty for one example.
    pub fn suffix(&self, e: usize) -> String {
        if self.is_batch() {
            example_suffix(e)
        } else {
            String::new()
        }
    }

    /// What a training step needs: the forward pass, then the reverse pass from `L` for the
    /// weights' and biases' gradients only ([`Graph::backward_parameters`]; the gradients of
    /// inputs and targets are not computed). [`step`](Self::step) then updates the parameters.
    pub fn evaluate_for_step(&mut self) {
        self.graph.forward();
        self.graph.backward_parameters(self.loss);
    }

    /// Set the inputs and targets of one example (lengths must match the network).
    // Inlined into the training loop: out of line, its call saved five registers on the
    // stack per sample-step (stores are what a step pays for: docs/performance.md).
    #[inline]
    pub fn set_example(&mut self, input: &[f64], target: &[f64]) {
        // Inputs and targets are leaves (built so in `new`): write them in place, as `step`
        // writes the parameters.
        let (values, _) = self.graph.values_mut_and_grads();
        write_example(&self.inputs, &self.targets, values, input, target);
    }

    /// [`set_example`](Self::set_example) into `values`, an array of one value per node of
    /// this network's graph other than its own (a copy of [`Graph::values`] for
    /// [`Graph::forward_rows_to`]).
    ///
    /// # Panics
    /// If a length does not match the network.
    pub fn write_example(&self, values: &mut [f64], input: &[f64], target: &[f64]) {
        assert_eq!(values.len(), self.graph.len(), "one value per node");
        write_example(&self.inputs, &self.targets, values, input, target);
    }

    /// Apply one SGD step to every weight and bias, using the gradients of the last
    /// [`evaluate`](Self::evaluate).
    pub fn step(&mut self) {
        // Every parameter is a leaf (checked when the runs were listed).
        let (values, grads) = self.graph.values_mut_and_grads();
        update_runs(values, grads, &self.param_runs, self.learning_rate);
    }

    /// Every weight and bias node.
    pub fn parameters(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.layers
            .iter()
            .flat_map(|l| l.weights.iter().flatten().chain(&l.biases).copied())
    }

    /// The output layer: the last one (a network built from a [`ValidSpec`] has at least one;
    /// an expression has none).
    pub fn output_layer(&self) -> Option<&Layer> {
        self.layers.last()
    }

    /// The outputs `ŷ` (the output layer's `f`; none for an expression).
    pub fn outputs(&self) -> &[NodeId] {
        self.output_layer().map_or(&[], |l| &l.f)
    }

    /// Where node `n` sits in the network, by an index over every node made on first use:
    /// constant time per question, however big the network (the derivation and the checker
    /// ask once per value).
    pub fn place(&self, n: NodeId) -> Place {
        let places = self.places.get_or_init(|| {
            let mut places = vec![Place::Other; self.graph.len()];
            for (i, &x) in self.inputs.iter().enumerate() {
                places[x.index()] = Place::Input(i);
            }
            for (k, &y) in self.targets.iter().enumerate() {
                places[y.index()] = Place::Target(k);
            }
            for (layer, l) in self.layers.iter().enumerate() {
                for (neuron, row) in l.weights.iter().enumerate() {
                    for (input, &w) in row.iter().enumerate() {
                        places[w.index()] = Place::Weight {
                            layer,
                            neuron,
                            input,
                        };
                    }
                    places[l.biases[neuron].index()] = Place::Bias { layer, neuron };
                }
            }
            // Every example's inputs, targets and neurons (a batch has several).
            for ex in &self.examples {
                for (i, &x) in ex.inputs.iter().enumerate() {
                    places[x.index()] = Place::Input(i);
                }
                for (k, &y) in ex.targets.iter().enumerate() {
                    places[y.index()] = Place::Target(k);
                }
                for (layer, (z, f)) in ex.z.iter().zip(&ex.f).enumerate() {
                    for (neuron, (&z, &f)) in z.iter().zip(f).enumerate() {
                        places[z.index()] = Place::Z { layer, neuron };
                        places[f.index()] = Place::F { layer, neuron };
                    }
                }
            }
            places[self.loss.index()] = Place::Loss;
            places
        });
        places.get(n.index()).copied().unwrap_or(Place::Other)
    }

    /// The layer (0-based) of a weight, bias, `z` or `f` node.
    pub fn layer_of(&self, n: NodeId) -> Option<usize> {
        match self.place(n) {
            Place::Weight { layer, .. }
            | Place::Bias { layer, .. }
            | Place::Z { layer, .. }
            | Place::F { layer, .. } => Some(layer),
            _ => None,
        }
    }

    /// `(layer, index in layer)` of a neuron's `z` or `f` node.
    pub fn neuron_of(&self, n: NodeId) -> Option<(usize, usize)> {
        match self.place(n) {
            Place::Z { layer, neuron } | Place::F { layer, neuron } => Some((layer, neuron)),
            _ => None,
        }
    }

    /// `(layer, neuron index, input index)` of a weight node.
    pub fn weight_position(&self, w: NodeId) -> Option<(usize, usize, usize)> {
        match self.place(w) {
            Place::Weight {
                layer,
                neuron,
                input,
            } => Some((layer, neuron, input)),
            _ => None,
        }
    }

    /// The name of a node (every network node is named except the loss's intermediates).
    pub fn name_of(&self, n: NodeId) -> String {
        self.graph
            .name(n)
            .map_or_else(|| format!("node {}", n.index()), str::to_string)
    }

    /// Every canonical value, in reading order: given values, forward pass, derivatives and δ
    /// (output layer first), gradients, updated parameters.
    pub fn entries(&self) -> &Entries {
        self.entries.get_or_init(|| {
            let mut out = Entries::new();
            self.walk_entries(|name, quantity, stage| out.push(name, quantity, stage));
            out.shrink_to_fit();
            out
        })
    }

    /// Call `f(name, quantity, stage)` for every canonical value, in
    /// [`entries`](Self::entries) order, without making the list: each name is made in one
    /// reused buffer (for the commands that only walk the values once).
    pub fn for_each_entry(&self, mut f: impl FnMut(&str, Quantity, Stage)) {
        match self.entries.get() {
            Some(entries) => entries.iter().for_each(|e| f(e.name, e.quantity, e.stage)),
            None => self.walk_entries(f),
        }
    }

    /// The entry called `name` (canonical spelling).
    pub fn entry(&self, name: &str) -> Option<Entry<'_>> {
        self.entry_position(name)
            .and_then(|i| self.entries().get(i))
    }

    /// Where the entry called `name` is in [`entries`](Self::entries): what a list of one
    /// number per entry is indexed by.
    pub fn entry_position(&self, name: &str) -> Option<usize> {
        self.entries().position(name)
    }

    /// The value of a canonical name after [`evaluate`](Self::evaluate).
    pub fn get(&self, name: &str) -> Option<f64> {
        self.entry(name).map(|e| self.read(e.quantity))
    }

    /// The current number for a quantity.
    pub fn read(&self, q: Quantity) -> f64 {
        match q {
            Quantity::Value(n) => self.graph.value(n),
            Quantity::Grad(n) => self.graph.grad(n),
            Quantity::Derivative(f) => self.local_derivative(f),
            Quantity::Updated(p) => self.updated(p),
            Quantity::ExampleGrad { example, node } => self.example_grad(example, node),
        }
    }

    /// `f′(z)` of activation node `f`, by the op's own rule.
    fn local_derivative(&self, f: NodeId) -> f64 {
        let operands: Vec<u32> = self
            .graph
            .operands(f)
            .iter()
            .map(|n| n.index() as u32)
            .collect();
        let args = Gather {
            values: self.graph.values(),
            indices: &operands,
        };
        ops::partial(self.graph.node(f).op, &args, self.graph.value(f), 0)
    }

    /// The decay that applies to parameter `p`: λ for a weight, 0 for a bias.
    pub fn decay_of(&self, p: NodeId) -> f64 {
        if self.graph.node(p).role == Role::Weight {
            self.weight_decay
        } else {
            0.0
        }
    }

    fn updated(&self, p: NodeId) -> f64 {
        sgd_update(
            self.graph.value(p),
            self.graph.grad(p),
            self.learning_rate,
            self.decay_of(p),
        )
    }

    /// The first canonical value that is not finite (an overflow, such as `z1 = inf` from
    /// weights near 1e300), if any. Reports must not print NaN or infinity.
    pub fn first_non_finite(&self) -> Option<(String, f64)> {
        let mut first = None;
        self.for_each_entry(|name, quantity, _| {
            if first.is_none() {
                let v = self.read(quantity);
                if !v.is_finite() {
                    first = Some((name.to_string(), v));
                }
            }
        });
        first
    }

    /// Every canonical name with its current value, in [`entries`](Self::entries) order.
    pub fn values(&self) -> Vec<(String, f64)> {
        let mut out = Vec::new();
        self.for_each_entry(|name, quantity, _| out.push((name.to_string(), self.read(quantity))));
        out
    }

    /// The network's current parameters as a spec (e.g. after training).
    pub fn to_spec(&self) -> Spec {
        let v = |n: &NodeId| self.graph.value(*n);
        let batch = self.is_batch();
        Spec {
            name: self.name.clone(),
            input: if batch {
                Vec::new()
            } else {
                self.inputs.iter().map(v).collect()
            },
            target: if batch {
                Vec::new()
            } else {
                self.targets.iter().map(v).collect()
            },
            examples: if batch {
                self.examples
                    .iter()
                    .map(|ex| ExampleSpec {
                        input: ex.inputs.iter().map(v).collect(),
                        target: ex.targets.iter().map(v).collect(),
                    })
                    .collect()
            } else {
                Vec::new()
            },
            batch_loss: self.batch.unwrap_or_default(),
            loss: self.loss_kind,
            activation: self.layers[0].activation,
            learning_rate: self.learning_rate,
            weight_decay: self.weight_decay,
            layers: self
                .layers
                .iter()
                .map(|l| LayerSpec {
                    weights: l
                        .weights
                        .iter()
                        .map(|row| row.iter().map(v).collect())
                        .collect(),
                    biases: l.biases.iter().map(v).collect(),
                    activation: (l.activation != self.layers[0].activation).then_some(l.activation),
                })
                .collect(),
        }
    }

    /// The canonical values of a layered network, made from its structure and the graph's
    /// names (see [`entries`](Self::entries)); an expression's are given to it instead.
    fn walk_entries(&self, mut f: impl FnMut(&str, Quantity, Stage)) {
        let g = &self.graph;
        let name = |n: NodeId| g.name(n).unwrap_or_default();
        let mut buf = String::new();
        let mut derived = |prefix: &str, base: &str, quantity, stage| {
            buf.clear();
            buf.push_str(prefix);
            buf.push_str(base);
            f(&buf, quantity, stage);
        };
        // One example: its own names. A batch: each example's values, named with its
        // suffix (`z4[2]`), its own δ and gradients (from `L[e]`), then the batch's.
        let batch = self.is_batch();
        for ex in &self.examples {
            for &x in ex.inputs.iter().chain(&ex.targets) {
                derived("", name(x), Quantity::Value(x), Stage::Given);
            }
        }
        for p in self.parameters() {
            derived("", name(p), Quantity::Value(p), Stage::Given);
        }
        for ex in &self.examples {
            for (z, f) in ex.z.iter().zip(&ex.f) {
                for (&z, &f) in z.iter().zip(f) {
                    derived("", name(z), Quantity::Value(z), Stage::Forward);
                    derived("", name(f), Quantity::Value(f), Stage::Forward);
                }
            }
            derived("", name(ex.loss), Quantity::Value(ex.loss), Stage::Forward);
        }
        if batch {
            derived("", "L", Quantity::Value(self.loss), Stage::Forward);
        }
        // δ4 is the gradient of z4: the z's name after its letter (`4`, `4[2]`).
        let own_grad = |e: usize, node: NodeId| {
            if batch {
                Quantity::ExampleGrad { example: e, node }
            } else {
                Quantity::Grad(node)
            }
        };
        for (e, ex) in self.examples.iter().enumerate() {
            for (z, f) in ex.z.iter().zip(&ex.f).rev() {
                for &f in f {
                    derived("d", name(f), Quantity::Derivative(f), Stage::Backward);
                }
                for &z in z {
                    let number = name(z).get(1..).unwrap_or_default();
                    derived("delta", number, own_grad(e, z), Stage::Backward);
                }
            }
        }
        if batch {
            for e in 0..self.examples.len() {
                let head = format!("dL{}/d", example_suffix(e));
                for p in self.parameters() {
                    derived(&head, name(p), own_grad(e, p), Stage::Gradient);
                }
            }
        }
        for p in self.parameters() {
            derived("dL/d", name(p), Quantity::Grad(p), Stage::Gradient);
        }
        for p in self.parameters() {
            derived("new_", name(p), Quantity::Updated(p), Stage::Update);
        }
    }
}

/// Append the loss of `spec.loss` over the output layer (its activation, outputs `f` and net
/// inputs `z`); returns the node `L`.
fn build_loss(
    g: &mut Graph,
    loss: Loss,
    activation: Activation,
    f: &[NodeId],
    z: &[NodeId],
    targets: &[NodeId],
) -> NodeId {
    if loss == Loss::CategoricalCrossEntropy {
        // One node: its value from the logits (log-sum-exp keeps it finite for any z), and
        // ∂L/∂z = f − y from the outputs (validation makes the output layer a softmax and the
        // targets sum to 1), so a hand-written f carries into δ as it does on paper.
        let operands: Vec<NodeId> = z.iter().chain(f).chain(targets).copied().collect();
        return g.apply(Op::CategoricalCrossEntropy, &operands, Role::Intermediate);
    }
    // Each kind of term node is created as one run (all differences, then all exponents, then
    // all squares), so the tape evaluates each run with one dispatch (`Tape::compile`).
    let terms: Vec<NodeId> = match loss {
        Loss::HalfSse | Loss::Sse | Loss::Mse => {
            let diffs: Vec<NodeId> = f.iter().zip(targets).map(|(&f, &y)| g.sub(y, f)).collect();
            let twos: Vec<NodeId> = diffs.iter().map(|_| g.constant(2.0)).collect();
            diffs
                .iter()
                .zip(&twos)
                .map(|(&d, &two)| g.apply(Op::Pow, &[d, two], Role::Intermediate))
                .collect()
        }
        // With a sigmoid output, take the loss from the logit z: exact where σ(z) rounds to 0
        // or 1; δ = f − y from the output, so a hand-written f carries into δ.
        Loss::CrossEntropy if activation == Activation::Sigmoid => z
            .iter()
            .zip(f)
            .zip(targets)
            .map(|((&z, &f), &y)| {
                g.apply(
                    Op::BinaryCrossEntropyWithLogits,
                    &[z, f, y],
                    Role::Intermediate,
                )
            })
            .collect(),
        Loss::CrossEntropy => f
            .iter()
            .zip(targets)
            .map(|(&f, &y)| g.apply(Op::BinaryCrossEntropy, &[f, y], Role::Intermediate))
            .collect(),
        Loss::CategoricalCrossEntropy => unreachable!("built above"),
    };
    let total = g.sum(&terms);
    let scale = match loss {
        Loss::HalfSse => Some(0.5),
        Loss::Mse => Some(1.0 / targets.len() as f64),
        Loss::Sse | Loss::CrossEntropy | Loss::CategoricalCrossEntropy => None,
    };
    match scale {
        Some(s) => {
            let c = g.constant(s);
            g.mul(c, total)
        }
        None => total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::autodiff::Observer;

    #[test]
    fn an_update_without_decay_is_the_full_rule_bit_for_bit_for_every_finite_parameter() {
        // The rule's short form (no `0·p` term) against the rule written out, on the values
        // where a zero's sign or an extreme could tell them apart.
        let specials = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.2,
            -3.5e-7,
            f64::MIN_POSITIVE,
            -f64::MIN_POSITIVE / 4.0,
            1e300,
            -1e300,
            f64::MAX,
            f64::MIN,
        ];
        for &p in &specials {
            for g in specials.into_iter().chain([f64::INFINITY, f64::NAN]) {
                for lr in specials.into_iter().chain([f64::INFINITY]) {
                    for decay in [0.0, -0.0] {
                        let full = p - lr * (g + decay * p);
                        let short = sgd_update(p, g, lr, decay);
                        assert!(
                            short.to_bits() == full.to_bits() || (short.is_nan() && full.is_nan()),
                            "p {p:e}, g {g:e}, α {lr:e}, λ {decay:e}: {short:e} vs {full:e}"
                        );
                    }
                }
            }
        }
        // With decay, the full rule: 1 − 0.5·(2 + 0.25·1) = −0.125.
        assert_eq!(sgd_update(1.0, 2.0, 0.5, 0.25), -0.125);
    }

    /// Looks at everything and changes nothing: the passes then take the one-node-at-a-time
    /// path, which the grouped plain passes must match bit for bit.
    struct Watch;
    impl Observer for Watch {}

    fn layered(loss: Loss, activation: Activation) -> ValidSpec {
        let mut state = 7u64;
        let mut next = move || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 11) as f64 / (1u64 << 53) as f64 - 0.5
        };
        let sizes = [3, 4, 5, 2];
        let layers = sizes
            .windows(2)
            .map(|w| LayerSpec {
                weights: (0..w[1])
                    .map(|_| (0..w[0]).map(|_| next()).collect())
                    .collect(),
                biases: (0..w[1]).map(|_| next()).collect(),
                activation: None,
            })
            .collect();
        Spec {
            name: None,
            input: (0..3).map(|_| next()).collect(),
            target: vec![0.25, 0.75],
            examples: Vec::new(),
            batch_loss: BatchLoss::Mean,
            loss,
            activation,
            learning_rate: 0.1,
            weight_decay: 0.0,
            layers,
        }
        .validated("layered")
        .unwrap()
    }

    #[test]
    fn grouped_plain_passes_match_the_node_by_node_passes_bit_for_bit() {
        for loss in [Loss::HalfSse, Loss::Sse, Loss::Mse, Loss::CrossEntropy] {
            for activation in Activation::ALL {
                let mut net = Network::new(&layered(loss, activation));
                net.evaluate();
                // Dense layers 4 + 5 + 2, activations 4 + 5 + 2, and the loss's runs; a
                // squared error's terms and total too, so every computed node.
                let computed = net
                    .graph
                    .nodes()
                    .filter(|&n| !net.graph.node(n).op.is_leaf());
                let computed = computed.count();
                let grouped = net.graph.tape().grouped_nodes();
                assert!(grouped >= 22, "{loss:?} {activation:?}");
                if loss != Loss::CrossEntropy {
                    assert_eq!(grouped, computed, "{loss:?} {activation:?}");
                }
                let (values, grads) = (net.graph.values().to_vec(), net.graph.grads().to_vec());
                net.graph.forward_observed(&mut Watch);
                net.graph.backward_observed(net.loss, &mut Watch);
                let bits = |xs: &[f64]| xs.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                assert_eq!(
                    bits(net.graph.values()),
                    bits(&values),
                    "{loss:?} {activation:?}"
                );
                assert_eq!(
                    bits(net.graph.grads()),
                    bits(&grads),
                    "{loss:?} {activation:?}"
                );
            }
        }
    }

    #[test]
    fn reverse_passes_from_every_node_match_the_node_by_node_pass_bit_for_bit() {
        // The grouped pass stores a gradient's first contribution, uncleared, where one step
        // reads the node alone (every gradient of a plain network but the root's): from any
        // root — one a step would store into included — and after a pass that left other
        // numbers (NaN here) behind, it gives the node-by-node pass's numbers. A batch shares
        // its weights between examples, so its layers add; an input of zero gives a weight a
        // contribution of −0, which the cleared-then-added pass turns into +0.
        let bits = |xs: &[f64]| xs.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        for activation in [Activation::Sigmoid, Activation::Relu, Activation::Tanh] {
            let one = (*layered(Loss::HalfSse, activation)).clone();
            let mut zero_input = one.clone();
            zero_input.input[1] = 0.0;
            let mut batch = one.clone();
            batch.examples = vec![
                ExampleSpec {
                    input: one.input.clone(),
                    target: one.target.clone(),
                },
                ExampleSpec {
                    input: one.input.iter().map(|x| 0.25 - x).collect(),
                    target: vec![0.5, 0.0],
                },
            ];
            (batch.input, batch.target) = (Vec::new(), Vec::new());
            for spec in [one, zero_input, batch] {
                let mut net = Network::new(&spec.validated("layered").unwrap());
                net.evaluate();
                let nodes: Vec<NodeId> = net.graph.nodes().collect();
                for &root in &nodes {
                    net.graph.set_grads(&vec![f64::NAN; nodes.len()]);
                    net.graph.backward(root);
                    let grouped = bits(net.graph.grads());
                    net.graph.set_grads(&vec![f64::NAN; nodes.len()]);
                    net.graph.backward_observed(root, &mut Watch);
                    assert_eq!(
                        grouped,
                        bits(net.graph.grads()),
                        "{activation:?}, root {:?}",
                        net.graph.name(root)
                    );
                }
            }
        }
    }

    #[test]
    fn many_rows_at_once_give_each_row_what_a_forward_pass_to_the_same_node_gives() {
        // Every activation (a sigmoid layer's op is dispatched apart), a loss with its own
        // group, and every node as the last one asked for: a pass that stops inside a layer,
        // in the loss's group or at a leaf. Each row is a copy of the network's values with
        // its own example; the network's own values stay as they were.
        let bits = |xs: &[f64]| xs.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        let inputs = [[0.5, -1.25, 2.0], [0.0, -0.0, 0.75], [-3.0, 0.125, 1e-3]];
        let targets = [[0.25, 0.75], [1.0, 0.0], [0.0, 0.0]];
        for loss in [Loss::HalfSse, Loss::CrossEntropy] {
            for activation in Activation::ALL {
                let mut net = Network::new(&layered(loss, activation));
                net.evaluate();
                let own = bits(net.graph.values());
                let len = net.graph.len();
                for last in net.graph.nodes().collect::<Vec<_>>() {
                    let mut rows = Vec::new();
                    for (x, y) in inputs.iter().zip(&targets) {
                        rows.extend_from_slice(net.graph.values());
                        let start = rows.len() - len;
                        net.write_example(&mut rows[start..], x, y);
                    }
                    net.graph.forward_rows_to(&mut rows, last);
                    assert_eq!(bits(net.graph.values()), own, "{activation:?}: own values");
                    for ((x, y), row) in inputs.iter().zip(&targets).zip(rows.chunks(len)) {
                        let mut one = net.clone();
                        one.set_example(x, y);
                        one.graph.forward_to(last);
                        assert_eq!(
                            bits(row),
                            bits(one.graph.values()),
                            "{loss:?}, {activation:?}, last {:?}, input {x:?}",
                            net.graph.name(last)
                        );
                    }
                }
            }
        }
    }

    #[test]
    #[should_panic(expected = "whole value arrays")]
    fn rows_that_are_not_whole_value_arrays_are_refused() {
        let mut net = Network::new(&layered(Loss::HalfSse, Activation::Sigmoid));
        let mut rows = vec![0.0; net.graph.len() + 1];
        let last = net.outputs()[0];
        net.graph.forward_rows_to(&mut rows, last);
    }

    #[test]
    fn the_training_pass_gives_every_parameter_the_plain_passes_gradient_bit_for_bit() {
        let losses = [
            Loss::HalfSse,
            Loss::Sse,
            Loss::Mse,
            Loss::CrossEntropy,
            Loss::CategoricalCrossEntropy,
        ];
        // Inputs whose gradient the other example changes: their old one must stay.
        let mut changed = 0;
        for loss in losses {
            for activation in Activation::ALL {
                let softmax = loss == Loss::CategoricalCrossEntropy;
                let mut spec =
                    (*layered(if softmax { Loss::Sse } else { loss }, activation)).clone();
                if softmax {
                    spec.loss = loss;
                    let last = spec.layers.len() - 1;
                    spec.layers[last].activation = Some(Activation::Softmax);
                    spec.target = vec![0.0, 1.0];
                }
                // A one-neuron first layer too: a weighted sum that is not part of a dense
                // group, over the inputs.
                let mut narrow = spec.clone();
                narrow.layers[0].weights.truncate(1);
                narrow.layers[0].biases.truncate(1);
                narrow.layers[1]
                    .weights
                    .iter_mut()
                    .for_each(|row| row.truncate(1));
                for spec in [spec, narrow] {
                    let mut net = Network::new(&spec.clone().validated("layered").unwrap());
                    net.evaluate();
                    let before = net.graph.grads().to_vec();
                    // Another example, its gradients by the plain passes on a copy.
                    let input: Vec<f64> = spec.input.iter().map(|x| 0.5 - x).collect();
                    net.set_example(&input, &spec.target);
                    let mut plain = net.clone();
                    plain.evaluate();
                    // Twice: the second pass must not add onto the first one's sums.
                    net.evaluate_for_step();
                    net.evaluate_for_step();
                    for p in net.parameters() {
                        assert_eq!(
                            net.graph.grad(p).to_bits(),
                            plain.graph.grad(p).to_bits(),
                            "{loss:?} {activation:?} {:?}",
                            net.graph.name(p)
                        );
                    }
                    for &x in &net.inputs {
                        changed += usize::from(plain.graph.grad(x) != before[x.index()]);
                        assert_eq!(net.graph.grad(x), before[x.index()], "∂L/∂x not computed");
                    }
                }
            }
        }
        assert!(changed > 20, "{changed}");
    }

    #[test]
    fn a_network_whose_values_overflow_is_refused_with_the_value_named() {
        let mut spec = Spec::tutorial();
        spec.layers[0].weights[0] = vec![1e308, 1e308];
        let valid = spec.validated("big.toml").unwrap();
        let err = Network::evaluated(&valid).unwrap_err().to_string();
        // z1 = 1e308·1 + 1e308·2 + 1 overflows to +inf.
        assert!(err.contains("big.toml"), "{err}");
        assert!(err.contains("z1 = inf"), "{err}");
    }

    #[test]
    fn a_row_with_too_few_weights_is_not_a_network() {
        let mut spec = Spec::tutorial();
        spec.layers[0].weights[1] = vec![1.0];
        let err = spec.validated("short.toml").unwrap_err().to_string();
        assert!(err.contains("layers[0].weights[1]"), "{err}");
        assert!(err.contains("expected 2 weights"), "{err}");
    }
}
