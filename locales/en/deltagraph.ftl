# deltagraph's messages in English.
#
# Every message id here must also be in ../zh-CN/deltagraph.ftl, with the same arguments
# (tests/i18n.rs checks). Canonical value names (z4, delta4, w(1,4)), numbers and formulas are
# passed in as arguments and are never translated.

## Layers and neurons (run, explain, render, check)

layer-input = input layer
layer-hidden = hidden layer { $number }
layer-output = output layer
layer-inputs = inputs
neuron = neuron { $number }
neurons-range = neurons { $first }–{ $last }
activation-sigmoid = sigmoid
activation-tanh = tanh
activation-relu = relu
activation-identity = identity
activation-softmax = softmax

## Command line

error-line = error: { $message }
warning-graphviz = warning: graphviz: { $message }
wrote-file = wrote { $path }
wrote-file-renderer = wrote { $path } (renderer: { $renderer })
renderer-graphviz = graphviz dot
renderer-layout = layout-rs fallback
tutorial-intro =
    The tutorial's worked example: a 2-3-2-1 sigmoid network, x = (1, 2), y = 1,
    L = ½(y − ŷ)², learning rate 0.1. Neurons are numbered 1–6 across the layers.

## run: one table per stage

step-first = Step 1 of { $steps }: the spec's parameters
step-next = Step { $step } of { $steps }: from step { $previous }'s updated parameters (names end in @{ $step })
run-stage-given = Given: inputs, targets, weights and biases
run-stage-forward = Forward pass: z = Σ w·a + b, f(z), and the loss
run-stage-backward = Backward pass: f′(z) and the error terms δ = ∂L/∂z
run-stage-gradient = Gradients: ∂L/∂w = δ·a, ∂L/∂b = δ
run-stage-update = Updated parameters: p − α·∂L/∂p
run-batch-stage-given = Given: each example's inputs and targets, the shared weights and biases
run-batch-stage-forward = Forward pass, example by example: z = Σ w·a + b, f(z), the loss L[e]; then the batch's L
run-batch-stage-backward = Backward pass, example by example: f′(z) and each example's own error terms δ[e] = ∂L[e]/∂z[e]
run-batch-stage-gradient = Gradients: each example's ∂L[e]/∂w = δ[e]·a[e]; then the batch's ∂L/∂w, combined as L combines the L[e]
run-expr-stage-given = Given: the inputs
run-expr-stage-forward = Forward pass: every value from its operands
run-expr-stage-backward = Backward pass: each value's gradient = Σ local derivative × upstream gradient
run-expr-stage-gradient = Gradients of the inputs

## check: verdicts, the report, notes on the diagram

list-separator = {"; "}
check-slip-count = { $count ->
    [one] { $count } slip
   *[other] { $count } slips
}
verdict-ok = ok
verdict-slip = SLIP
verdict-carried = carried
check-summary = Checked { $checked ->
    [one] { $checked } value
   *[other] { $checked } values
} of your calculation against { $spec }: { $ok } ok, { $slips ->
    [one] { $slips } slip
   *[other] { $slips } slips
}, { $carried } carried forward{ $convention ->
    [0] {""}
   *[other] , { $convention } right under your convention
}{ $empty ->
    [0] {""}
   *[other] ; { $empty } left empty
}.
check-column-line = line
check-column-name = name
check-column-written = you wrote
check-column-verdict = verdict
check-column-from-yours = from your values
check-column-exact = exact
check-slip-heading = Slip: { $name } (line { $line })
check-label-written = You wrote
check-label-from-yours = From your values
check-label-in-yours = Your convention
check-label-spec-gives = The spec gives
check-label-exact = Exact value
check-label-cause = Likely cause
check-label-carried-on = Carried on to
check-cause-reproduces = { $cause } (that gives { $value }, as you wrote)
check-carried-on = { $names } (right from your own values: not new errors)
check-written-only = nothing: your later steps use { $value } for { $name }, what your own values give (the slip is only in writing it down)
check-arguments-swapped = the arguments look swapped: `{ $spec }` reads as a hand calculation and `{ $hand }` is the spec it belongs to. Write the spec first: deltagraph check { $hand } { $spec }
check-from-rounding = Differ from the exact values only through your own rounding: { $names }.
check-rounding-lost = { $name } comes to { $value } from your rounded numbers, but its exact value is { $exact }: { $inputs } rounded too early lost it. Rounding is not a mistake, but keep more significant figures there (all your calculator shows).
check-rounding-lost-earlier = { $name } comes to { $value } from your rounded numbers, but its exact value is { $exact }: a value rounded too early, in an earlier step, lost it. Rounding is not a mistake, but keep more significant figures (all your calculator shows).
check-no-slips = No slips: every step follows from the values before it.
check-step-first = Step 1 of { $steps }: from the spec's parameters
check-step-next = Step { $step } of { $steps }: from your own updated parameters of step { $previous } (names end in @{ $step })
check-diagram-step-one = the diagram shows step 1 only; later steps are in the report
note-slip = slip: you wrote { $written }
verdict-convention = convention
verdict-unanswered = —
convention-textbook-sign = the textbook sign δ = (y − ŷ)·f′(z) = −∂L/∂z, with the update w ← w + α·δ·a
convention-without-half = the loss without its ½, L = (y − ŷ)², so every δ and gradient is doubled
convention-delta-of-output = δ taken as ∂L/∂f, before the activation's derivative f′(z)
convention-true-gradients = the gradients ∂L/∂w with their own sign, −δ·a
convention-deltas-of-mean-loss = each example's δ and gradient taken of the batch's mean loss, ∂L/∂z[e] = (1/N)·∂L[e]/∂z[e], so that the batch's gradient is their sum (by their names they are each example's own, before averaging)
convention-spec = the spec's convention
convention-parts = { $parts }
check-convention-declared = Judged under the declared convention: { $convention }.
check-convention-found = Convention: you use { $convention }. That is a convention, not a mistake: your values are judged under it (marked `convention` where it changes them).
check-cause-same-as = the same kind of mistake as at { $first }: { $cause }
check-left-empty = Left empty: { $names }.
class-checked = Checked { $files ->
    [one] { $files } file
   *[other] { $files } files
} against { $spec }.
class-slip-names = {" "}({ $names })
class-file-counts = , { $carried } carried, { $unanswered } unanswered
class-file-convention = , convention: { $convention }
cause-kind-misread = misread number
cause-kind-wrong-value = wrong value used
cause-kind-sign-flipped = sign flipped
cause-kind-term-left-out = term left out
cause-kind-factor-left-out = factor left out
cause-kind-activation-for-derivative = f(z) for f′(z)
cause-kind-derivative-formula = derivative formula
cause-kind-wrong-activation = wrong activation
cause-kind-transposed = indices transposed
cause-kind-scale = power of ten or factor
cause-kind-digits = copying slip
cause-kind-negligible = written as 0
cause-kind-two-mistakes = two mistakes
cause-kind-batch-combination = batch combined wrongly
cause-kind-divided-by-batch-size = δ divided by the batch size
cause-kind-arithmetic = arithmetic
convention-short-textbook-sign = textbook sign
convention-short-without-half = loss without ½
convention-short-delta-of-output = δ as ∂L/∂f
convention-short-true-gradients = ∂L/∂w = −δ·a
convention-short-deltas-of-mean-loss = δ[e] of the mean loss
class-unreadable = unreadable: { $error }
class-summary = Class summary ({ $unreadable } unreadable):
class-all-ok = every value of every file is ok.
class-none-read = no file could be read, so no value was judged.
class-column-name = name
class-column-slip = slip
class-column-carried = carried
class-column-ok = ok
class-column-convention = convention
class-column-unanswered = unanswered
class-column-causes = causes
note-carried = carried: you wrote { $written }

