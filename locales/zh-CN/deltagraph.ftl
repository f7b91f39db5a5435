# deltagraph 的中文消息（简体），用语与教程一致：神经元、输入层、隐藏层、输出层、权重、偏置、
# 激活函数、损失函数、误差项 (δ)、学习率、前向传播、反向传播、训练集、准确率。
#
# 每个消息 id 都必须在 ../en/deltagraph.ftl 中出现，参数也相同（tests/i18n.rs 检查）。
# 规范的数值名称（z4、delta4、w(1,4)）、数字和公式作为参数传入，不翻译。

## 层与神经元

layer-input = 输入层
layer-hidden = 第{ $number ->
    [1] 一
    [2] 二
    [3] 三
    [4] 四
    [5] 五
    [6] 六
    [7] 七
    [8] 八
    [9] 九
   *[other] { $number }
}层隐藏层
layer-output = 输出层
layer-inputs = 输入
neuron = 神经元 { $number }
neurons-range = 神经元 { $first }–{ $last }
activation-sigmoid = Sigmoid
activation-tanh = tanh
activation-relu = ReLU
activation-identity = 恒等函数
activation-softmax = Softmax

## 命令行

error-line = 错误：{ $message }
warning-graphviz = 警告：graphviz：{ $message }
wrote-file = 已写入 { $path }
wrote-file-renderer = 已写入 { $path }（渲染器：{ $renderer }）
renderer-graphviz = Graphviz dot
renderer-layout = 内置的 layout-rs（备用）
tutorial-intro =
    教程中的计算示例：2-3-2-1 的 Sigmoid 神经网络，输入 x = (1, 2)，真实类标 y = 1，
    损失函数 L = ½(y − ŷ)²，学习率 0.1。神经元跨层依次编号为 1–6。

## run：每个阶段一张表

step-first = 第 1 步（共 { $steps } 步）：网络描述文件中的参数
step-next = 第 { $step } 步（共 { $steps } 步）：从第 { $previous } 步更新后的参数开始（名称以 @{ $step } 结尾）
run-stage-given = 已知：输入、目标值、权重和偏置
run-stage-forward = 前向传播：z = Σ w·a + b，f(z)，以及损失函数
run-stage-backward = 反向传播：f′(z) 与误差项 δ = ∂L/∂z
run-stage-gradient = 梯度：∂L/∂w = δ·a，∂L/∂b = δ
run-stage-update = 更新后的参数：p − α·∂L/∂p
run-batch-stage-given = 已知：每个样本的输入和目标值，共享的权重和偏置
run-batch-stage-forward = 前向传播（逐个样本）：z = Σ w·a + b，f(z)，损失 L[e]；然后是整批的 L
run-batch-stage-backward = 反向传播（逐个样本）：f′(z) 与每个样本自己的误差项 δ[e] = ∂L[e]/∂z[e]
run-batch-stage-gradient = 梯度：每个样本的 ∂L[e]/∂w = δ[e]·a[e]；然后是整批的 ∂L/∂w，按 L 合并 L[e] 的方式合并
run-expr-stage-given = 已知：输入
run-expr-stage-forward = 前向传播：由操作数算出每个值
run-expr-stage-backward = 反向传播：每个值的梯度 = Σ 局部导数 × 上游梯度
run-expr-stage-gradient = 输入的梯度

## check：判定、报告、图上的注释

list-separator = ；
check-slip-count = { $count } 处错误
verdict-ok = 正确
verdict-slip = 错误
verdict-carried = 连带
check-summary = 对照 { $spec } 检查了你计算的 { $checked } 个数值：{ $ok } 个正确，{ $slips } 处错误，{ $carried } 个由前面的数值连带而来（本步计算正确）{ $convention ->
    [0] {""}
   *[other] ，{ $convention } 个按你的约定是正确的
}{ $empty ->
    [0] {""}
   *[other] ；{ $empty } 个未填写
}。
check-column-line = 行
check-column-name = 名称
check-column-written = 你写的
check-column-verdict = 判定
check-column-from-yours = 由你的数值得出
check-column-exact = 精确值
check-slip-heading = 错误：{ $name }（第 { $line } 行）
check-label-written = 你写的
check-label-from-yours = 由你的数值得出
check-label-in-yours = 按你的约定
check-label-spec-gives = 题目给定
check-label-exact = 精确值
check-label-cause = 可能原因
check-label-carried-on = 影响到
check-cause-reproduces = { $cause }（这样算得 { $value }，与你写的一致）
check-carried-on = { $names }（由你自己的数值算来是对的：不是新的错误）
check-written-only = 无：你后面的步骤用的是由你自己的数值得出的 { $name } = { $value }（只是写下来时写错了）
check-arguments-swapped = 两个参数似乎写反了：`{ $spec }` 是一份手算过程，`{ $hand }` 才是它对应的网络描述文件。应先写描述文件：deltagraph check { $hand } { $spec }
check-from-rounding = 只因你自己的四舍五入而与精确值不同（不算错）：{ $names }。
check-rounding-lost = 由你四舍五入后的数值得出 { $name } = { $value }，而精确值是 { $exact }：{ $inputs } 舍入得太早，这个值因此丢失了。四舍五入不算错，但这里应多保留几位有效数字（计算器显示的全部位数）。
check-rounding-lost-earlier = 由你四舍五入后的数值得出 { $name } = { $value }，而精确值是 { $exact }：前面某一步的数值舍入得太早，这个值因此丢失了。四舍五入不算错，但应多保留几位有效数字（计算器显示的全部位数）。
check-no-slips = 没有错误：每一步都由前面的数值正确得出。
check-step-first = 第 1 步（共 { $steps } 步）：从网络描述文件中的参数开始
check-step-next = 第 { $step } 步（共 { $steps } 步）：从你自己在第 { $previous } 步更新后的参数开始（名称以 @{ $step } 结尾）
check-diagram-step-one = 图中只有第 1 步；之后各步见文字报告
note-slip = 错误：你写的是 { $written }
verdict-convention = 约定不同
verdict-unanswered = —
convention-textbook-sign = 教科书中的符号约定 δ = (y − ŷ)·f′(z) = −∂L/∂z，更新公式为 w ← w + α·δ·a
convention-without-half = 不带 ½ 的损失函数 L = (y − ŷ)²，因此每个 δ 和梯度都加倍
convention-delta-of-output = 把 δ 取为 ∂L/∂f，即乘以激活函数的导数 f′(z) 之前的值
convention-true-gradients = 梯度 ∂L/∂w 保留其本身的符号，即 −δ·a
convention-deltas-of-mean-loss = 把每个样本的 δ 和梯度取为整批平均损失的导数 ∂L/∂z[e] = (1/N)·∂L[e]/∂z[e]，因此整批的梯度是它们之和（按名称，应填的是各样本自己在求平均之前的值）
convention-spec = 网络描述文件中的约定
convention-parts = { $parts }
check-convention-declared = 按声明的约定批改：{ $convention }。
check-convention-found = 约定：你用的是{ $convention }。这是一种约定，不是错误：你的数值按这个约定批改（受它影响的数值标为“约定不同”）。
check-cause-same-as = 与 { $first } 处的错误同类：{ $cause }
check-left-empty = 未填写：{ $names }。
class-checked = 对照 { $spec } 检查了 { $files } 个文件。
class-slip-names = （{ $names }）
class-file-counts = ，{ $carried } 个连带错误，{ $unanswered } 个未填写
class-file-convention = ，约定：{ $convention }
cause-kind-misread = 看错数值
cause-kind-wrong-value = 用错了数值
cause-kind-sign-flipped = 符号弄反
cause-kind-term-left-out = 漏了一项
cause-kind-factor-left-out = 漏了一个因子
cause-kind-activation-for-derivative = 用 f(z) 代替了 f′(z)
cause-kind-derivative-formula = 导数公式用错
cause-kind-wrong-activation = 激活函数用错
cause-kind-transposed = 下标颠倒
cause-kind-scale = 差了 10 的幂或倍数
cause-kind-digits = 抄写错误
cause-kind-negligible = 误写为 0
cause-kind-two-mistakes = 两处错误
cause-kind-batch-combination = 批量合并方式错误
cause-kind-divided-by-batch-size = δ 除以了批大小
cause-kind-arithmetic = 计算错误
convention-short-textbook-sign = 教科书符号约定
convention-short-without-half = 损失不带 ½
convention-short-delta-of-output = δ 取为 ∂L/∂f
convention-short-true-gradients = ∂L/∂w = −δ·a
convention-short-deltas-of-mean-loss = δ[e] 取平均损失的导数
class-unreadable = 无法读取：{ $error }
class-summary = 全班汇总（{ $unreadable } 个文件无法读取）：
class-all-ok = 所有文件的所有数值都正确。
class-none-read = 没有一个文件能读取，所以没有判定任何数值。
class-column-name = 名称
class-column-slip = 错误
class-column-carried = 连带
class-column-ok = 正确
class-column-convention = 约定不同
class-column-unanswered = 未填写
class-column-causes = 原因
note-carried = 连带：你写的是 { $written }

