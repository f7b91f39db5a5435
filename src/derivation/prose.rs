//! Every word of the derivation, in one place: English messages by id, with named arguments
//! written `{ $name }` as in Fluent. A renderer fills the arguments in its own notation (LaTeX
//! math for Markdown, MathML for HTML); another language is another table of the same ids.

use super::{Arg, Text};
use crate::i18n::Lang;

/// The English messages: `(id, template)`.
const ENGLISH: &[(&str, &str)] = &[
    (
        "derivation-title",
        "Backpropagation step by step: { $network }",
    ),
    (
        "derivation-intro-network",
        "A { $sizes } network: { $inputs } inputs, then { $layers }. One training example, one \
         forward pass, one backward pass and one gradient-descent step with learning rate \
         { $alpha }.",
    ),
    (
        "derivation-intro-network-decay",
        "A { $sizes } network: { $inputs } inputs, then { $layers }. One training example, one \
         forward pass, one backward pass and one gradient-descent step with learning rate \
         { $alpha } and weight decay { $lambda }.",
    ),
    (
        "derivation-intro-layer",
        "{ $layer } with { $activation } activation",
    ),
    ("derivation-list-separator", "; "),
    (
        "derivation-layer-hidden",
        "Hidden layer { $number } ({ $neurons })",
    ),
    ("derivation-layer-output", "Output layer ({ $neurons })"),
    (
        "derivation-layer-hidden-lower",
        "hidden layer { $number } ({ $neurons })",
    ),
    (
        "derivation-layer-output-lower",
        "output layer ({ $neurons })",
    ),
    ("derivation-neuron-one", "neuron { $n }"),
    ("derivation-neuron-range", "neurons { $first }–{ $last }"),
    ("derivation-activation-sigmoid", "sigmoid"),
    ("derivation-activation-tanh", "tanh"),
    ("derivation-activation-relu", "relu"),
    ("derivation-activation-identity", "identity"),
    ("derivation-activation-softmax", "softmax"),
    (
        "derivation-notation",
        "{ $lead } Neurons are numbered across all layers. { $x_i } is input { $i }, { $y_k } \
         target { $k }. For neuron { $j }: { $z_j } is its net input, { $f_j } its output, \
         { $df_j } the derivative of its activation, and { $delta_j } its error term. { $w_ij } \
         is the weight from { $i } (an input or neuron { $i }) into neuron { $j }, { $b_j } the \
         bias of neuron { $j }, and { $new_w_ij } the weight after the update. Each result is \
         rounded to the digits shown, and the numbers put into each formula are shown with as \
         many digits as it takes to get that result: you can check every step with a \
         calculator.",
    ),
    ("derivation-notation-lead", "Notation."),
    (
        "derivation-loss-half-sse",
        "The loss is half the sum of squared errors, { $formula }.",
    ),
    (
        "derivation-loss-sse",
        "The loss is the sum of squared errors, { $formula }.",
    ),
    (
        "derivation-loss-mse",
        "The loss is the mean squared error, { $formula }.",
    ),
    (
        "derivation-loss-cross-entropy",
        "The loss is the binary cross-entropy, { $formula }.",
    ),
    (
        "derivation-loss-categorical-cross-entropy",
        "The loss is the categorical cross-entropy, { $formula }, computed from the net inputs \
         with log-sum-exp, so it is finite for any z.",
    ),
    ("derivation-section-given", "Given"),
    ("derivation-given-example", "Input { $x }, target { $y }."),
    (
        "derivation-given-layer",
        "{ $layer }: the weight { $w_ij } from { $i } into neuron { $j }, and the bias { $b_j }.",
    ),
    ("derivation-table-into-neuron", "into neuron"),
    ("derivation-table-from", "from { $source }"),
    ("derivation-table-bias", "bias"),
    ("derivation-table-neuron", "neuron"),
    ("derivation-section-forward", "1. Forward pass"),
    (
        "derivation-forward-intro",
        "Each neuron adds up its weighted inputs and its bias, { $z }, where { $a_i } are the \
         outputs of the layer before (the inputs { $x_i } for the first layer), and passes the \
         sum through its activation: { $f }.",
    ),
    ("derivation-activation", "Activation: { $f }."),
    ("derivation-section-loss", "The loss"),
    (
        "derivation-section-backward",
        "2. Backward pass: the error terms",
    ),
    (
        "derivation-backward-intro",
        "The error term of neuron { $j } is { $delta }. By the chain rule, for an output neuron \
         it is the loss's derivative with respect to the output times the activation's \
         derivative, { $output }. For a hidden neuron, { $z_j } reaches the loss through every \
         neuron { $k } of the next layer, so { $hidden } — for a whole layer, { $matrix }. The \
         passes run from the output layer back to the first.",
    ),
    (
        "derivation-activation-derivative",
        "Derivative of the activation: { $df }.",
    ),
    (
        "derivation-softmax-jacobian",
        "A softmax output depends on every net input of its layer, so its derivative is a \
         Jacobian: the diagonal above, and { $jacobian } for k ≠ j. The error term takes every \
         output: { $delta_sum }. With the categorical cross-entropy { $dl_df }, and the sum \
         collapses to { $delta }, because the targets sum to 1.",
    ),
    (
        "derivation-softmax-jacobian-general",
        "A softmax output depends on every net input of its layer, so its derivative is a \
         Jacobian: the diagonal above, and { $jacobian } for k ≠ j. The error term takes every \
         output: { $delta_sum }, that is { $written }.",
    ),
    (
        "derivation-cross-entropy-cancels",
        "With a sigmoid output and cross-entropy, { $dl_df } and { $df } cancel: { $delta }.",
    ),
    ("derivation-section-gradients", "3. Gradients"),
    (
        "derivation-gradients-intro",
        "A weight { $w_ij } enters the loss only through { $z_j }, where it multiplies \
         { $a_i }, so { $dw }; a bias enters with factor 1, so { $db }.",
    ),
    ("derivation-section-update", "4. Updated parameters"),
    (
        "derivation-update-intro",
        "Gradient descent moves every parameter against its gradient: { $rule } with { $alpha }.",
    ),
    ("derivation-section-summary", "Summary"),
    (
        "derivation-chain-rule",
        "The chain rule for one weight of this layer, factor by factor, with its numbers:",
    ),
    (
        "derivation-chain-minus",
        "The minus sign comes from inside the loss: it depends on { $f } through { $inner }, \
         and { $inner_derivative }, so { $dl_df }.",
    ),
    (
        "derivation-matrix-form",
        "The whole layer at once, in matrix form:",
    ),
    (
        "derivation-expression-title",
        "The computational graph step by step: { $name }",
    ),
    (
        "derivation-expression-intro",
        "The output is { $output }. The forward pass computes every value from its operands; \
         the backward pass applies the chain rule at every node, from the output back to the \
         inputs. A value that is not named in the spec is called by its own text.",
    ),
    ("derivation-table-input", "input"),
    ("derivation-table-value", "value"),
    ("derivation-table-value-name", "value"),
    ("derivation-table-forward-value", "forward value"),
    ("derivation-table-gradient", "gradient"),
    (
        "derivation-expression-section-backward",
        "2. Backward pass: the chain rule at every node",
    ),
    (
        "derivation-expression-backward-intro",
        "The gradient of the output with respect to itself is 1: { $seed }. For every other \
         value { $v }, working back from the output: each operation { $c } that uses { $v } \
         passes back its { $local_name } { $local } times its own { $upstream_name } \
         { $upstream }, and a value used in several places adds up what every use passes back: \
         { $rule }, the sum over every operation { $c } that uses { $v }.",
    ),
    (
        "derivation-expression-local-derivatives",
        "Local derivatives: { $add } passes 1 to each; { $sub } passes 1 and { $minus_one }; \
         { $mul } passes { $b } to { $a } and { $a } to { $b }; { $div } passes { $div_a } and \
         { $div_b }; { $pow } passes { $pow_d }; { $exp } passes its own value; { $ln } passes \
         { $ln_d }; { $sigmoid } passes { $sigmoid_d }; { $tanh } passes { $tanh_d }; { $relu } \
         passes { $step }, 1 when { $a } is positive and 0 otherwise; { $max } passes 1 to the \
         larger (to { $a } at a tie).",
    ),
    ("derivation-expression-local-derivative", "local derivative"),
    (
        "derivation-expression-upstream-gradient",
        "upstream gradient",
    ),
    (
        "derivation-expression-shared",
        "{ $v } is used by { $uses } operations: their contributions add up.",
    ),
    (
        "derivation-summary-intro",
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

/// `text` in `lang`, each argument written by `arg` (math in the renderer's notation), nested
/// texts and lists in `lang` too.
///
/// A message the language's Fluent catalogue has (feature `i18n`) is rendered from it, with
/// every argument passed as finished text; any other message from the English table here. An
/// unknown id or argument shows as `{id}` so that it is seen, not hidden.
pub fn localized_text(text: &Text, lang: Lang, arg: &dyn Fn(&Arg) -> String) -> String {
    let nested = |a: &Arg| match a {
        Arg::Text(t) => localized_text(t, lang, arg),
        Arg::List(items) => {
            let separator = localized_text(&Text::new("derivation-list-separator"), lang, arg);
            items
                .iter()
                .map(|t| localized_text(t, lang, arg))
                .collect::<Vec<_>>()
                .join(&separator)
        }
        a => arg(a),
    };
    if let Some(s) = from_catalogue(text, lang, &nested) {
        return s;
    }
    let Some(template) = english(text.id) else {
        return format!("{{{}}}", text.id);
    };
    fill(template, &|name| match text.get(name) {
        Some(a) => nested(a),
        None => format!("{{${name}}}"),
    })
}

/// `text` in English ([`localized_text`] with [`Lang::En`]).
pub fn english_text(text: &Text, arg: &dyn Fn(&Arg) -> String) -> String {
    localized_text(text, Lang::En, arg)
}

/// `text` from `lang`'s Fluent catalogue, if the catalogue has its id.
#[cfg(feature = "i18n")]
fn from_catalogue(text: &Text, lang: Lang, arg: &dyn Fn(&Arg) -> String) -> Option<String> {
    let mut message = crate::i18n::Message::new(text.id);
    for (name, a) in &text.args {
        message = message.arg(name, arg(a));
    }
    let s = lang.render(&message);
    // The catalogue marks an id or argument it lacks as `⟦id⟧`.
    (!s.contains('⟦')).then_some(s)
}

#[cfg(not(feature = "i18n"))]
fn from_catalogue(_: &Text, _: Lang, _: &dyn Fn(&Arg) -> String) -> Option<String> {
    None
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
        let t = Text::new("derivation-neuron-range")
            .arg("first", 1)
            .arg("last", 3);
        let s = english_text(&t, &|a| match a {
            Arg::Int(n) => n.to_string(),
            _ => "?".into(),
        });
        assert_eq!(s, "neurons 1–3");
        assert_eq!(
            english_text(&Text::new("derivation-no-such-id"), &|_| String::new()),
            "{derivation-no-such-id}"
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