## check: likely causes of a slip

cause-relu-negative = relu′({ $z }) was taken as 1, but { $z } = { $value } is negative, where relu′ is 0
cause-sigmoid-one-plus-f = the derivative formula was misapplied: f·(1 + f) instead of f·(1 − f) for { $z }
cause-wrong-derivative-rule = the derivative rule of { $used } ({ $rule }) was used for this { $own } neuron
cause-softmax-normaliser = the normaliser was forgotten: e^{ $z } without dividing by the sum of e^z over the layer
cause-softmax-sigmoid = the softmax was treated as element-wise: σ({ $z }) instead of e^{ $z } / Σ e^z
cause-softmax-other-output = e^{ $other } was put over the sum where e^{ $z } belongs
cause-softmax-sigmoid-derivative = the softmax was treated as element-wise: σ′({ $z }) = σ(1 − σ) instead of f(1 − f)
cause-softmax-f-for-derivative = f = { $f } was used where f(1 − f) belongs
cause-softmax-one-minus-f = the derivative formula was misapplied: 1 − f instead of f·(1 − f)
cause-softmax-delta-sigmoid = the softmax was treated as element-wise: ∂L/∂{ $f } = −y/f times σ′(z) instead of the Jacobian (which gives f − y)
cause-softmax-delta-diagonal = only the Jacobian's diagonal f(1 − f) was used: ∂L/∂{ $f }·f(1 − f) = −y(1 − f) instead of the sum over every output (which gives f − y)
cause-rate-misread = the learning rate was taken as { $read } instead of the spec's α = { $rate }: your updates are judged under your α (carried forward), the exact values under the spec's
cause-softmax-delta-times-derivative = { $f } − y was multiplied by f(1 − f) as for a sigmoid output: with softmax and cross-entropy, f − y already is δ (the Jacobian is in it)
cause-softmax-delta-target = the target was left out: { $f } instead of { $f } − y
cause-softmax-wrong-log = the log was taken of the wrong output: −ln { $f } (whose target is 0)
cause-softmax-log10 = a base-10 logarithm was used instead of the natural one
cause-gradient-times = { $delta } was multiplied by { $used } instead of by { $right }
cause-the-weight = the weight { $name }
cause-own-output = the neuron's own output { $name }
cause-value = { $name }
rule-text = { $rule }
rule-relu = 1 for z > 0, else 0
cause-sign-flipped = the sign is flipped
cause-also-consistent = { $cause }; equally consistent with the numbers: { $others }
cause-arithmetic = an arithmetic slip: no single misread number, dropped term, sign or derivative mix-up reproduces it
cause-misread = { $name } read as { $read } instead of { $actual }
cause-misread-same-as = { $cause } ({ $value } is the value of { $names })
cause-term-left-out = the term { $term } was left out
cause-term-sign = the term { $term } was taken with the wrong sign
cause-bias-left-out = the bias { $bias } was left out
cause-bias-sign = the bias { $bias } was taken with the wrong sign
cause-used-instead = { $used } was used where { $right } belongs
cause-z-for-f = { $used } (before the activation) was used where { $right } belongs
cause-transposed-forward = the weight matrix of layer { $layer } was read transposed (row and column swapped)
cause-wrong-activation = { $used } was applied instead of { $right }
cause-derivative-for-activation = f′({ $z }) was written where f({ $z }) belongs
cause-loss-factor-left-out = the factor { $factor } was left out of L
cause-loss-term-left-out = the term of output { $output } was left out of L
cause-activation-for-derivative = f({ $z }) = { $f } was used where f′({ $z }) belongs
cause-derivative-of-z = the derivative formula was applied to { $z } instead of to f({ $z })
cause-sigmoid-one-minus-f = the derivative formula was misapplied: 1 − f instead of f·(1 − f) for { $z }
cause-derivative-left-out = the factor f′({ $z }) was left out
cause-cross-entropy-derivative = ŷ − y was multiplied by f′({ $z }), which cross-entropy with a sigmoid output cancels
cause-transposed-backward = the weight matrix of layer { $layer } was read transposed: δ{ $neuron } was weighted by row { $index } instead of column { $index }
cause-gradient-factor-left-out = the factor { $factor } was left out: { $delta } alone was written
cause-batch-summed = the { $examples } examples' values were added up for { $name } instead of averaged
cause-batch-averaged = the { $examples } examples' values were averaged for { $name } instead of added up
cause-batch-averaged-twice = { $name } was divided by the batch size N = { $examples } twice, as when each example's value is already taken of the mean loss (1/N of its own) and then averaged again; the 1/N comes in once
cause-batch-wrong-count = the { $examples } examples' values were averaged over { $count } for { $name }
cause-batch-one-example = one example's value, { $one }, was taken for the batch's { $name } instead of combining every example's
cause-batch-delta-divided = { $name } was divided by the batch size N = { $examples }: that gives ∂L/∂{ $node } of the mean loss, but { $name } is example { $example }'s own error term ∂L[{ $example }]/∂{ $node }, before averaging; the 1/N comes in once, when the examples' gradients are averaged
cause-batch-gradient-divided = { $name } was divided by the batch size N = { $examples }: that gives example { $example }'s share of the mean loss's ∂L/∂{ $node }, but { $name } is its own gradient ∂L[{ $example }]/∂{ $node }, before averaging; the 1/N comes in once, when the examples' gradients are averaged
cause-update-added = the step was added to { $name } instead of subtracted
cause-update-rate-left-out = the learning rate α = { $rate } was left out
cause-update-other-rate = the learning rate was taken as { $used } instead of α = { $rate }
cause-update-decay-left-out = the weight decay λ·{ $name } was left out
cause-update-bias-decayed = the bias { $name } was decayed (weight decay applies to weights only)
cause-update-delta-for-gradient = { $delta } was used where { $gradient } belongs
cause-scale-decimal-point = off by a factor of { $factor } (a decimal point slipped)
cause-scale = off by a factor of { $factor }
cause-digit-dropped = a copying slip: { $right } written with a digit { $digit } dropped
cause-digit-doubled = a copying slip: { $right } written with the digit { $digit } doubled
cause-digits-swapped = a copying slip: { $right } written with the digits { $digits } swapped
cause-digit-changed = a copying or arithmetic slip in one digit: { $right } has { $digit } where { $written } was written
cause-negligible = written as 0, but it is { $value }: small, but not zero (write it with its significant figures)
cause-two-mistakes = two mistakes in this step: { $first }, and { $second }
cause-power-of-ten = the power of ten was lost: the right value is ×10^{ $power }
cause-operands-swapped = the operands were swapped: { $swapped }
cause-operand-left-out = { $left } was left out (only { $used } was used)
cause-argument-sign-lost = the sign of the argument { $argument } was lost
cause-one-use-counted = only the gradient through { $through } was counted: { $name } is used { $uses } times, and the gradients of all its uses add up
cause-upstream-left-out = the upstream gradient of { $name } ({ $upstream }) was not multiplied in: only the local derivative was used
cause-local-derivative = the local derivative of { $of } with respect to { $wrt } was taken as { $rule } = { $wrong } (it is { $right })
rule-mul-itself = { $name } itself instead of the other factor
rule-minus-dropped = +1 (the minus sign dropped)
rule-div-divisor = the divisor instead of 1/divisor
rule-div-one-over-b = 1/b instead of −a/b²
rule-div-numerator-dropped = −1/b² (the numerator dropped)
rule-div-minus-dropped = a/b² (the minus sign dropped)
rule-pow-not-lowered = c·a^c (the exponent not lowered)
rule-pow-factor-dropped = a^(c−1) (the factor c dropped)
rule-exp-one = 1
rule-exp-argument = its argument instead of e^a
rule-ln = ln a instead of 1/a
rule-sigmoid-itself = σ instead of σ(1 − σ)
rule-sigmoid-one-minus = 1 − σ instead of σ(1 − σ)
rule-sigmoid-of-argument = a(1 − a) of the argument instead of σ(1 − σ)
rule-tanh-not-squared = 1 − tanh instead of 1 − tanh²
rule-tanh-itself = tanh instead of 1 − tanh²