## check：错误的可能原因

cause-relu-negative = relu′({ $z }) 取成了 1，但 { $z } = { $value } 是负数，此处 relu′ 为 0
cause-sigmoid-one-plus-f = 导数公式用错了：{ $z } 处的导数算成了 f·(1 + f)，而不是 f·(1 − f)
cause-wrong-derivative-rule = 这个 { $own } 神经元用了 { $used } 的求导规则（{ $rule }）
cause-softmax-normaliser = 忘了归一化：只算了 e^{ $z }，没有除以本层 e^z 之和
cause-softmax-sigmoid = 把 Softmax 当成逐元素函数：用了 σ({ $z })，而不是 e^{ $z } / Σ e^z
cause-softmax-other-output = 分子用了 e^{ $other }，应为 e^{ $z }
cause-softmax-sigmoid-derivative = 把 Softmax 当成逐元素函数：用了 σ′({ $z }) = σ(1 − σ)，而不是 f(1 − f)
cause-softmax-f-for-derivative = 用了 f = { $f }，应为 f(1 − f)
cause-softmax-one-minus-f = 导数公式用错了：用了 1 − f，应为 f·(1 − f)
cause-softmax-delta-sigmoid = 把 Softmax 当成逐元素函数：∂L/∂{ $f } = −y/f 乘以 σ′(z)，而没有用雅可比矩阵（结果应为 f − y）
cause-softmax-delta-diagonal = 只用了雅可比矩阵的对角线 f(1 − f)：∂L/∂{ $f }·f(1 − f) = −y(1 − f)，而没有对所有输出求和（结果应为 f − y）
cause-rate-misread = 学习率取成了 { $read }，而题目给的是 α = { $rate }：你的更新按你自己的 α 判断（沿用前面的错误），精确值按题目的 α 计算
cause-softmax-delta-times-derivative = { $f } − y 又乘了 f(1 − f)，像 Sigmoid 输出那样：Softmax 配交叉熵时 f − y 本身就是 δ（雅可比矩阵已经包含在内）
cause-softmax-delta-target = 漏了目标值：写成 { $f }，应为 { $f } − y
cause-softmax-wrong-log = 对错误的输出取了对数：−ln { $f }（它的目标值为 0）
cause-softmax-log10 = 用了以 10 为底的对数，而不是自然对数
cause-gradient-times = { $delta } 乘的是 { $used }，而不是 { $right }
cause-the-weight = 权重 { $name }
cause-own-output = 该神经元自己的输出 { $name }
cause-value = { $name }
rule-text = { $rule }
rule-relu = z > 0 时为 1，否则为 0
cause-sign-flipped = 符号弄反了
cause-also-consistent = { $cause }；以下原因也同样符合这些数值：{ $others }
cause-arithmetic = 计算错误：看错某个数、漏掉某一项、弄反符号或用错导数，都得不出这个结果
cause-misread = 把 { $name } 读成了 { $read }，应为 { $actual }
cause-misread-same-as = { $cause }（{ $value } 是 { $names } 的值）
cause-term-left-out = 漏掉了 { $term } 这一项
cause-term-sign = { $term } 这一项的符号弄反了
cause-bias-left-out = 漏掉了偏置 { $bias }
cause-bias-sign = 偏置 { $bias } 的符号弄反了
cause-used-instead = 在该用 { $right } 的地方用了 { $used }
cause-z-for-f = 在该用 { $right } 的地方用了 { $used }（激活之前的值）
cause-transposed-forward = 第 { $layer } 层的权重矩阵被转置了（行与列对调）
cause-wrong-activation = 用了 { $used } 激活函数，而不是 { $right }
cause-derivative-for-activation = 在该写 f({ $z }) 的地方写了 f′({ $z })
cause-loss-factor-left-out = 损失函数 L 中漏掉了系数 { $factor }
cause-loss-term-left-out = 损失函数 L 中漏掉了第 { $output } 个输出的那一项
cause-activation-for-derivative = 在该用 f′({ $z }) 的地方用了 f({ $z }) = { $f }
cause-derivative-of-z = 导数公式用在了 { $z } 上，而不是 f({ $z }) 上
cause-sigmoid-one-minus-f = 导数公式用错了：{ $z } 处的导数算成了 1 − f，而不是 f·(1 − f)
cause-derivative-left-out = 漏掉了因子 f′({ $z })
cause-cross-entropy-derivative = ŷ − y 又乘了 f′({ $z })，而 Sigmoid 输出配交叉熵损失函数时这一因子已经约去
cause-transposed-backward = 第 { $layer } 层的权重矩阵被转置了：计算 δ{ $neuron } 时用了第 { $index } 行的权重，而不是第 { $index } 列
cause-gradient-factor-left-out = 漏掉了因子 { $factor }：只写了 { $delta }
cause-batch-summed = 计算 { $name } 时把 { $examples } 个样本的值相加了，而应该取平均
cause-batch-averaged = 计算 { $name } 时把 { $examples } 个样本的值取了平均，而应该相加
cause-batch-averaged-twice = { $name } 除以了两次批大小 N = { $examples }，就像各样本的值已经取了平均损失的导数（样本自己的值的 1/N）后又求了一次平均；1/N 只应乘一次
cause-batch-wrong-count = 计算 { $name } 时把 { $examples } 个样本的值除以了 { $count } 来求平均
cause-batch-one-example = 计算整批的 { $name } 时只用了一个样本的值 { $one }，而没有合并所有样本的值
cause-batch-delta-divided = { $name } 除以了批大小 N = { $examples }：这样得到的是平均损失的 ∂L/∂{ $node }，而 { $name } 是样本 { $example } 自己的误差项 ∂L[{ $example }]/∂{ $node }，是求平均之前的值；1/N 只在对各样本的梯度求平均时乘一次
cause-batch-gradient-divided = { $name } 除以了批大小 N = { $examples }：这样得到的是样本 { $example } 在平均损失的 ∂L/∂{ $node } 中所占的份额，而 { $name } 是它自己的梯度 ∂L[{ $example }]/∂{ $node }，是求平均之前的值；1/N 只在对各样本的梯度求平均时乘一次
cause-update-added = 更新 { $name } 时把更新量加上了，应当减去
cause-update-rate-left-out = 漏掉了学习率 α = { $rate }
cause-update-other-rate = 学习率用成了 { $used }，应为 α = { $rate }
cause-update-decay-left-out = 漏掉了权重衰减项 λ·{ $name }
cause-update-bias-decayed = 对偏置 { $name } 也做了权重衰减（权重衰减只用于权重）
cause-update-delta-for-gradient = 在该用 { $gradient } 的地方用了 { $delta }
cause-scale-decimal-point = 结果是正确值的 { $factor } 倍（小数点错位）
cause-scale = 结果是正确值的 { $factor } 倍
cause-digit-dropped = 抄写错误：{ $right } 抄漏了一位数字 { $digit }
cause-digit-doubled = 抄写错误：{ $right } 中的数字 { $digit } 多抄了一遍
cause-digits-swapped = 抄写错误：{ $right } 中的 { $digits } 两位数字抄颠倒了
cause-digit-changed = 某一位数字抄错或算错：{ $right } 中的 { $digit } 写成了 { $written }
cause-negligible = 写成了 0，但实际值是 { $value }：虽然很小，却不是零（请按有效数字写出来）
cause-two-mistakes = 这一步有两处错误：一是{ $first }；二是{ $second }
cause-power-of-ten = 漏写了 10 的幂次：你写的数乘以 10^{ $power } 才是正确的值
cause-operands-swapped = 两个操作数对调了：{ $swapped }
cause-operand-left-out = 漏掉了 { $left }（只用了 { $used }）
cause-argument-sign-lost = 自变量 { $argument } 的符号丢了
cause-one-use-counted = 只算了经过 { $through } 的梯度：{ $name } 被用了 { $uses } 次，各处的梯度应当相加
cause-upstream-left-out = 没有乘上 { $name } 的上游梯度（{ $upstream }）：只用了局部导数
cause-local-derivative = { $of } 对 { $wrt } 的局部导数取成了 { $rule } = { $wrong }（应为 { $right }）
rule-mul-itself = { $name } 本身，而不是另一个因子
rule-minus-dropped = +1（丢了负号）
rule-div-divisor = 除数本身，而不是 1/除数
rule-div-one-over-b = 1/b，而不是 −a/b²
rule-div-numerator-dropped = −1/b²（漏掉了分子）
rule-div-minus-dropped = a/b²（丢了负号）
rule-pow-not-lowered = c·a^c（指数没有减一）
rule-pow-factor-dropped = a^(c−1)（漏掉了系数 c）
rule-exp-one = 1
rule-exp-argument = 自变量本身，而不是 e^a
rule-ln = ln a，而不是 1/a
rule-sigmoid-itself = σ，而不是 σ(1 − σ)
rule-sigmoid-one-minus = 1 − σ，而不是 σ(1 − σ)
rule-sigmoid-of-argument = 对自变量算的 a(1 − a)，而不是 σ(1 − σ)
rule-tanh-not-squared = 1 − tanh，而不是 1 − tanh²
rule-tanh-itself = tanh，而不是 1 − tanh²

