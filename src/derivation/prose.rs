//! Every word of the derivation, in one place: English messages by id, with named arguments
//! written `{ $name }` as in Fluent. A renderer fills the arguments in its own notation (LaTeX
//! math for Markdown, MathML for HTML); another language is another table of the same ids.

use super::{Arg, Text};

/// The English messages: `(id, template)`.
const ENGLISH: &[(&str, &str)] = &[
    ("title", "Backpropagation step by step: { $network }"),
    (
        "intro-network",
        "A { $sizes } network: { $inputs } inputs, then { $layers }. One training example, one \
         forward pass, one backward pass and one gradient-descent step with learning rate \
         { $alpha }.",
    ),
    (
        "intro-network-decay",
        "A { $sizes } network: { $inputs } inputs, then { $layers }. One training example, one \
         forward pass, one backward pass and one gradient-descent step with learning rate \
         { $alpha } and weight decay { $lambda }.",
    ),
    ("intro-layer", "{ $layer } with { $activation } activation"),
    ("list-separator", "; "),
    ("layer-hidden", "Hidden layer { $number } ({ $neurons })"),
    ("layer-output", "Output layer ({ $neurons })"),
    (
        "layer-hidden-lower",
        "hidden layer { $number } ({ $neurons })",
    ),
    ("layer-output-lower", "output layer ({ $neurons })"),
    ("neuron-one", "neuron { $n }"),
    ("neuron-range", "neurons { $first }–{ $last }"),
    ("activation-sigmoid", "sigmoid"),
    ("activation-tanh", "tanh"),
    ("activation-relu", "relu"),
    ("activation-identity", "identity"),
    (
        "notation",
        "{ $lead } Neurons are numbered across all layers. { $x_i } is input { $i }, { $y_k } \
         target { $k }. For neuron { $j }: { $z_j } is its net input, { $f_j } its output, \
         { $df_j } the derivative of its activation, and { $delta_j } its error term. { $w_ij } \
         is the weight from { $i } (an input or neuron { $i }) into neuron { $j }, { $b_j } the \
         bias of neuron { $j }, and { $new_w_ij } the weight after the update. Each result is \
         rounded to the digits shown, and the numbers put into each formula are shown with as \
         many digits as it takes to get that result: you can check every step with a \
         calculator.",
    ),
    ("notation-lead", "Notation."),
    (
        "loss-half-sse",
        "The loss is half the sum of squared errors, { $formula }.",
    ),
    (
        "loss-sse",
        "The loss is the sum of squared errors, { $formula }.",
    ),
    (
        "loss-mse",
        "The loss is the mean squared error, { $formula }.",
    ),
    (
        "loss-cross-entropy",
        "The loss is the binary cross-entropy, { $formula }.",
    ),
    ("section-given", "Given"),
    ("given-example", "Input { $x }, target { $y }."),
    (
        "given-layer",
        "{ $layer }: the weight { $w_ij } from { $i } into neuron { $j }, and the bias { $b_j }.",
    ),
    ("table-into-neuron", "into neuron"),
    ("table-from", "from { $source }"),
    ("table-bias", "bias"),
    ("table-neuron", "neuron"),
    ("section-forward", "1. Forward pass"),
    (
        "forward-intro",
        "Each neuron adds up its weighted inputs and its bias, { $z }, where { $a_i } are the \
         outputs of the layer before (the inputs { $x_i } for the first layer), and passes the \
         sum through its activation: { $f }.",
    ),
    ("activation", "Activation: { $f }."),
    ("section-loss", "The loss"),
    ("section-backward", "2. Backward pass: the error terms"),
    (
        "backward-intro",
        "The error term of neuron { $j } is { $delta }. By the chain rule, for an output neuron \
         it is the loss's derivative with respect to the output times the activation's \
         derivative, { $output }. For a hidden neuron, { $z_j } reaches the loss through every \
         neuron { $k } of the next layer, so { $hidden } — for a whole layer, { $matrix }. The \
         passes run from the output layer back to the first.",
    ),
    (
        "activation-derivative",
        "Derivative of the activation: { $df }.",
    ),
    (
        "cross-entropy-cancels",
        "With a sigmoid output and cross-entropy, { $dl_df } and { $df } cancel: { $delta }.",
    ),
    ("section-gradients", "3. Gradients"),
    (
        "gradients-intro",
        "A weight { $w_ij } enters the loss only through { $z_j }, where it multiplies \
         { $a_i }, so { $dw }; a bias enters with factor 1, so { $db }.",
    ),
    ("section-update", "4. Updated parameters"),
    (
        "update-intro",
        "Gradient descent moves every parameter against its gradient: { $rule } with { $alpha }.",
    ),
    ("section-summary", "Summary"),
    (
        "expression-title",
        "The computational graph step by step: { $name }",
    ),
    (
        "expression-intro",
        "The output is { $output }. The forward pass computes every value from its operands; \
         the backward pass applies the chain rule at every node, from the output back to the \
         inputs. A value that is not named in the spec is called by its own text.",
    ),
    ("table-input", "input"),
    ("table-value", "value"),
    ("table-value-name", "value"),
    ("table-forward-value", "forward value"),
    ("table-gradient", "gradient"),
    (
        "expression-section-backward",
        "2. Backward pass: the chain rule at every node",
    ),
    (
        "expression-backward-intro",
        "The gradient of the output with respect to itself is 1: { $seed }. For every other \
         value { $v }, working back from the output: each operation { $c } that uses { $v } \
         passes back its { $local_name } { $local } times its own { $upstream_name } \
         { $upstream }, and a value used in several places adds up what every use passes back: \
         { $rule }, the sum over every operation { $c } that uses { $v }.",
    ),
    (
        "expression-local-derivatives",
        "Local derivatives: { $add } passes 1 to each; { $sub } passes 1 and { $minus_one }; \
         { $mul } passes { $b } to { $a } and { $a } to { $b }; { $div } passes { $div_a } and \
         { $div_b }; { $pow } passes { $pow_d }; { $exp } passes its own value; { $ln } passes \
         { $ln_d }; { $sigmoid } passes { $sigmoid_d }; { $tanh } passes { $tanh_d }; { $relu } \
         passes { $step }, 1 when { $a } is positive and 0 otherwise; { $max } passes 1 to the \
         larger (to { $a } at a tie).",
    ),
    ("expression-local-derivative", "local derivative"),
    ("expression-upstream-gradient", "upstream gradient"),
    (
        "expression-shared",
        "{ $v } is used by { $uses } operations: their contributions add up.",
    ),
    (
        "summary-intro",
        "Every value of the neurons, to { $digits } significant digits, for comparing with \
         other programs.",
    ),
];