## render: diagram titles, clusters, labels

renderer-dot-source = DOT source

## train

train-builtin-iris = <built-in iris>
train-data-summary = { $source }: { $rows } rows, { $features } features, { $classes } classes
train-class = class { $number } (output { $output }) = { $class }
train-network-summary = network { $sizes } ({ $output }), { $epochs } epochs, learning rate { $rate }, { $train } training / { $validation } validation rows, seed { $seed }
train-output-sigmoid = sigmoid, ½·SSE loss
train-output-softmax = sigmoid hidden layer, softmax output, categorical cross-entropy
train-progress-epoch = epoch
train-progress-accuracy = validation accuracy
train-final-accuracy = final validation accuracy: { $percent }% ({ $correct } of { $total } rows)
train-confusion-title = confusion matrix (rows: actual class, columns: predicted class):
train-confusion-corner = actual \ predicted
train-plot-title = deltagraph train: { $source } (seed { $seed })
train-plot-epoch = epoch
train-plot-accuracy = validation accuracy (%)
train-plot-loss = mean training loss
train-plot-loss-axis = mean training loss (½·SSE)
layer-with-activation = { $layer } ({ $activation })
layers-grouped = layers { $first }–{ $last } ({ $count } layers)
network-title = { $name }{ $sizes } network, { $loss }, { $digits } significant digits
network-title-example = { $name }{ $sizes } network, example { $example } of a batch of { $count }: its own values, error terms and gradients, { $loss }, { $digits } significant digits
network-title-batch = { $name }{ $sizes } network, a batch of { $count } examples: the shared parameters with the batch's gradients and updates (render --example K shows example K), { $digits } significant digits
network-note-collapsed = { $neurons } neurons and { $weights } weights are too many to draw one by one: one box per layer, showing the range of each value. `deltagraph run` lists every value.
network-note-largest = Showing { $shown } of { $weights } weights: each neuron's inputs with the largest |w|. More labels than that would not be readable; `deltagraph run` lists every value.
loss-node = loss { $formula }
inputs-range = inputs { $first } … { $last }
label-neurons = neurons
label-weights = weights
label-new = new { $name }
graph-title = computation graph: { $values } values, each with its { $shows }, { $digits } significant digits
graph-shows-both = value and gradient
graph-shows-value = value
graph-shows-gradient = gradient
graph-note-cut = Showing the last { $shown } of { $total } values (those nearest the output); the { $earlier } earlier ones are behind the grey box.
graph-earlier-values = … { $earlier } earlier values
graph-constant = constant
graph-value = value
graph-grad = grad

## explain: the derivation (src/derivation)