## render：图的标题、分组与标签

renderer-dot-source = DOT 源码
layer-with-activation = { $layer }（{ $activation }）
layers-grouped = 第 { $first }–{ $last } 层（共 { $count } 层）
network-title = { $name }{ $sizes } 神经网络，{ $loss }，{ $digits } 位有效数字
network-title-example = { $name }{ $sizes } 神经网络，一批 { $count } 个样本中的样本 { $example }：它自己的数值、误差项和梯度，{ $loss }，{ $digits } 位有效数字
network-title-batch = { $name }{ $sizes } 神经网络，一批 { $count } 个样本：共享的参数及整批的梯度和更新（render --example K 显示样本 K），{ $digits } 位有效数字
network-note-collapsed = { $neurons } 个神经元、{ $weights } 个权重太多，无法逐个画出：每层画成一个框，显示各数值的范围。`deltagraph run` 会列出全部数值。
network-note-largest = 只画出 { $weights } 个权重中的 { $shown } 个：每个神经元只画 |w| 最大的几个输入。再多的标签就无法看清了；`deltagraph run` 会列出全部数值。
loss-node = 损失函数 { $formula }
inputs-range = 输入 { $first } … { $last }
label-neurons = 神经元
label-weights = 权重
label-new = 更新后 { $name }
graph-title = 计算图：{ $values } 个数值，每个都标出{ $shows }，{ $digits } 位有效数字
graph-shows-both = 值与梯度
graph-shows-value = 值
graph-shows-gradient = 梯度
graph-earlier-values = … 前面的 { $earlier } 个数值
graph-constant = 常数
graph-value = 值
graph-grad = 梯度
graph-note-cut = 只画出 { $total } 个数值中的最后 { $shown } 个（最靠近输出的）；前面的 { $earlier } 个在灰色框后。

## train：训练

train-builtin-iris = 内置鸢尾花数据集
train-data-summary = { $source }：{ $rows } 条样本，{ $features } 个特征，{ $classes } 个类别
train-class = 类别 { $number }（输出 { $output }）= { $class }
train-network-summary = 神经网络 { $sizes }（{ $output }），训练 { $epochs } 个回合，学习率 { $rate }，训练集 { $train } 条 / 验证集 { $validation } 条，随机种子 { $seed }
train-output-sigmoid = Sigmoid，损失函数 ½·误差平方和
train-output-softmax = Sigmoid 隐藏层，Softmax 输出层，损失函数为分类交叉熵
train-progress-epoch = 回合
train-progress-accuracy = 验证集准确率
train-final-accuracy = 最终验证集准确率：{ $percent }%（{ $total } 条中 { $correct } 条正确）
train-confusion-title = 混淆矩阵（行：真实类别，列：预测类别）：
train-confusion-corner = 真实 \ 预测
train-plot-title = deltagraph 训练：{ $source }（随机种子 { $seed }）
train-plot-epoch = 回合
train-plot-accuracy = 验证集准确率 (%)
train-plot-loss = 平均训练损失
train-plot-loss-axis = 平均训练损失（½·误差平方和）

## explain：逐步推导（src/derivation）

