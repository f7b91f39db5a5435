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

## Command line

error-prefix = error
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
run-expr-stage-given = Given: the inputs
run-expr-stage-forward = Forward pass: every value from its operands
run-expr-stage-backward = Backward pass: each value's gradient = Σ local derivative × upstream gradient
run-expr-stage-gradient = Gradients of the inputs

## check (plural forms)

check-slip-count = { $count ->
    [one] { $count } slip
   *[other] { $count } slips
}

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
network-title = { $name }{ $sizes } network, { $loss }, { $digits } significant digits
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