derivation-title = Backpropagation step by step: { $network }
derivation-intro-network = A { $sizes } network: { $inputs } inputs, then { $layers }. One training example, one forward pass, one backward pass and one gradient-descent step with learning rate { $alpha }.
derivation-intro-network-decay = A { $sizes } network: { $inputs } inputs, then { $layers }. One training example, one forward pass, one backward pass and one gradient-descent step with learning rate { $alpha } and weight decay { $lambda }.
derivation-intro-batch = A { $sizes } network: { $inputs } inputs, then { $layers }. A batch of { $count } training examples: each one's forward and backward pass, then one gradient-descent step with the batch's gradient and learning rate { $alpha }.
derivation-intro-batch-decay = A { $sizes } network: { $inputs } inputs, then { $layers }. A batch of { $count } training examples: each one's forward and backward pass, then one gradient-descent step with the batch's gradient, learning rate { $alpha } and weight decay { $lambda }.
derivation-batch-intro = The { $count } examples share the weights and biases. Each example is worked through on its own, as if it were the only one: its forward pass, its own loss { $le }, its own error terms { $delta } and its own gradients. Then the batch's loss combines the examples' losses, { $rule }, and each gradient of the batch combines the examples' gradients in the same way.
derivation-section-example = Example { $number }
derivation-example-intro = Input { $x }, target { $y }. In this example's backward pass its own loss { $le } takes the place of L: { $delta }, the error term a textbook computes for one example before averaging.
derivation-section-batch-loss = The batch's loss
derivation-batch-loss-mean = The loss of the batch is the mean of the { $count } examples' losses: { $rule }.
derivation-batch-loss-sum = The loss of the batch is the sum of the { $count } examples' losses: { $rule }.
derivation-section-batch-gradients = The batch's gradients
derivation-batch-gradients-mean = L is the mean of the examples' losses and the weights are shared, so each gradient of the batch is the mean of the { $count } examples' own gradients: { $rule }.
derivation-batch-gradients-sum = L is the sum of the examples' losses and the weights are shared, so each gradient of the batch is the sum of the { $count } examples' own gradients: { $rule }.
derivation-table-example = example
derivation-intro-layer = { $layer } with { $activation } activation
derivation-list-separator = {"; "}
derivation-layer-hidden = Hidden layer { $number } ({ $neurons })
derivation-layer-output = Output layer ({ $neurons })
derivation-layer-hidden-lower = hidden layer { $number } ({ $neurons })
derivation-layer-output-lower = output layer ({ $neurons })
derivation-neuron-one = neuron { $n }
derivation-neuron-range = neurons { $first }–{ $last }
derivation-activation-sigmoid = sigmoid
derivation-activation-tanh = tanh
derivation-activation-relu = relu
derivation-activation-identity = identity
derivation-activation-softmax = softmax
derivation-loss-categorical-cross-entropy = The loss is the categorical cross-entropy, { $formula }, computed stably from the net inputs, so it is finite for any z.
derivation-softmax-jacobian = A softmax output depends on every net input of its layer, so its derivative is a Jacobian: the diagonal above, and { $jacobian } for k ≠ j. The error term takes every output: { $delta_sum }. With the categorical cross-entropy { $dl_df }, and the sum collapses to { $delta }, because the targets sum to 1.
derivation-softmax-jacobian-general = A softmax output depends on every net input of its layer, so its derivative is a Jacobian: the diagonal above, and { $jacobian } for k ≠ j. The error term takes every output: { $delta_sum }, that is { $written }.
derivation-notation = { $lead } Neurons are numbered across all layers. { $x_i } is input { $i }, { $y_k } target { $k }. For neuron { $j }: { $z_j } is its net input, { $f_j } its output, { $df_j } the derivative of its activation, and { $delta_j } its error term. { $w_ij } is the weight from { $i } (an input or neuron { $i }) into neuron { $j }, { $b_j } the bias of neuron { $j }, and { $new_w_ij } the weight after the update. Each result is rounded to the digits shown, and the numbers put into each formula are shown with as many digits as it takes to get that result: you can check every step with a calculator.
derivation-notation-lead = Notation.
derivation-loss-half-sse = The loss is half the sum of squared errors, { $formula }.
derivation-loss-sse = The loss is the sum of squared errors, { $formula }.
derivation-loss-mse = The loss is the mean squared error, { $formula }.
derivation-loss-cross-entropy = The loss is the binary cross-entropy, { $formula }.
derivation-section-given = Given
derivation-given-example = Input { $x }, target { $y }.
derivation-given-layer = { $layer }: the weight { $w_ij } from { $i } into neuron { $j }, and the bias { $b_j }.
derivation-given-written = The given values you wrote down, against the spec:
derivation-table-into-neuron = into neuron
derivation-table-from = from { $source }
derivation-table-bias = bias
derivation-table-neuron = neuron
derivation-section-forward = 1. Forward pass
derivation-forward-intro = Each neuron adds up its weighted inputs and its bias, { $z }, where { $a_i } are the outputs of the layer before (the inputs { $x_i } for the first layer), and passes the sum through its activation: { $f }.
derivation-activation = Activation: { $f }.
derivation-section-loss = The loss
derivation-section-backward = 2. Backward pass: the error terms
derivation-backward-intro = The error term of neuron { $j } is { $delta }. By the chain rule, for an output neuron it is the loss's derivative with respect to the output times the activation's derivative, { $output }. For a hidden neuron, { $z_j } reaches the loss through every neuron { $k } of the next layer, so { $hidden } — for a whole layer, { $matrix }. The passes run from the output layer back to the first.
derivation-activation-derivative = Derivative of the activation: { $df }.
derivation-cross-entropy-cancels = With a sigmoid output and cross-entropy, { $dl_df } and { $df } cancel: { $delta }.
derivation-section-gradients = 3. Gradients
derivation-gradients-intro = A weight { $w_ij } enters the loss only through { $z_j }, where it multiplies { $a_i }, so { $dw }; a bias enters with factor 1, so { $db }.
derivation-section-update = 4. Updated parameters
derivation-update-intro = Gradient descent moves every parameter against its gradient: { $rule } with { $alpha }.
derivation-section-summary = Summary
derivation-expression-title = The computational graph step by step: { $name }
derivation-expression-intro = The output is { $output }. The forward pass computes every value from its operands; the backward pass applies the chain rule at every node, from the output back to the inputs. A value that is not named in the spec is called by its own text.
derivation-table-input = input
derivation-table-value = value
derivation-table-value-name = value
derivation-table-forward-value = forward value
derivation-table-gradient = gradient
derivation-expression-section-backward = 2. Backward pass: the chain rule at every node
derivation-expression-backward-intro = The gradient of the output with respect to itself is 1: { $seed }. For every other value { $v }, working back from the output: each operation { $c } that uses { $v } passes back its { $local_name } { $local } times its own { $upstream_name } { $upstream }, and a value used in several places adds up what every use passes back: { $rule }, the sum over every operation { $c } that uses { $v }.
derivation-expression-local-derivatives = Local derivatives: { $add } passes 1 to each; { $sub } passes 1 and { $minus_one }; { $mul } passes { $b } to { $a } and { $a } to { $b }; { $div } passes { $div_a } and { $div_b }; { $pow } passes { $pow_d }; { $exp } passes its own value; { $ln } passes { $ln_d }; { $sigmoid } passes { $sigmoid_d }; { $tanh } passes { $tanh_d }; { $relu } passes { $step }, 1 when { $a } is positive and 0 otherwise; { $max } passes 1 to the larger (to { $a } at a tie).
derivation-expression-local-derivative = local derivative
derivation-expression-upstream-gradient = upstream gradient
derivation-expression-shared = { $v } is used by { $uses } operations: their contributions add up.
derivation-chain-rule = The chain rule for one weight of this layer, factor by factor, with its numbers:
derivation-chain-minus = The minus sign comes from inside the loss: it depends on { $f } through { $inner }, and { $inner_derivative }, so { $dl_df }.
derivation-matrix-form = The whole layer at once, in matrix form:
derivation-summary-intro = Every value of the neurons, to { $digits } significant digits, for comparing with other programs.

## worksheet

worksheet-the-network = the network
worksheet-title = Worksheet: { $name }
worksheet-instruction = Work each value from the ones above it; write it with the digits you carry.
worksheet-column-name = name
worksheet-column-value = value
worksheet-column-formula = formula

## errors (the English text is the error's Display; these frame it in other languages)

error-io = { $path }: { $action }: { $reason }
error-render = render: { $message }
error-bad-input = { $file }: { $location }: { $message }
error-bad-option = { $option }: { $message }
error-io-read = expected a readable file, but reading it failed
error-io-write = writing it failed
error-io-link = expected a link that can be followed
error-io-writable = expected a file that can be written
error-io-create-in = expected a directory where files can be created, but creating one failed
error-io-mkdir = expected a directory to write into, but it cannot be created
error-io-persist = putting the new file in place failed
error-os-not-found = no such file or directory
error-os-permission = permission denied
error-os-exists = the file already exists
error-os-is-directory = it is a directory
error-os-not-directory = not a directory
error-os-full = no space left on the device
error-os-read-only = the file system is read-only
error-os-code = { $reason } (os error { $code })
error-location-line = line { $at }
error-location-lines = lines { $at }
error-location-column = column { $at }
error-location-key = key { $at }
error-location-key-described = { $described } (key { $at })
error-location-layer = layer { $number }
error-location-example = example { $number }
error-location-weights-row = weights row { $row }
error-location-weight = weights row { $row }, entry { $entry }
error-location-entry = { $key } entry { $number }
error-location-row = row { $at }
error-location-value = value { $at }
error-location-separator = {", "}