derivation-title = 反向传播逐步计算：{ $network }
derivation-intro-network = 一个 { $sizes } 的神经网络：{ $inputs } 个输入，然后是{ $layers }。用一个训练样本做一次前向传播、一次反向传播和一步梯度下降，学习率 { $alpha }。
derivation-intro-network-decay = 一个 { $sizes } 的神经网络：{ $inputs } 个输入，然后是{ $layers }。用一个训练样本做一次前向传播、一次反向传播和一步梯度下降，学习率 { $alpha }，权重衰减 { $lambda }。
derivation-intro-batch = 一个 { $sizes } 的神经网络：{ $inputs } 个输入，然后是{ $layers }。一批 { $count } 个训练样本：逐个样本做前向传播和反向传播，然后用整批的梯度做一步梯度下降，学习率 { $alpha }。
derivation-intro-batch-decay = 一个 { $sizes } 的神经网络：{ $inputs } 个输入，然后是{ $layers }。一批 { $count } 个训练样本：逐个样本做前向传播和反向传播，然后用整批的梯度做一步梯度下降，学习率 { $alpha }，权重衰减 { $lambda }。
derivation-batch-intro = 这 { $count } 个样本共享权重和偏置。每个样本先单独计算，就像只有它一个样本一样：它的前向传播、它自己的损失 { $le }、它自己的误差项 { $delta } 和它自己的梯度。然后整批的损失把各样本的损失合并起来：{ $rule }；整批的每个梯度也以同样的方式合并各样本的梯度。
derivation-section-example = 样本 { $number }
derivation-example-intro = 输入 { $x }，目标值 { $y }。在这个样本的反向传播中，由它自己的损失 { $le } 代替 L：{ $delta }，即教科书在求平均之前为单个样本计算的误差项。
derivation-section-batch-loss = 整批的损失
derivation-batch-loss-mean = 整批的损失是 { $count } 个样本损失的平均值：{ $rule }。
derivation-batch-loss-sum = 整批的损失是 { $count } 个样本损失之和：{ $rule }。
derivation-section-batch-gradients = 整批的梯度
derivation-batch-gradients-mean = L 是各样本损失的平均值，且权重是共享的，所以整批的每个梯度都是 { $count } 个样本各自梯度的平均值：{ $rule }。
derivation-batch-gradients-sum = L 是各样本损失之和，且权重是共享的，所以整批的每个梯度都是 { $count } 个样本各自梯度之和：{ $rule }。
derivation-table-example = 样本
derivation-intro-layer = { $layer }，激活函数为 { $activation }
derivation-list-separator = ；
derivation-layer-hidden = 第{ $number ->
    [1] 一
    [2] 二
    [3] 三
    [4] 四
    [5] 五
    [6] 六
    [7] 七
    [8] 八
    [9] 九
   *[other] { $number }
}层隐藏层（{ $neurons }）
derivation-layer-output = 输出层（{ $neurons }）
derivation-layer-hidden-lower = 第{ $number ->
    [1] 一
    [2] 二
    [3] 三
    [4] 四
    [5] 五
    [6] 六
    [7] 七
    [8] 八
    [9] 九
   *[other] { $number }
}层隐藏层（{ $neurons }）
derivation-layer-output-lower = 输出层（{ $neurons }）
derivation-neuron-one = 神经元 { $n }
derivation-neuron-range = 神经元 { $first }–{ $last }
derivation-activation-sigmoid = Sigmoid
derivation-activation-tanh = tanh
derivation-activation-relu = ReLU
derivation-activation-identity = 恒等函数
derivation-activation-softmax = Softmax
derivation-loss-categorical-cross-entropy = 损失函数为分类交叉熵，{ $formula }，由净输入以数值稳定的方式计算，对任何 z 都是有限值。
derivation-softmax-jacobian = Softmax 输出依赖本层的每一个净输入，所以它的导数是一个雅可比矩阵：对角线如上，k ≠ j 时 { $jacobian }。误差项要用到每一个输出：{ $delta_sum }。损失函数为分类交叉熵时 { $dl_df }，因为目标值之和为 1，这个和化简为 { $delta }。
derivation-softmax-jacobian-general = Softmax 输出依赖本层的每一个净输入，所以它的导数是一个雅可比矩阵：对角线如上，k ≠ j 时 { $jacobian }。误差项要用到每一个输出：{ $delta_sum }，即 { $written }。
derivation-notation = { $lead } 神经元跨层依次编号。{ $x_i } 是第 { $i } 个输入，{ $y_k } 是第 { $k } 个目标值（真实类标）。对神经元 { $j }：{ $z_j } 是它的输入，{ $f_j } 是它的输出，{ $df_j } 是其激活函数的导数，{ $delta_j } 是它的误差项。{ $w_ij } 是从 { $i }（输入或神经元 { $i }）到神经元 { $j } 的权重，{ $b_j } 是神经元 { $j } 的偏置，{ $new_w_ij } 是更新后的权重。每个结果都按所示的位数四舍五入，代入公式的数值也给出得到这个结果所需的位数：每一步都可以用计算器验算。
derivation-notation-lead = 记号说明。
derivation-loss-half-sse = 损失函数取误差平方和的一半，{ $formula }。
derivation-loss-sse = 损失函数取误差平方和，{ $formula }。
derivation-loss-mse = 损失函数取均方误差，{ $formula }。
derivation-loss-cross-entropy = 损失函数取二元交叉熵，{ $formula }。
derivation-section-given = 已知参数
derivation-given-example = 输入 { $x }，目标值（真实类标）{ $y }。
derivation-given-layer = { $layer }：从 { $i } 到神经元 { $j } 的权重 { $w_ij }，以及偏置 { $b_j }。
derivation-given-written = 你抄写的已知数值，与描述文件中的对照：
derivation-table-into-neuron = 到神经元
derivation-table-from = 来自 { $source }
derivation-table-bias = 偏置
derivation-table-neuron = 神经元
derivation-section-forward = 1. 前向传播
derivation-forward-intro = 每个神经元把加权后的输入与偏置相加，{ $z }，其中 { $a_i } 是前一层的输出（第一层为输入 { $x_i }），再把这个和送入激活函数：{ $f }。
derivation-activation = 激活函数：{ $f }。
derivation-section-loss = 损失函数
derivation-section-backward = 2. 反向传播：误差项
derivation-backward-intro = 神经元 { $j } 的误差项为 { $delta }。根据链式法则，对输出层的神经元，它等于损失函数对输出的偏导数乘以激活函数的导数，{ $output }。对隐藏层的神经元，{ $z_j } 通过下一层的每个神经元 { $k } 影响损失函数，因此 { $hidden }——写成整层的形式，{ $matrix }。计算从输出层开始，逐层向前，直到第一层。
derivation-activation-derivative = 激活函数的导数：{ $df }。
derivation-cross-entropy-cancels = 输出层用 Sigmoid、损失函数为交叉熵时，{ $dl_df } 与 { $df } 相消：{ $delta }。
derivation-section-gradients = 3. 梯度
derivation-gradients-intro = 权重 { $w_ij } 只通过 { $z_j } 影响损失函数，它在 { $z_j } 中与 { $a_i } 相乘，所以 { $dw }；偏置的系数为 1，所以 { $db }。
derivation-section-update = 4. 更新参数
derivation-update-intro = 梯度下降让每个参数沿其梯度的反方向移动：{ $rule }，其中 { $alpha }。
derivation-section-summary = 汇总
derivation-expression-title = 计算图逐步计算：{ $name }
derivation-expression-intro = 输出为 { $output }。前向传播由操作数算出每个值；反向传播在每个节点上应用链式法则，从输出一直算回输入。描述文件中没有命名的值，用它自己的表达式来称呼。
derivation-table-input = 输入
derivation-table-value = 值
derivation-table-value-name = 值
derivation-table-forward-value = 前向传播的值
derivation-table-gradient = 梯度
derivation-expression-section-backward = 2. 反向传播：每个节点上的链式法则
derivation-expression-backward-intro = 输出对自身的梯度为 1：{ $seed }。对其余每个值 { $v }，从输出往回算：每个使用 { $v } 的运算 { $c } 把它的{ $local_name } { $local } 乘以它自己的{ $upstream_name } { $upstream } 传回来；一个值若在多处被使用，就把各处传回的量相加：{ $rule }，求和遍及所有使用 { $v } 的运算 { $c }。
derivation-expression-local-derivatives = 局部导数：{ $add } 给每个操作数传回 1；{ $sub } 传回 1 和 { $minus_one }；{ $mul } 给 { $a } 传回 { $b }，给 { $b } 传回 { $a }；{ $div } 传回 { $div_a } 和 { $div_b }；{ $pow } 传回 { $pow_d }；{ $exp } 传回它自己的值；{ $ln } 传回 { $ln_d }；{ $sigmoid } 传回 { $sigmoid_d }；{ $tanh } 传回 { $tanh_d }；{ $relu } 传回 { $step }，即 { $a } 为正时为 1，否则为 0；{ $max } 给较大者传回 1（相等时给 { $a }）。
derivation-expression-local-derivative = 局部导数
derivation-expression-upstream-gradient = 上游梯度
derivation-expression-shared = { $v } 被 { $uses } 个运算使用：它们的贡献相加。
derivation-chain-rule = 以该层的一个权重为例，按链式法则逐个因子写出，并代入数值：
derivation-chain-minus = 负号来自损失函数内部：损失函数通过 { $inner } 依赖于 { $f }，而 { $inner_derivative }，所以 { $dl_df }。
derivation-matrix-form = 整层一起写成矩阵形式：
derivation-summary-intro = 各神经元的全部数值（{ $digits } 位有效数字），便于与其他程序对照。

## worksheet：手算练习表

worksheet-the-network = 该神经网络
worksheet-title = 手算练习表：{ $name }
worksheet-instruction = 由上面已算出的数值依次算出每个值；按你保留的位数写下结果。
worksheet-column-name = 名称
worksheet-column-value = 数值
worksheet-column-formula = 公式

## 错误信息

error-io = { $path }：{ $action }：{ $reason }
error-render = 绘图失败：{ $message }
error-bad-input = { $file }：{ $location }：{ $message }
error-bad-option = 选项 { $option }：{ $message }
error-io-read = 应为可读取的文件，但读取失败
error-io-write = 写入失败
error-io-link = 应为可以跟随的链接
error-io-writable = 应为可以写入的文件
error-io-create-in = 应为可以在其中创建文件的目录，但创建失败
error-io-mkdir = 应为可以写入的目录，但无法创建
error-io-persist = 无法把新文件放到位
error-os-not-found = 文件或目录不存在
error-os-permission = 没有权限
error-os-exists = 文件已存在
error-os-is-directory = 这是一个目录
error-os-not-directory = 不是目录
error-os-full = 设备上没有剩余空间
error-os-read-only = 文件系统是只读的
error-os-code = { $reason }（系统错误 { $code }）
error-location-line = 第 { $at } 行
error-location-lines = 第 { $at } 行
error-location-column = 第 { $at } 列
error-location-key = 键 { $at }
error-location-key-described = { $described }（键 { $at }）
error-location-layer = 第 { $number } 层
error-location-example = 第 { $number } 个样本
error-location-weights-row = weights 的第 { $row } 行
error-location-weight = weights 的第 { $row } 行第 { $entry } 个数
error-location-entry = { $key } 的第 { $number } 个数
error-location-row = 第 { $at } 行
error-location-value = 数值 { $at }
error-location-separator = ，