/// The English template of message `id`, if there is one.
pub fn english(id: &str) -> Option<&'static str> {
    ENGLISH.iter().find(|(i, _)| *i == id).map(|(_, t)| *t)
}

/// Every message id with its English template.
pub fn english_messages() -> &'static [(&'static str, &'static str)] {
    ENGLISH
}

/// `text` in English, each argument written by `arg` (math in the renderer's notation),
/// nested texts and lists in English too. An unknown id or argument shows as `{id}` so that
/// it is seen, not hidden.
pub fn english_text(text: &Text, arg: &dyn Fn(&Arg) -> String) -> String {
    let Some(template) = english(text.id) else {
        return format!("{{{}}}", text.id);
    };
    fill(template, &|name| match text.get(name) {
        Some(Arg::Text(t)) => english_text(t, arg),
        Some(Arg::List(items)) => items
            .iter()
            .map(|t| english_text(t, arg))
            .collect::<Vec<_>>()
            .join(english("list-separator").unwrap_or(", ")),
        Some(a) => arg(a),
        None => format!("{{${name}}}"),
    })
}

/// `template` with each `{ $name }` replaced by `value(name)`.
pub fn fill(template: &str, value: &dyn Fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find("{ $") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 3..];
        match after.find(" }") {
            Some(end) => {
                out.push_str(&value(&after[..end]));
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_named_arguments() {
        let t = Text::new("neuron-range").arg("first", 1).arg("last", 3);
        let s = english_text(&t, &|a| match a {
            Arg::Int(n) => n.to_string(),
            _ => "?".into(),
        });
        assert_eq!(s, "neurons 1–3");
        assert_eq!(
            english_text(&Text::new("no-such-id"), &|_| String::new()),
            "{no-such-id}"
        );
    }

    #[test]
    fn ids_are_unique() {
        let mut ids: Vec<&str> = ENGLISH.iter().map(|(i, _)| *i).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n);
    }
}