## errors: the spec file (src/spec.rs, src/spec/toml_message.rs)
verbatim = { $text }
spec-too-many-numbers = expected at most { $max } weights and biases, found about { $found } numbers: a network this large is beyond what deltagraph shows or checks
spec-empty-input = expected at least one number, found an empty array
spec-not-negative = expected a finite number ≥ 0, found { $value }
spec-no-layers = expected at least one [[layers]] table, found none
spec-too-many-parameters = expected at most { $max } weights and biases in all, found { $found }: a network this large is beyond what deltagraph shows or checks
spec-layer-empty = expected at least one neuron, found { $rows } weight rows and { $biases } biases
spec-rows-vs-biases = expected { $biases } weight { $biases ->
    [one] row
   *[other] rows
} (one per bias of this layer, a row per neuron), found { $rows }
spec-from-input = input
spec-from-layer = layer { $number }
spec-fan-in = expected { $expected } weights (one per value of { $from }), found { $found }
spec-target-length = expected { $expected } values (one per output neuron), found { $found }
spec-softmax-hidden = expected softmax only on the output layer (it turns a whole layer into probabilities), found it on { $layer }; set activation = "softmax" in the last [[layers]] table
spec-cce-needs-softmax = expected activation = "softmax" on the output layer for loss = "categorical_cross_entropy", found "{ $found }"
spec-cce-target-sum = expected targets that sum to 1 (one-hot, such as [0, 1, 0], or a probability vector) for loss = "categorical_cross_entropy", found a sum of { $sum }
spec-target-outside-unit = expected a value in [0, 1] for loss = "{ $loss }", found { $value }
spec-not-finite = expected a finite number, found { $value }
spec-missing-key = expected the key { $key }, found none (see docs/spec-format.md)
spec-missing-key-with = expected the key { $key } ({ $what }), found none (see docs/spec-format.md)
spec-holds-input = an array of numbers, one per network input, e.g. input = [1.0, 2.0]
spec-holds-target = an array of numbers, one per output neuron, e.g. target = [1.0]
spec-holds-layers = one [[layers]] table per layer, each with weights and biases
spec-holds-weights = an array of rows, one per neuron, e.g. weights = [[2.0, 1.0], [1.0, 3.0]]
spec-holds-biases = an array of numbers, one per neuron, e.g. biases = [1.0, 2.0]
spec-number-overflow = expected a finite number, found one beyond ±1.8e308 (the 64-bit floating-point range)
spec-duplicate-key = expected each key once, found a duplicate key
spec-duplicate-field = expected each key once, found { $key } twice
spec-unknown-field = unknown field { $found }, expected one of { $expected }
spec-unknown-variant = unknown variant { $found }, expected one of { $expected }
spec-unknown-field-none = unknown field { $found }, expected no key here
spec-invalid-type = expected { $expected }, found { $found }
spec-invalid-value = expected { $expected }, found { $found }
spec-found-string = string { $value }
spec-found-integer = integer { $value }
spec-found-float = floating point { $value }
spec-found-boolean = boolean { $value }
spec-found-array = an array
spec-found-table = a table
spec-found-datetime = datetime { $value }
spec-found-nothing = nothing
spec-expected-number = a number
spec-expected-array = an array
spec-expected-string = a string
spec-expected-table = a table
spec-expected-activation = an activation function (sigmoid, tanh, relu, identity, softmax)
spec-expected-loss = a loss function (half_sse, sse, mse, cross_entropy, categorical_cross_entropy)
spec-syntax = { $problem }, expected { $expected }
toml-unclosed-array = unclosed array
toml-unclosed-table = unclosed table
toml-unclosed-array-table = unclosed array table
toml-unclosed-inline-table = unclosed inline table
toml-missing-value = missing value
toml-extra-equals = extra `=`
toml-extra-comma-array = extra comma in array
toml-equals-in-array = unexpected `=` in array
toml-missing-comma-array = missing comma between array elements
toml-extra-comma-table = extra comma in inline table
toml-missing-equals = missing assignment between key-value pairs
toml-missing-comma-table = missing comma between key-value pairs
toml-invalid-table-element = invalid inline table element
toml-unexpected-content = unexpected content
toml-content-after-comment = unexpected content between comment and newline
toml-invalid-pair = invalid key-value pair
toml-missing-table-open = missing table open
toml-missing-array-open = missing array opening
toml-unquoted-string = string values must be quoted
toml-invalid-key = invalid unquoted key
toml-invalid-string = invalid string
toml-missing-quote = missing opening quote
toml-invalid-value = invalid value
toml-leading-zero = unexpected leading zero
toml-extra-sign = redundant numeric sign
toml-underscore = `_` may only go between digits
toml-invalid-comment = invalid comment character
toml-lone-carriage-return = carriage return must be followed by newline
toml-too-deep = cannot recurse further; max recursion depth met
toml-expected-key = key
toml-expected-value = value
toml-expected-nothing = nothing
toml-expected-string = string
toml-expected-digits = digits
toml-expected-characters = characters

## errors: hand calculations (src/hand.rs)
hand-problems = { $lines }
hand-problem-line = { $file }: line { $line }: { $message }
hand-more-problems = { $file }: … and { $count ->
    [one] { $count } more line
   *[other] { $count } more lines
} that could not be read
hand-reading-stopped = { $file }: line { $line }: reading stopped after { $max } lines that could not be read: this does not look like a hand calculation of this network, and the rest of the file was not read
hand-unreadable-csv = expected rows `name,value`, found unreadable CSV ({ $error })
hand-one-field = expected two fields `name,value`, found one: `{ $field }`
hand-ambiguous-name = expected a name of one value, found `{ $name }`, which could be { $options }: write it as one of those
hand-ambiguous-name-typed = expected a name of one value, found `{ $name }`, which could be { $options }
hand-choice-or = { $first } or { $last }
hand-duplicate-name = expected each name once, found `{ $name }` again (first on line { $first })
hand-not-a-number = expected a finite number for `{ $name }`, found `{ $value }`
hand-too-many-separators = expected at most { $max } `{ $separator }` on one line, found { $found }: no row of a hand calculation is that long
hand-normalised-too-large = expected at most { $mib } MiB of text once full-width and other compatibility characters are read as plain ones (Unicode NFKC), found more
hand-no-rows = expected at least one `name,value` row, found none
hand-step-out-of-range = expected a step from 1 to { $max } after `@`, found `{ $name }`, step { $found }
hand-example-out-of-range = expected an example from 1 to { $count } in brackets (the spec has { $count } examples), found `{ $name }`, example { $found }
hand-transposed-name = expected a canonical name, found `{ $name }`, read as { $read }, which this network does not have: its indices look swapped. A weight is named from, then into (w(i,j) goes from i into j): write { $transposed } if that is the one you mean
hand-ambiguous-comma = expected a number for `{ $name }` written with a point, found `{ $value }`, which could be { $point } (a decimal comma) or { $thousands } (a thousands separator): write { $point } or { $thousands }
hand-unknown-name = expected a canonical name (x1, w(x1,1), b1, z1, f1, df1, delta1, L, dL/dw(1,4), new_b4, … — see docs/value-names.md), found `{ $name }`
hand-unknown-name-suggest = expected a canonical name, found `{ $name }`; did you mean { $suggestions }?