## errors: the spec file (src/spec.rs, src/spec/toml_message.rs)
verbatim = { $text }
spec-too-many-numbers = 权重和偏置最多 { $max } 个，实际约有 { $found } 个数：这么大的神经网络超出了 deltagraph 能显示或检查的范围
spec-empty-input = 应至少有一个数，实际是空数组
spec-not-negative = 应为 ≥ 0 的有限数，实际为 { $value }
spec-no-layers = 应至少有一个 `[[layers]]` 表（每层一个），实际一个也没有
spec-too-many-parameters = 权重和偏置总共最多 { $max } 个，实际有 { $found } 个：这么大的神经网络超出了 deltagraph 能显示或检查的范围
spec-layer-empty = 每层应至少有一个神经元，实际有 { $rows } 行权重、{ $biases } 个偏置
spec-rows-vs-biases = 应有 { $biases } 行权重（这一层每个偏置对应一行，即每个神经元一行），实际有 { $rows } 行
spec-from-input = 输入
spec-from-layer = 第 { $number } 层
spec-fan-in = 应有 { $expected } 个权重（{ $from }的每个值对应一个），实际有 { $found } 个
spec-target-length = 应有 { $expected } 个目标值（输出层每个神经元一个），实际有 { $found } 个
spec-softmax-hidden = Softmax 只能用在输出层（它把整层的输出变成概率），实际却用在了{ $layer }；请在最后一个 `[[layers]]` 表中设置 `activation = "softmax"`
spec-cce-needs-softmax = 损失函数 `loss = "categorical_cross_entropy"` 要求输出层的 `activation = "softmax"`，实际为 "{ $found }"
spec-cce-target-sum = 损失函数 `loss = "categorical_cross_entropy"` 要求目标值之和为 1（独热编码如 [0, 1, 0]，或一个概率向量），实际之和为 { $sum }
spec-target-outside-unit = 损失函数 `loss = "{ $loss }"` 要求目标值在 [0, 1] 之间，实际为 { $value }
spec-not-finite = 应为有限数，实际为 { $value }
spec-missing-key = 缺少键 { $key }（见 `docs/spec-format.md`）
spec-missing-key-with = 缺少键 { $key }（应为{ $what }；见 `docs/spec-format.md`）
spec-holds-input = 一个数组，网络的每个输入一个数，例如 `input = [1.0, 2.0]`
spec-holds-target = 一个数组，输出层每个神经元一个数，例如 `target = [1.0]`
spec-holds-layers = 每层一个 `[[layers]]` 表，各含 `weights`（权重）和 `biases`（偏置）
spec-holds-weights = 一个由行组成的数组，每个神经元一行，例如 `weights = [[2.0, 1.0], [1.0, 3.0]]`
spec-holds-biases = 一个数组，每个神经元一个数，例如 `biases = [1.0, 2.0]`
spec-number-overflow = 应为有限数，实际的数超出了 ±1.8e308（64 位浮点数的范围）
spec-duplicate-key = 每个键只能出现一次，实际有重复的键
spec-duplicate-field = 每个键只能出现一次，{ $key } 却出现了两次
spec-unknown-field = 未知的键 { $found }，应为以下之一：{ $expected }
spec-unknown-variant = 未知的取值 { $found }，应为以下之一：{ $expected }
spec-unknown-field-none = 未知的键 { $found }，这里不应有键
spec-invalid-type = 应为{ $expected }，实际为{ $found }
spec-invalid-value = 应为{ $expected }，实际为{ $found }
spec-found-string = 字符串 { $value }
spec-found-integer = 整数 { $value }
spec-found-float = 浮点数 { $value }
spec-found-boolean = 布尔值 { $value }
spec-found-array = 数组
spec-found-table = 表
spec-found-datetime = 日期时间 { $value }
spec-found-nothing = 空值
spec-expected-number = 一个数
spec-expected-array = 一个数组
spec-expected-string = 一个字符串
spec-expected-table = 一个表
spec-expected-activation = 一个激活函数（`sigmoid`、`tanh`、`relu`、`identity`、`softmax`）
spec-expected-loss = 一个损失函数（`half_sse`、`sse`、`mse`、`cross_entropy`、`categorical_cross_entropy`）
spec-syntax = { $problem }，这里应有：{ $expected }
toml-unclosed-array = 数组没有闭合
toml-unclosed-table = 表头没有闭合
toml-unclosed-array-table = 表数组的表头没有闭合
toml-unclosed-inline-table = 内联表没有闭合
toml-missing-value = 缺少值
toml-extra-equals = 多了一个 `=`
toml-extra-comma-array = 数组中多了一个逗号
toml-equals-in-array = 数组中不应有 `=`
toml-missing-comma-array = 数组元素之间缺少逗号
toml-extra-comma-table = 内联表中多了一个逗号
toml-missing-equals = 键和值之间缺少 `=`
toml-missing-comma-table = 键值对之间缺少逗号
toml-invalid-table-element = 内联表中的元素无效
toml-unexpected-content = 这里不应有内容
toml-content-after-comment = 注释和换行之间不应有内容
toml-invalid-pair = 无效的键值对
toml-missing-table-open = 缺少表的开头
toml-missing-array-open = 缺少数组的开头 `[`
toml-unquoted-string = 字符串值必须加引号
toml-invalid-key = 无效的键（不加引号的键只能含字母、数字、`_` 和 `-`）
toml-invalid-string = 无效的字符串
toml-missing-quote = 缺少开头的引号
toml-invalid-value = 无效的值
toml-leading-zero = 数字不能以 0 开头
toml-extra-sign = 多余的正负号
toml-underscore = `_` 只能写在两个数字之间
toml-invalid-comment = 注释中有无效的字符
toml-lone-carriage-return = 回车符后面必须跟换行符
toml-too-deep = 嵌套太深，超过了最大深度
toml-expected-key = 键
toml-expected-value = 值
toml-expected-nothing = （无内容）
toml-expected-string = 字符串
toml-expected-digits = 数字
toml-expected-characters = 字符

## errors: hand calculations (src/hand.rs)
hand-problems = { $lines }
hand-problem-line = { $file }：第 { $line } 行：{ $message }
hand-more-problems = { $file }：……另有 { $count } 行无法读取
hand-reading-stopped = { $file }：第 { $line } 行：已有 { $max } 行无法读取，读到这里就停止了：这看起来不是本网络的手算文件，文件其余部分没有读取
hand-unreadable-csv = 应为 `name,value` 形式的行，实际是无法读取的 CSV（{ $error }）
hand-one-field = 应有两个字段 `name,value`（名称,数值），实际只有一个：`{ $field }`
hand-ambiguous-name = 名称应只对应一个数值，`{ $name }` 却可能是 { $options }：请改写成其中之一
hand-ambiguous-name-typed = 名称应只对应一个数值，`{ $name }` 却可能是 { $options }
hand-choice-or = { $first } 或 { $last }
hand-duplicate-name = 每个名称只能出现一次，`{ $name }` 却又出现了（第一次在第 { $first } 行）
hand-not-a-number = `{ $name }` 的值应为有限数，实际为 `{ $value }`
hand-too-many-separators = 一行最多应有 { $max } 个 `{ $separator }`，实际有 { $found } 个：手算文件的一行不会这么长
hand-normalised-too-large = 把全角字符等兼容字符换成普通字符（Unicode NFKC）之后，文本最多应为 { $mib } MiB，实际更多
hand-no-rows = 应至少有一行 `name,value`（名称,数值），实际一行也没有
hand-step-out-of-range = `@` 后的步数应为 1 到 { $max }，实际 `{ $name }` 写的是第 { $found } 步
hand-example-out-of-range = 方括号里的样本编号应为 1 到 { $count }（该规格共有 { $count } 个样本），实际 `{ $name }` 写的是样本 { $found }
hand-transposed-name = 无法识别的名称 `{ $name }`：读作 { $read }，而本网络没有这个数值，下标似乎写反了。权重按先“来自”后“进入”命名（w(i,j) 从 i 进入 j）：若指的是它，请写成 { $transposed }
hand-ambiguous-comma = `{ $name }` 的值应使用小数点书写，实际为 `{ $value }`：它可能是 { $point }（逗号作小数点），也可能是 { $thousands }（逗号作千位分隔符）：请写成 { $point } 或 { $thousands }
hand-unknown-name = 无法识别的名称 `{ $name }`：应为标准的数值名称（x1、w(x1,1)、b1、z1、f1、df1、delta1、L、dL/dw(1,4)、new_b4 等，见 `docs/value-names.md`）
hand-unknown-name-suggest = 无法识别的名称 `{ $name }`；你是不是想写 { $suggestions }？

