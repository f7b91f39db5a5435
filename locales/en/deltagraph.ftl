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
check-summary = Checked { $checked } values of your calculation against { $spec }: { $ok } ok, { $slips ->
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
check-label-spec-gives = The spec gives
check-label-exact = Exact value
check-label-cause = Likely cause
check-label-carried-on = Carried on to
check-cause-reproduces = { $cause } (that gives { $value }, as you wrote)
check-carried-on = { $names } (right from your own values: not new errors)
check-from-rounding = Differ from the exact values only through your own rounding: { $names }.
check-no-slips = No slips: every step follows from the values before it.
check-step-first = Step 1 of { $steps }: from the spec's parameters
check-step-next = Step { $step } of { $steps }: from your own updated parameters of step { $previous } (names end in @{ $step })
note-slip = slip: you wrote { $written }
verdict-convention = convention
verdict-unanswered = —
convention-textbook-sign = the textbook sign δ = (y − ŷ)·f′(z) = −∂L/∂z, with the update w ← w + α·δ·a
convention-without-half = the loss without its ½, L = (y − ŷ)², so every δ and gradient is doubled
convention-delta-of-output = δ taken as ∂L/∂f, before the activation's derivative f′(z)
convention-spec = the spec's convention
convention-parts = { $parts }
check-convention-declared = Judged under the declared convention: { $convention }.
check-convention-found = Convention: you use { $convention }. That is a convention, not a mistake: your values are judged under it (marked `convention` where it changes them).
check-cause-same-as = the same mistake as at { $first }: { $cause }
check-left-empty = Left empty: { $names }.
class-checked = Checked { $files ->
    [one] { $files } file
   *[other] { $files } files
} against { $spec }.
class-slip-names = {" "}({ $names })
class-file-counts = , { $carried } carried, { $unanswered } unanswered
class-file-convention = , convention: { $convention }
class-unreadable = unreadable: { $error }
class-summary = Class summary ({ $unreadable } unreadable):
class-all-ok = every value of every file is ok.
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
cause-update-added = the step was added to { $name } instead of subtracted
cause-update-rate-left-out = the learning rate α = { $rate } was left out
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
inputs-range = inputs x1 … { $last }
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
error-location-row = row { $at }
error-location-value = value { $at }
error-location-separator = {", "}