## errors: expression specs (src/expression.rs, src/expression/parse.rs)
expr-expected-found = expected { $expected }, found { $found }
expr-token-number = the number { $value }
expr-token-name = the name `{ $name }`
expr-token-end = the end of the expression
expr-expected-literal = a finite number such as 2, 0.5 or 1e-3
expr-expected-token = a number, a name, an operator (+ - * / ^), `(`, `)` or `,`
expr-expected-exponent = a number as the exponent (x^2, x^-1, x^0.5)
expr-found-variable-exponent = an exponent that is not a constant
expr-expected-operand = a number, a name, a function call or `(`
expr-expected-close = `)` or an operator
expr-expected-function = a function ({ $functions })
expr-expected-comma = `,` and the next argument of { $name } (it takes { $count })
expr-expected-close-one = `)` or an operator ({ $name } takes one argument)
expr-expected-close-many = `)` ({ $name } takes { $count } arguments)
expr-expected-end = an operator (+ - * / ^) or the end of the expression
expr-name-string = expected a string
expr-expression-table = expected an [expression] table
expr-unknown-top-key = expected only `name` and an [expression] table in an expression spec, found the key `{ $key }`
expr-no-table = expected an [expression] table, found none
expr-inputs-table = expected a table of numbers, such as inputs = {"{"} x = -2.0, y = 5.0 {"}"}
expr-input-number = expected a finite number
expr-output-name = expected the name of a definition, such as output = "f"
expr-quoted = expected an expression in quotes, such as q = "x + y"
expr-no-inputs = expected at least one input, such as inputs = {"{"} x = -2.0 {"}"}, found none
expr-no-definitions = expected at least one definition, such as f = "x * y", found none
expr-name-is-input = expected a name not already used by an input, found `{ $name }` in inputs too
expr-unknown-output = expected the name of a definition ({ $names }), found `{ $found }`
expr-not-finite = expected every value to be a finite number, found { $name } = { $value }: an operation outside its domain (the log of a number ≤ 0, a division by 0) or numbers too large for 64-bit floating point
expr-bad-identifier = expected a name of letters, digits and `_` starting with a letter (such as q or w0), found `{ $name }` ({ $why })
expr-why-function = a function's name
expr-why-loss = the network loss's name
expr-why-not-plain = not a plain name
expr-cycle = expected definitions that do not depend on themselves, found the cycle { $cycle }
expr-unknown-name = expected an input or a definition ({ $known }), found `{ $name }`
expr-unknown-name-suggest = expected an input or a definition ({ $known }), found `{ $name }` (did you mean `{ $suggestion }`?)

## errors: files, outputs and options (src/files.rs, src/files/output.rs, src/cli.rs)
file-too-large = expected an input of at most { $mib } MiB, found more (the file is larger, or endless)
file-not-utf8 = expected UTF-8 text, found a byte that is not valid UTF-8
file-out-dir-is-file = { $path }: expected a directory to write into, found a file
output-refused = { $path }: { $reason }
output-link-to-directory = expected a file to write, found a link to a directory
output-dangling-link = expected a file to write, found a symbolic link to a missing file; it is not replaced: write to its target or remove the link
output-is-directory = expected a file to write, found a directory
output-is-input = expected an output other than the input { $input }: writing it would destroy the input; choose another file
output-parent-is-file = expected a file in a directory, but its parent is a file
output-no-directory = expected a file in an existing directory, but { $dir } does not exist
cli-diagram-one-file = expected one hand file with --diagram, found a class
cli-steps-expression = expected a network spec for --steps { $steps } (an expression has no parameters to update), found an [expression]
option-whole-number-range = expected a whole number from 1 to { $max }, found { $value }
option-positive-number = expected a finite number > 0, found { $value }
class-no-hand-files = expected hand files (*.csv) in the directory, found none
error-io-list = expected a directory of hand files, but listing it failed
error-io-runtime = could not start the server's runtime
error-io-address = could not read the address it listens on

## errors: networks and training (src/net.rs, src/train.rs, src/train/data.rs)
net-output-outside-unit = expected every output inside (0, 1) for loss = "cross_entropy" (it takes ln ŷ and ln(1 − ŷ)), found { $name } = { $value }: a { $activation } output layer can leave (0, 1); use activation = "sigmoid" there, or another loss
net-not-finite = expected every value to be a finite number, found { $name } = { $value }: the spec's numbers are too large for 64-bit floating point
data-bad-csv = expected CSV, found { $error }
data-one-field = expected at least one number and a class label separated by commas, found { $found }
data-field-count = expected { $width } fields ({ $numbers } numbers and a class label), found { $found }: { $row }
data-not-finite = field { $field }: expected a finite number, found { $value }
data-not-a-number = field { $field }: expected a number, found { $value }
data-field = field { $field }: { $message }
data-no-rows = expected rows of numbers each ending in a class label, found { $found }
data-found-header-only = a header and no data rows
data-found-empty = an empty file
data-one-class = expected at least two classes to tell apart, found only { $class }
data-empty-label = expected a class label, found an empty field
data-bad-label = expected a class label (a name, or a whole number ≥ 0), found { $value }
train-rows-range = --train-rows { $train_rows } must leave rows both to train and to validate: expected 1 to { $max }, as the data has { $rows } rows (the last one here), found { $train_rows }
train-diverged = expected a finite training loss, found { $loss }: training diverged; try a smaller --lr, or check the data for extreme values

## errors: drawing (src/render.rs, src/render/output.rs, src/render/fallback.rs)
render-dot-timeout = Graphviz dot did not finish within { $seconds } s, so it was stopped and no file was written; allow more time with --graphviz-timeout, or draw .svg with --renderer layout-rs
render-dot-wait = waiting for Graphviz dot failed: { $error }
render-dot-failed = Graphviz dot failed ({ $status }): { $output }
render-dot-no-picture = Graphviz dot exited normally but printed { $printed }, not { $wanted }; no file was written
render-printed-nothing = nothing
render-printed-bytes = { $bytes } bytes
render-wanted-png = a PNG image
render-wanted-svg = an SVG picture
render-png-needs-graphviz = PNG output needs Graphviz, but no `dot` program that can be run was found on PATH; install Graphviz (e.g. `apt-get install graphviz`), or write .svg, which the built-in renderer draws
render-renderer-needs-graphviz = --renderer graphviz needs Graphviz, but no `dot` program that can be run was found on PATH; install Graphviz (e.g. `apt-get install graphviz`), or write .svg, which the built-in renderer draws
render-layout-unreadable = layout-rs could not read the DOT text: { $error }
render-layout-failed = layout-rs failed to lay out the graph
render-no-extension = { $path }: expected a file name ending in .dot, .svg or .png, found no extension
render-bad-extension = { $path }: expected a file name ending in .dot, .svg or .png, found { $extension }
render-layout-svg-only = layout-rs: the built-in layout-rs renderer draws SVG only; PNG needs Graphviz `dot`

## errors: the worksheet server (src/web)
web-too-many-values = expected a network of at most { $max } values for a worksheet, found { $found }
web-spec-too-large = expected a spec of at most { $max } KiB, found { $found } KiB
web-value-too-long = expected a number of at most { $max } characters
web-port-busy = expected a free port to listen on at { $address }, but binding failed: { $error } (try --port 0 for any free port)

## errors: where (locations)
error-location-top-level = top level
error-location-size = size
error-location-epoch = epoch { $at }