## errors: expression specs (src/expression.rs, src/expression/parse.rs)
expr-expected-found = 应为{ $expected }，实际为 { $found }
expr-token-number = 数 { $value }
expr-token-name = 名称 `{ $name }`
expr-token-end = 表达式的结尾
expr-expected-literal = 有限数，如 2、0.5 或 1e-3
expr-expected-token = 数、名称、运算符（+ - * / ^）、`(`、`)` 或 `,`
expr-expected-exponent = 一个数作为指数（如 x^2、x^-1、x^0.5）
expr-found-variable-exponent = 不是常数的指数
expr-expected-operand = 数、名称、函数调用或 `(`
expr-expected-close = 右括号 `)` 或运算符
expr-expected-function = 函数（`{ $functions }`）
expr-expected-comma = 逗号 `,` 和 { $name } 的下一个参数（它有 { $count } 个参数）
expr-expected-close-one = 右括号 `)` 或运算符（{ $name } 只有一个参数）
expr-expected-close-many = 右括号 `)`（{ $name } 有 { $count } 个参数）
expr-expected-end = 运算符（+ - * / ^）或表达式的结尾
expr-name-string = 应为字符串
expr-expression-table = 应为 `[expression]` 表
expr-unknown-top-key = 表达式描述文件中只能有 `name` 和 `[expression]` 表，实际还有键 `{ $key }`
expr-no-table = 应有一个 `[expression]` 表，实际没有
expr-inputs-table = 应为由数组成的表，例如 `inputs = {"{"} x = -2.0, y = 5.0 {"}"}`
expr-input-number = 应为有限数
expr-output-name = 应为某个定义的名称，例如 `output = "f"`
expr-quoted = 应为加了引号的表达式，例如 `q = "x + y"`
expr-no-inputs = 应至少有一个输入，例如 `inputs = {"{"} x = -2.0 {"}"}`，实际一个也没有
expr-no-definitions = 应至少有一个定义，例如 `f = "x * y"`，实际一个也没有
expr-name-is-input = 定义的名称不能与输入重名，`{ $name }` 已经是一个输入
expr-unknown-output = 应为某个定义的名称（`{ $names }`），实际为 `{ $found }`
expr-not-finite = 每个值都应为有限数，实际 { $name } = { $value }：某个运算超出了定义域（对 ≤ 0 的数取对数、除以 0），或者数值超出了 64 位浮点数的范围
expr-bad-identifier = 名称应由字母、数字和 `_` 组成、以字母开头（如 q 或 w0），实际为 `{ $name }`（{ $why }）
expr-why-function = 这是函数名
expr-why-loss = 这是神经网络损失函数的名称
expr-why-not-plain = 不是简单的名称
expr-cycle = 定义不能依赖自身，实际出现了循环 { $cycle }
expr-unknown-name = 应为某个输入或定义（`{ $known }`），实际为 `{ $name }`
expr-unknown-name-suggest = 应为某个输入或定义（`{ $known }`），实际为 `{ $name }`（你是不是想写 `{ $suggestion }`？）

## errors: files, outputs and options (src/files.rs, src/files/output.rs, src/cli.rs)
file-too-large = 输入文件最大 { $mib } MiB，实际更大（文件太大，或者没有尽头）
file-not-utf8 = 应为 UTF-8 文本，实际有一个不是有效 UTF-8 的字节
file-out-dir-is-file = { $path }：应为可以写入的目录，实际是一个文件
output-refused = { $path }：{ $reason }
output-link-to-directory = 应为要写入的文件，实际是指向目录的链接
output-dangling-link = 应为要写入的文件，实际是指向不存在文件的符号链接；它不会被替换：请写入它指向的文件，或删除这个链接
output-is-directory = 应为要写入的文件，实际是一个目录
output-is-input = 输出文件不能是输入文件 { $input }：写入会毁掉输入；请换一个文件
output-parent-is-file = 文件应在某个目录中，但它的上一级是一个文件
output-no-directory = 文件应在已存在的目录中，但 { $dir } 不存在
cli-diagram-one-file = --diagram 只能用于一个手算文件，实际给的是一个班级（多个文件）
cli-steps-expression = --steps { $steps } 需要神经网络描述文件（表达式没有可更新的参数），实际是一个 `[expression]`
option-whole-number-range = 应为 1 到 { $max } 之间的整数，实际为 { $value }
option-positive-number = 应为大于 0 的有限数，实际为 { $value }
class-no-hand-files = 目录中应有手算文件（*.csv），实际一个也没有
error-io-list = 应为存放手算文件的目录，但无法列出其中的文件
error-io-runtime = 无法启动服务器的运行时
error-io-address = 无法读取服务器监听的地址

## errors: networks and training (src/net.rs, src/train.rs, src/train/data.rs)
net-output-outside-unit = 损失函数 `loss = "cross_entropy"` 要求每个输出都在 (0, 1) 之内（要计算 ln ŷ 和 ln(1 − ŷ)），实际 { $name } = { $value }：输出层用 { $activation } 时输出可能超出 (0, 1)；请在输出层用 `activation = "sigmoid"`，或换一个损失函数
net-not-finite = 每个值都应为有限数，实际 { $name } = { $value }：网络描述文件中的数太大，超出了 64 位浮点数的范围
data-bad-csv = 应为 CSV，实际无法读取（{ $error }）
data-one-field = 应至少有一个数和一个类标，用逗号分隔，实际为 { $found }
data-field-count = 应有 { $width } 个字段（{ $numbers } 个数和一个类标），实际有 { $found } 个：{ $row }
data-not-finite = 第 { $field } 个字段：应为有限数，实际为 { $value }
data-not-a-number = 第 { $field } 个字段：应为数，实际为 { $value }
data-field = 第 { $field } 个字段：{ $message }
data-no-rows = 每行应是若干个数加上最后的类标，实际是{ $found }
data-found-header-only = 只有表头，没有数据行
data-found-empty = 一个空文件
data-one-class = 应至少有两个类别可供区分，实际只有 { $class }
data-empty-label = 应为类标，实际是空字段
data-bad-label = 应为类标（名称，或 ≥ 0 的整数），实际为 { $value }
train-rows-range = --train-rows { $train_rows } 必须同时留出训练集和验证集的行：数据共有 { $rows } 行（最后一行在这里），所以应为 1 到 { $max }，实际为 { $train_rows }
train-diverged = 训练损失应为有限数，实际为 { $loss }：训练发散了；请试试更小的 --lr（学习率），或检查数据中有没有极端值

## errors: drawing (src/render.rs, src/render/output.rs, src/render/fallback.rs)
render-dot-timeout = Graphviz dot 在 { $seconds } 秒内没有完成，已被停止，没有写入文件；可用 --graphviz-timeout 给它更多时间，或用 --renderer layout-rs 画 .svg
render-dot-wait = 等待 Graphviz dot 时出错：{ $error }
render-dot-failed = Graphviz dot 运行失败（{ $status }）：{ $output }
render-dot-no-picture = Graphviz dot 正常退出，但输出的是{ $printed }，而不是{ $wanted }；没有写入文件
render-printed-nothing = 空内容
render-printed-bytes = { $bytes } 字节的内容
render-wanted-png = PNG 图片
render-wanted-svg = SVG 图
render-png-needs-graphviz = 输出 PNG 需要 Graphviz，但在 PATH 中没有找到可运行的 `dot` 程序；请安装 Graphviz（例如 `apt-get install graphviz`），或者输出 .svg，内置的渲染器可以画
render-renderer-needs-graphviz = --renderer graphviz 需要 Graphviz，但在 PATH 中没有找到可运行的 `dot` 程序；请安装 Graphviz（例如 `apt-get install graphviz`），或者输出 .svg，内置的渲染器可以画
render-layout-unreadable = layout-rs 无法读取 DOT 文本：{ $error }
render-layout-failed = layout-rs 无法完成图的布局
render-no-extension = { $path }：文件名应以 .dot、.svg 或 .png 结尾，实际没有扩展名
render-bad-extension = { $path }：文件名应以 .dot、.svg 或 .png 结尾，实际为 { $extension }
render-layout-svg-only = layout-rs：内置的 layout-rs 渲染器只能画 SVG；PNG 需要 Graphviz 的 `dot`

## errors: the worksheet server (src/web)
web-too-many-values = 手算练习表的神经网络最多只能有 { $max } 个数值，实际有 { $found } 个
web-spec-too-large = 网络描述文件最大 { $max } KiB，实际为 { $found } KiB
web-value-too-long = 数值最多只能有 { $max } 个字符
web-port-busy = 应有可以监听的空闲端口 { $address }，但绑定失败：{ $error }（可用 --port 0 让系统任选一个空闲端口）

## errors: where (locations)
error-location-top-level = 顶层
error-location-size = 文件大小
error-location-epoch = 第 { $at } 个回合

## errors: batches of examples (src/spec.rs, src/net.rs)
spec-no-examples = 应至少有一个 `[[examples]]` 表（每个含 `input` 和 `target`），实际是空数组
spec-batch-loss-without-examples = 它旁边应有 `[[examples]]`（它说明一批样本的损失如何相加），实际只有一组 `input` 和 `target`
spec-example-and-examples = 应二选一：`input` 和 `target`（一个样本），或 `[[examples]]`（一批样本），实际两者都有：请把 `{ $key }` 移到某个 `[[examples]]` 表中，或删掉 `[[examples]]`
spec-too-many-examples = 样本最多 { $max_examples } 个，且样本数 × 权重和偏置数最多 { $max }，实际有 { $examples } 个样本、{ $parameters } 个权重和偏置：这么大的一批样本超出了 deltagraph 能显示或检查的范围
spec-example-inputs = 应有 { $expected } 个数（与第 1 个样本的 input 一样多），实际有 { $found } 个
cli-example-out-of-batch = 应是这批样本中的一个，1 到 { $examples }，实际是 { $example }
cli-example-without-batch = 应是带 `[[examples]]`（一批样本）的 spec，实际只有一组 `input` 和 `target`
## the command line's help (src/cli/localize.rs): the English text is clap's, from the doc comments in src/cli.rs
cli-about = 看懂并检查反向传播：标量计算图、反向模式自动微分、标注了数值的 Graphviz 图，以及逐步批改手算过程的检查器。
cli-lang = 输出和绘图所用的语言：en（English）或 zh（中文）。默认：LC_ALL、LC_MESSAGES 或 LANG 以 zh 开头时为 zh，否则为 en
cli-tutorial-about = 教程中的计算示例：打印每一步并写出相应的文件
cli-tutorial-out = 输出文件所在的目录（不存在时自动创建）
cli-tutorial-digits = 打印的表格中的有效数字位数（15 位与教程一致）
cli-tutorial-graphviz-timeout = Graphviz `dot` 画图最多可用的秒数，超时即停止
cli-run-about = 对任意网络描述文件做一次前向传播、一次反向传播和一步随机梯度下降；打印每个数值
cli-run-spec = 神经网络或表达式的描述文件（TOML 格式；见 `docs/spec-format.md`）
cli-run-format = 输出格式
cli-run-format-table = 对齐的表格：名称、公式、数值
cli-run-format-csv = `name,value`，每个数值名称一行，全精度
cli-run-format-json = `{"{"}"network": …, "values": [{"{"}"name", "stage", "value"{"}"}, …]{"}"}`，全精度
cli-run-digits = 表格中的有效数字位数（CSV 和 JSON 总是全精度）
cli-steps = 在同一个样本上训练的步数：第 k + 1 步从第 k 步更新后的参数开始；它的数值名称带 `@k + 1`（如 `z4@2`）
cli-check-about = 逐步检查一份手算过程（CSV 格式 `name,value`），或全班的多份。退出状态 0：没有错误；1：有错误；2：输入无法读取
cli-check-spec = 手算所依据的神经网络描述文件
cli-check-hand = 手算文件：由 `name,value` 行组成的文件（名称可以只写一部分、顺序任意；用 `,`、`;` 或制表符分隔），或存放这些文件的目录（其中的 `*.csv` 文件）。给出多个文件时按全班检查。以 `@2` 结尾的名称（`z4@2`）是第二次迭代的数值，从你自己更新后的参数开始批改
cli-check-format = 输出格式（`csv`：文件 × 数值的判定表，用于全班）
cli-check-format-text = 一张表，每处错误一段说明（全班：每个文件一行，再加汇总）
cli-check-format-json = 每个判定的数值一个对象（全班：各文件和汇总）
cli-check-format-csv = 全班的文件 × 数值判定表
cli-check-convention = 按这个约定批改，不另加说明：`textbook`（δ = (y − ŷ)·f′，w ← w + α·δ·a）、`no-half`（损失函数不带 ½）、`delta-of-output`（δ = ∂L/∂f）、`true-gradients`（与 `textbook` 一起用：∂L/∂w = −δ·a）、`mean-loss-delta`（一批样本的 δ[e] 取平均损失的导数）；用逗号分隔可以组合。不给出时，会识别出前后一致的约定并说明一次
cli-check-diagram = 同时画出神经网络，错误标成红色，连带错误标成琥珀色（.dot、.svg、.png；只用于一个手算文件）
cli-check-graphviz-timeout = Graphviz `dot` 画图最多可用的秒数，超时即停止
cli-worksheet-about = 写出一张空白的手算练习表：按推导顺序列出每个数值及其计算公式
cli-spec = 神经网络描述文件
cli-worksheet-output = 把练习表写到这个文件，而不是标准输出
cli-worksheet-format = `csv`：`name,value,formula` 行，`check` 可以直接读取；`md`：可以打印的表格
cli-worksheet-format-csv = `name,value,formula` 行（电子表格可以打开，`check` 可以读取）
cli-worksheet-format-md = 用于打印的 Markdown 表格
cli-explain-about = 以 Markdown（数学公式用 LaTeX）写出逐步推导
cli-explain-output = 把 Markdown 写到这个文件，而不是标准输出（`-` 表示标准输出）
cli-explain-digits = 每个结果的有效数字位数；代入公式的数至少保留同样多的位数，需要时更多，以便得出所示的结果
cli-render-about = 画出神经网络（或其计算图），并标出每个数值
cli-render-output = 输出文件；扩展名决定格式：.dot、.svg 或 .png（PNG 需要 Graphviz）
cli-render-digits = 每个数的有效数字位数（15 位与教程一致）
cli-render-show = 显示哪些数值
cli-render-show-forward = 前向传播：z、f(z)、损失函数
cli-render-show-backward = 反向传播：f′(z)、δ（神经网络视图）；梯度（计算图视图）
cli-render-show-both = 两者都显示
cli-render-edge-gradients = 同时在每条边上标出 ∂L/∂w 和更新后的权重（在神经元中标出 ∂L/∂b 和新的偏置）
cli-render-example = 对一批样本（[[examples]]）：画出第 K 个样本（从 1 数起）自己的数值、误差项和梯度，而不是整批的参数、梯度和更新
cli-render-view = 神经网络视图，或每个标量运算一个节点的计算图
cli-render-view-network = 神经元按层排列，权重标在边上
cli-render-view-graph = 每个标量值一个节点，每个运算一个节点
cli-render-renderer = 由谁画 SVG 和 PNG：装了 Graphviz 就用 `dot`，否则用内置的 layout-rs（只能画 SVG）
cli-render-renderer-auto = `PATH` 中有 Graphviz `dot` 就用它，否则用 layout-rs（只能画 SVG）
cli-render-renderer-graphviz = Graphviz `dot`；没有安装时报错
cli-render-renderer-layout-rs = 内置的 layout-rs 渲染器（只能画 SVG）
cli-render-graphviz-timeout = Graphviz `dot` 最多可用的秒数，超时即停止（这时不写入文件）
cli-train-about = 教程中的鸢尾花训练：4-5-3 的 Sigmoid 神经网络，逐样本随机梯度下降，在本引擎上运行
cli-train-data = 数据（CSV）：教程中的行 `5.1,3.5,1.4,0.2,Iris-setosa`，或一行表头加数字类标。默认：deltagraph 内置的鸢尾花数据集
cli-train-epochs = 训练集要过几遍（回合数）
cli-train-lr = 随机梯度下降的学习率
cli-train-hidden = 隐藏层的神经元个数
cli-train-train-rows = 打乱顺序后用于训练的行数；其余的行作验证集
cli-train-seed = 随机数生成器的种子，用于打乱行的顺序和生成初始权重
cli-train-out = `accuracy.csv`、`accuracy.svg` 和 `trained.toml` 所在的目录（不存在时自动创建）
cli-train-output = 输出层：Sigmoid 配 ½·误差平方和（教程的做法），或 Softmax 配分类交叉熵
cli-train-output-sigmoid = Sigmoid 输出和 ½·误差平方和，与教程的训练相同
cli-train-output-softmax = Softmax 输出层和分类交叉熵（输出层的 δ = f − y）
cli-serve-about = 浏览器中的手算练习表：输入你的手算结果，每一步随写随判
cli-serve-spec = 神经网络描述文件（默认：教程中的 2-3-2-1 神经网络）
cli-serve-port = 监听的端口；0 表示任选一个空闲端口。网址是标准输出的第一行
cli-serve-host = 监听的地址。不是回环地址时，其他机器也能访问（会有警告）
cli-serve-open = 在默认浏览器中打开页面
cli-report-about = 一个独立的 HTML 页面：图、用 MathML 写出的每一步、逐步播放的控件；加上 --hand 时还有对手算过程的判定
cli-report-hand = 要显示判定结果的手算文件（即 `check` 读取的 CSV）
cli-report-output = 要写出的 HTML 文件（直接从磁盘打开：不需要网络，也不需要别的东西）
cli-help = 打印帮助
cli-help-long = 打印帮助（用 '-h' 看摘要）
cli-version = 打印版本
cli-help-command = 打印本帮助，或指定子命令的帮助
cli-usage = 用法：{ $usage }
cli-arguments-heading = 参数：
cli-options-heading = 选项：
cli-commands-heading = 命令：
cli-default = ［默认：{ $value }］
cli-possible-values = 可选值：
## the placeholders in the usage line and after an option (`<SPEC>`)
cli-usage-options = {"["}选项]
cli-usage-command = 命令
cli-placeholder-spec = 描述文件
cli-placeholder-hand = 手算文件
cli-placeholder-data = 数据文件
cli-placeholder-out = 目录
cli-placeholder-output = 输出文件
cli-placeholder-digits = 位数
cli-placeholder-format = 格式
cli-placeholder-steps = 步数
cli-placeholder-convention = 约定
cli-placeholder-diagram = 图文件
cli-placeholder-graphviz-timeout = 秒数
cli-placeholder-show = 内容
cli-placeholder-view = 视图
cli-placeholder-example = K
cli-placeholder-renderer = 绘图程序
cli-placeholder-epochs = 轮数
cli-placeholder-lr = 学习率
cli-placeholder-hidden = 神经元数
cli-placeholder-train-rows = 行数
cli-placeholder-seed = 种子
cli-placeholder-port = 端口
cli-placeholder-host = 地址
cli-train-placeholder-output = 输出层