## errors: batches of examples (src/spec.rs, src/net.rs)
spec-no-examples = expected at least one [[examples]] table (each with input and target), found an empty array
spec-batch-loss-without-examples = expected [[examples]] beside it (it says how a batch's losses add up), found one input and target
spec-example-and-examples = expected either input and target (one example) or [[examples]] (a batch), found both: move { $key } into an [[examples]] table or remove [[examples]]
spec-too-many-examples = expected at most { $max_examples } examples, and examples × weights and biases at most { $max }, found { $examples } examples of { $parameters } weights and biases: a batch this large is beyond what deltagraph shows or checks
spec-example-inputs = expected { $expected } numbers (as many as the first example's input), found { $found }
cli-example-out-of-batch = expected an example of the batch, 1 to { $examples }, found { $example }
cli-example-without-batch = expected a spec with [[examples]] (a batch), found one input and target
## the command line's help (src/cli/localize.rs): the English text is clap's, from the doc comments in src/cli.rs
cli-about = See and check backpropagation: a scalar computation graph, reverse-mode autodiff, annotated Graphviz diagrams and a step-by-step hand-calculation checker.
cli-lang = Language of everything printed and drawn: en or zh (中文). Default: zh when LC_ALL, LC_MESSAGES or LANG starts with zh, else en
cli-tutorial-about = The tutorial's worked example: print every step and write its files
cli-tutorial-out = Directory for the output files (created if missing)
cli-tutorial-digits = Significant digits in the printed tables (15 matches the tutorial)
cli-tutorial-graphviz-timeout = Seconds Graphviz `dot` may take to draw the diagram before it is stopped
cli-run-about = One forward + backward + SGD step on any spec; print every canonical value
cli-run-spec = The network or expression spec (TOML; see docs/spec-format.md)
cli-run-format = Output format
cli-run-format-table = Aligned tables: name, formula, value
cli-run-format-csv = `name,value`, one row per canonical name, full precision
cli-run-format-json = `{"{"}"network": …, "values": [{"{"}"name", "stage", "value"{"}"}, …]{"}"}`, full precision
cli-run-digits = Significant digits in the table (CSV and JSON are always at full precision)
cli-steps = Training steps on the same example: step k + 1 starts from step k's updated parameters; its values are named with `@k + 1` (`z4@2`)
cli-check-about = Check a hand calculation (CSV `name,value`) step by step, or a class of them. Exit 0: no slip; 1: a slip; 2: unreadable input
cli-check-spec = The network spec the calculation is about
cli-check-hand = The hand calculations: files of rows `name,value` (any subset of names, any order; `,`, `;` or tab separated), or directories of them (their `*.csv` files). Several files check a class. Names ending in `@2` (`z4@2`) are a second iteration's values, judged from your own updated parameters
cli-check-format = Output format (`csv`: a file × value grid of verdicts, for a class)
cli-check-format-text = A table and a paragraph per slip (a class: a line per file and a summary)
cli-check-format-json = One object per judged value (a class: files and a summary)
cli-check-format-csv = A class as a file × value grid of verdicts
cli-check-convention = Judge under this convention without remark: `textbook` (δ = (y − ŷ)·f′, w ← w + α·δ·a), `no-half` (the loss without ½), `delta-of-output` (δ = ∂L/∂f), `true-gradients` (with `textbook`: ∂L/∂w = −δ·a), `mean-loss-delta` (a batch's δ[e] of the mean loss); comma-separated to combine. Without it, a consistent convention is recognised and said once
cli-check-diagram = Also draw the network with slips in red and carried values in amber (.dot, .svg, .png; one hand file only)
cli-check-graphviz-timeout = Seconds Graphviz `dot` may take to draw the diagram before it is stopped
cli-worksheet-about = Write a blank worksheet: every value in derivation order with the formula to use
cli-spec = The network spec
cli-worksheet-output = Write the worksheet here instead of to standard output
cli-worksheet-format = `csv`: rows `name,value,formula` that `check` reads as they are; `md`: a printable table
cli-worksheet-format-csv = Rows `name,value,formula` (a spreadsheet opens it; `check` reads it)
cli-worksheet-format-md = A Markdown table to print
cli-explain-about = Write the step-by-step derivation as Markdown with LaTeX math
cli-explain-output = Write the Markdown here instead of to standard output (`-` is standard output)
cli-explain-digits = Significant digits of each result; the numbers put into a formula get at least as many, and more where that is needed to give the result as shown
cli-render-about = Draw the network (or its computation graph) annotated with every value
cli-render-output = Output file; its extension picks the format: .dot, .svg or .png (PNG needs Graphviz)
cli-render-digits = Significant digits of every number (15 matches the tutorial)
cli-render-show = Which values to show
cli-render-show-forward = The forward pass: z, f(z), the loss
cli-render-show-backward = The backward pass: f′(z), δ (network view); gradients (graph view)
cli-render-show-both = Both
cli-render-edge-gradients = Also show ∂L/∂w and the updated weight on every edge (∂L/∂b and the new bias in neurons)
cli-render-example = For a batch ([[examples]]): draw example K (1-based) with its own values, error terms and gradients, instead of the batch's parameters, gradients and updates
cli-render-view = The network view, or the computation graph with one node per scalar op
cli-render-view-network = Neurons in layers, weights on the edges
cli-render-view-graph = One node per scalar value and one per op
cli-render-renderer = Who draws SVG and PNG: Graphviz `dot` if installed, else the built-in layout-rs (SVG only)
cli-render-renderer-auto = Graphviz `dot` if it is on `PATH`, else layout-rs (SVG only)
cli-render-renderer-graphviz = Graphviz `dot`; an error if it is not installed
cli-render-renderer-layout-rs = The built-in layout-rs renderer (SVG only)
cli-render-graphviz-timeout = Seconds Graphviz `dot` may take before it is stopped (no file is written then)
cli-train-about = The tutorial's Iris training: a 4-5-3 sigmoid network, per-sample SGD, on this engine
cli-train-data = Data (CSV): the tutorial's rows `5.1,3.5,1.4,0.2,Iris-setosa`, or a header row and numeric class labels. Default: the Iris set built into deltagraph
cli-train-epochs = Passes over the training rows
cli-train-lr = SGD learning rate
cli-train-hidden = Neurons in the hidden layer
cli-train-train-rows = Rows that train after the shuffle; the rest validate
cli-train-seed = Seed of the generator that shuffles the rows and draws the initial weights
cli-train-out = Directory for accuracy.csv, accuracy.svg and trained.toml (created if missing)
cli-train-output = The output layer: sigmoid with ½·SSE (the tutorial's), or softmax with categorical cross-entropy
cli-train-output-sigmoid = Sigmoid outputs and ½·SSE, as the tutorial trains
cli-train-output-softmax = A softmax output layer and categorical cross-entropy (δ = f − y at the output)
cli-serve-about = A worksheet in the browser: type your hand calculation, see each step judged as you go
cli-serve-spec = The network spec (default: the tutorial's 2-3-2-1 network)
cli-serve-port = Port to listen on; 0 picks any free port. The URL is the first line of standard output
cli-serve-host = Address to listen on. Anything but a loopback address lets other machines in (a warning says so)
cli-serve-open = Open the page in the default browser
cli-report-about = One self-contained HTML page: the diagram, every step in MathML, a play control; with --hand, the verdicts on a hand calculation
cli-report-hand = A hand calculation to show the verdicts of (the CSV `check` reads)
cli-report-output = The HTML file to write (it opens from disk: no network, nothing else needed)
cli-help = Print help
cli-help-long = Print help (see a summary with '-h')
cli-version = Print version
cli-help-command = Print this message or the help of the given subcommand(s)
cli-usage = Usage: { $usage }
cli-arguments-heading = Arguments:
cli-options-heading = Options:
cli-commands-heading = Commands:
cli-default = {"["}default: { $value }]
cli-possible-values = Possible values:
## the placeholders in the usage line and after an option (`<SPEC>`)
cli-usage-options = {"["}OPTIONS]
cli-usage-command = COMMAND
cli-placeholder-spec = SPEC
cli-placeholder-hand = HAND
cli-placeholder-data = DATA
cli-placeholder-out = OUT
cli-placeholder-output = OUTPUT
cli-placeholder-digits = DIGITS
cli-placeholder-format = FORMAT
cli-placeholder-steps = STEPS
cli-placeholder-convention = CONVENTION
cli-placeholder-diagram = DIAGRAM
cli-placeholder-graphviz-timeout = GRAPHVIZ_TIMEOUT
cli-placeholder-show = SHOW
cli-placeholder-view = VIEW
cli-placeholder-example = K
cli-placeholder-renderer = RENDERER
cli-placeholder-epochs = EPOCHS
cli-placeholder-lr = LR
cli-placeholder-hidden = HIDDEN
cli-placeholder-train-rows = TRAIN_ROWS
cli-placeholder-seed = SEED
cli-placeholder-port = PORT
cli-placeholder-host = HOST
cli-train-placeholder-output = OUTPUT

## the command line's usage errors (clap's, rendered through the catalogue)
clap-unknown-argument = unexpected argument '{ $arg }' found
clap-tip-value = tip: to pass '{ $arg }' as a value, use '-- { $arg }'
clap-tip-similar = tip: a similar { $what } exists: { $similar }
clap-argument = argument
clap-subcommand = subcommand
clap-value = value
clap-invalid-subcommand = unrecognized subcommand '{ $name }'
clap-invalid-value = invalid value '{ $value }' for '{ $arg }'
clap-possible-values = {"["}possible values: { $values }]
clap-value-required = a value is required for '{ $arg }' but none was supplied
clap-missing-required = the following required arguments were not provided: { $args }
clap-invalid-value-because = invalid value '{ $value }' for '{ $arg }': { $reason }
clap-reason-range = { $value } is not in { $range }
clap-reason-between = expected a whole number from { $from } to { $to }, found { $value }
clap-reason-integer = expected a whole number
clap-reason-number = expected a number
clap-reason-too-large = the number is too large
clap-reason-address = expected an IP address
clap-reason-lang = expected en or zh, found { $found }
clap-reason-convention = expected `standard`, `textbook`, `no-half`, `delta-of-output`, `true-gradients` (with `textbook`) or `mean-loss-delta`, comma-separated, found `{ $found }`
clap-too-many-values = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
clap-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
clap-used-twice = the argument '{ $arg }' cannot be used multiple times
clap-wrong-number = the wrong number of values for '{ $arg }'
clap-requires-subcommand = '{ $name }' requires a subcommand but one was not provided
clap-try-help = For more information, try '{ $help }'.
cli-render-spec = The network spec (TOML; see docs/spec-format.md)

## the worksheet page and the report page (src/web/page.rs, src/web/assets/*.html)
page-ok = right
page-slip = slip
page-carried = carried forward
page-convention = another convention
page-unanswered = not answered
page-carried-from = right from your own values; carried from
page-carried-rounding = right from your own values; differs from the exact value only through your rounding
page-from-yours = from your values
page-exact = exact
page-you-wrote = you wrote
page-saved = saved
page-loaded = loaded
page-server-error = the server did not answer
page-summary = {"{"}ok{"}"} right, {"{"}slip{"}"} slips, {"{"}carried{"}"} carried forward{"{"}convention{"}"}, {"{"}unanswered{"}"} not answered
page-summary-convention = , {"{"}convention{"}"} right under another convention
page-cause-separator = {"; "}
page-own = your own
page-lead-worksheet = Work the calculation on paper or a calculator and type each value as you get it, at the precision you wrote it. Each step is judged from { $own } earlier values, as an examiner marks: a new mistake is a { $slip }, a step that is right from your values but not the exact one is { $carried }.
page-lead-report = Every step of the forward pass, the backward pass and the gradient-descent update (for a batch, each example's passes and the batch's update). Click a neuron to see its steps, or play the calculation.
page-lead-report-checked = Every step of the forward pass, the backward pass and the gradient-descent update (for a batch, each example's passes and the batch's update), with the verdicts on a hand calculation. Click a neuron to see its steps, or play the calculation.
page-tools = worksheet
page-load-csv = Load CSV
page-save-csv = Save CSV
page-clear = Clear values
page-spec-button = Network spec…
page-spec-help = Paste or upload a network spec (TOML, see docs/spec-format.md), or go back to the tutorial's 2-3-2-1 network.
page-spec-label = network spec (TOML)
page-use-spec = Use this spec
page-upload-spec = Upload spec
page-use-tutorial = The tutorial's network
page-play-tools = play
page-play = Play
page-step-back = one step back
page-step-on = one step on
page-reset = Reset
page-diagram-label = network diagram
page-click-neuron = click a neuron for its steps
page-worksheet-label = worksheet
page-derivation-label = derivation
page-column-value = value
page-column-formula = formula
page-column-written = you wrote
page-column-verdict = verdict
page-given = Given values
page-given-note = inputs, weights, biases and target, as the spec gives them
page-forward = Forward pass
page-forward-note = z = Σ w·a + b, then f(z), then the loss
page-backward = Backward pass
page-backward-note = f′(z) and the error terms δ = ∂L/∂z, output layer first
page-gradient = Gradients
page-gradient-note = ∂L/∂w = δ·a, ∂L/∂b = δ
page-update = Updated parameters
page-update-note = w − α·∂L/∂w
page-show-in-diagram = show in the diagram
page-hint = hint
page-show = show
page-carried-note = from your values it is { $value }: carried from { $names }
page-given-hint = { $name } is given: { $value }
page-hint-in-yours = {" "}(in your convention: { $value })

## the worksheet server's answers (src/web/server.rs)
web-values-unreadable = { $count } value(s) cannot be read
web-body-too-large = expected a request of at most { $max } KiB
web-body-not-json = expected a JSON request body: { $error }
web-failed = the worksheet failed on this request
web-unknown-name = expected a canonical name of this network, found `{ $name }`
web-not-found = no such page
web-host-refused = expected a request for this machine's loopback address, found the host { $host }
web-open-to-all = warning: listening on { $address } — anyone who can reach this machine can use the worksheet (it reads and writes no files, but runs the checker and Graphviz for every request)
web-serving = serving the worksheet for { $name } at { $url }; Ctrl-C stops
web-no-browser = warning: could not open a browser ({ $error }); open { $url } yourself
error-io-server-stopped = the server stopped

## train: the comments of trained.toml
trained-by = Trained by `deltagraph train` on { $source } ({ $epochs } epochs, lr { $rate }, { $hidden } hidden, { $rows } training rows, seed { $seed }).
trained-accuracy = Final validation accuracy: { $percent }%.
trained-classes = Output k stands for class k: { $classes }.
trained-scaling = Inputs are min-max scaled: x' = (x - min) / (max - min), per column
trained-example = input/target below: the first validation example.