## the command line's usage errors (clap's, rendered through the catalogue)
clap-unknown-argument = 无法识别的参数 '{ $arg }'
clap-tip-value = 提示：若要把 '{ $arg }' 作为值传入，请写成 '-- { $arg }'
clap-tip-similar = 提示：有一个相近的{ $what }：{ $similar }
clap-argument = 参数
clap-subcommand = 子命令
clap-value = 值
clap-invalid-subcommand = 无法识别的子命令 '{ $name }'
clap-invalid-value = '{ $arg }' 的值 '{ $value }' 无效
clap-possible-values = ［可选值：{ $values }］
clap-value-required = '{ $arg }' 需要一个值，但没有给出
clap-missing-required = 缺少以下必需的参数：{ $args }
clap-invalid-value-because = '{ $arg }' 的值 '{ $value }' 无效：{ $reason }
clap-reason-range = { $value } 不在 { $range } 范围内
clap-reason-between = 应为 { $from } 到 { $to } 之间的整数，实际为 { $value }
clap-reason-integer = 应为整数
clap-reason-number = 应为数
clap-reason-too-large = 数太大
clap-reason-address = 应为 IP 地址
clap-reason-lang = 应为 en 或 zh，实际为 { $found }
clap-reason-convention = 应为 `standard`、`textbook`、`no-half`、`delta-of-output`、`true-gradients`（与 `textbook` 一起用）或 `mean-loss-delta`，可用逗号分隔组合，实际为 `{ $found }`
clap-too-many-values = '{ $arg }' 多了一个值 '{ $value }'；不应再有值
clap-conflict = 参数 '{ $arg }' 不能与 '{ $other }' 一起使用
clap-used-twice = 参数 '{ $arg }' 只能用一次
clap-wrong-number = '{ $arg }' 的值的个数不对
clap-requires-subcommand = '{ $name }' 需要一个子命令，但没有给出
clap-try-help = 更多信息请用 '{ $help }'。
cli-render-spec = 神经网络描述文件（TOML 格式；见 `docs/spec-format.md`）

## the worksheet page and the report page (src/web/page.rs, src/web/assets/*.html)
page-ok = 正确
page-slip = 错误
page-carried = 连带错误
page-convention = 约定不同
page-unanswered = 未填写
page-carried-from = 由你自己的数值算来是对的；连带自
page-carried-rounding = 由你自己的数值算来是对的；与精确值不同只是因为你的四舍五入
page-from-yours = 由你的数值得出
page-exact = 精确值
page-you-wrote = 你写的是
page-saved = 已保存
page-loaded = 已读入
page-server-error = 服务器没有响应
page-summary = {"{"}ok{"}"} 个正确，{"{"}slip{"}"} 处错误，{"{"}carried{"}"} 个连带错误{"{"}convention{"}"}，{"{"}unanswered{"}"} 个未填写
page-summary-convention = ，{"{"}convention{"}"} 个按另一种约定是对的
page-cause-separator = ；
page-own = 你自己
page-lead-worksheet = 在纸上或用计算器演算，每算出一个值就按你写下的精度填进来。每一步都按{ $own }前面的数值来判，就像阅卷老师那样：新出现的错误是{ $slip }；由你的数值算来是对的、但不是精确值的一步是{ $carried }。
page-lead-report = 前向传播、反向传播和梯度下降更新的每一步（一批样本时：每个样本的前向传播和反向传播，以及整批的更新）。点击一个神经元查看它的各步计算，或逐步播放整个计算过程。
page-lead-report-checked = 前向传播、反向传播和梯度下降更新的每一步（一批样本时：每个样本的前向传播和反向传播，以及整批的更新），并附有对手算过程的判定。点击一个神经元查看它的各步计算，或逐步播放整个计算过程。
page-tools = 手算练习表
page-load-csv = 读入 CSV
page-save-csv = 保存为 CSV
page-clear = 清空数值
page-spec-button = 神经网络描述…
page-spec-help = 粘贴或上传一个神经网络描述文件（TOML 格式，见 docs/spec-format.md），或者回到教程中的 2-3-2-1 神经网络。
page-spec-label = 神经网络描述（TOML）
page-use-spec = 使用这个网络描述
page-upload-spec = 上传网络描述文件
page-use-tutorial = 教程中的神经网络
page-play-tools = 播放
page-play = 播放
page-step-back = 后退一步
page-step-on = 前进一步
page-reset = 重置
page-diagram-label = 神经网络图
page-click-neuron = 点击神经元查看它的各步计算
page-worksheet-label = 手算练习表
page-derivation-label = 推导过程
page-column-value = 数值
page-column-formula = 公式
page-column-written = 你写的
page-column-verdict = 判定
page-given = 已知数值
page-given-note = 输入、权重、偏置和目标值，由网络描述文件给出
page-forward = 前向传播
page-forward-note = z = Σ w·a + b，然后 f(z)，然后损失函数
page-backward = 反向传播
page-backward-note = f′(z) 与误差项 δ = ∂L/∂z，从输出层开始
page-gradient = 梯度
page-gradient-note = ∂L/∂w = δ·a，∂L/∂b = δ
page-update = 更新后的参数
page-update-note = w − α·∂L/∂w
page-show-in-diagram = 在图中显示
page-hint = 提示
page-show = 显示答案
page-carried-note = 由你的数值算得 { $value }：连带自 { $names }
page-given-hint = { $name } 是已知的：{ $value }
page-hint-in-yours = （按你的约定：{ $value }）

## the worksheet server's answers (src/web/server.rs)
web-values-unreadable = 有 { $count } 个数值无法读取
web-body-too-large = 请求最大 { $max } KiB
web-body-not-json = 请求体应为 JSON：{ $error }
web-failed = 手算练习表处理这个请求时出错了
web-unknown-name = 这个神经网络里没有名为 `{ $name }` 的数值
web-not-found = 没有这个页面
web-host-refused = 请求应发往本机的回环地址，实际的主机是 { $host }
web-open-to-all = 警告：正在监听 { $address }——能访问这台机器的任何人都可以使用这张手算练习表（它不读写任何文件，但每个请求都会运行检查器和 Graphviz）
web-serving = 手算练习表（{ $name }）已在 { $url } 上提供；按 Ctrl-C 停止
web-no-browser = 警告：无法打开浏览器（{ $error }）；请自己打开 { $url }
error-io-server-stopped = 服务器停止了

## train: the comments of trained.toml
trained-by = 由 `deltagraph train` 在 { $source } 上训练（{ $epochs } 个回合，学习率 { $rate }，隐藏层 { $hidden } 个神经元，训练集 { $rows } 行，随机种子 { $seed }）。
trained-accuracy = 最终验证集准确率：{ $percent }%。
trained-classes = 第 k 个输出代表第 k 个类别：{ $classes }。
trained-scaling = 输入按列做最小-最大缩放：`x' = (x - min) / (max - min)`，各列为
trained-example = 下面的 `input`/`target`：验证集的第一个样本。
