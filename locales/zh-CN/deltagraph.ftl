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

## 命令行

error-prefix = 错误
warning-graphviz = 警告：graphviz：{ $message }
wrote-file = 已写入 { $path }
wrote-file-renderer = 已写入 { $path }（渲染器：{ $renderer }）
renderer-graphviz = Graphviz dot
renderer-layout = 内置的 layout-rs（备用）
tutorial-intro =
    教程中的计算示例：2-3-2-1 的 Sigmoid 神经网络，输入 x = (1, 2)，真实类标 y = 1，
    损失函数 L = ½(y − ŷ)²，学习率 0.1。神经元跨层依次编号为 1–6。

## run：每个阶段一张表

run-stage-given = 已知：输入、目标值、权重和偏置
run-stage-forward = 前向传播：z = Σ w·a + b，f(z)，以及损失函数
run-stage-backward = 反向传播：f′(z) 与误差项 δ = ∂L/∂z
run-stage-gradient = 梯度：∂L/∂w = δ·a，∂L/∂b = δ
run-stage-update = 更新后的参数：p − α·∂L/∂p
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
check-summary = 对照 { $spec } 检查了你计算的 { $checked } 个数值：{ $ok } 个正确，{ $slips } 处错误，{ $carried } 个为连带错误（前面的错误带来的，本步计算正确）。
check-column-line = 行
check-column-name = 名称
check-column-written = 你写的
check-column-verdict = 判定
check-column-from-yours = 由你的数值得出
check-column-exact = 精确值
check-slip-heading = 错误：{ $name }（第 { $line } 行）
check-label-written = 你写的
check-label-from-yours = 由你的数值得出
check-label-spec-gives = 题目给定
check-label-exact = 精确值
check-label-cause = 可能原因
check-label-carried-on = 影响到
check-cause-reproduces = { $cause }（这样算得 { $value }，与你写的一致）
check-carried-on = { $names }（由你自己的数值算来是对的：不是新的错误）
check-from-rounding = 只因你自己的四舍五入而与精确值不同：{ $names }。
check-no-slips = 没有错误：每一步都由前面的数值正确得出。
note-slip = 错误：你写的是 { $written }
note-carried = 连带：你写的是 { $written }

## check：错误的可能原因

cause-sign-flipped = 符号弄反了
cause-also-consistent = { $cause }；以下原因也同样符合这些数值：{ $others }
cause-arithmetic = 计算错误：没有哪一个读错的数、漏掉的项、符号或导数的混淆能得出这个结果
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
cause-wrong-derivative = 用了 { $used } 的导数，而不是 { $right } 的导数
cause-derivative-left-out = 漏掉了因子 f′({ $z })
cause-cross-entropy-derivative = ŷ − y 又乘了 f′({ $z })，而 Sigmoid 输出配交叉熵损失函数时这一因子已经约去
cause-transposed-backward = 第 { $layer } 层的权重矩阵被转置了：计算 δ{ $neuron } 时用了第 { $index } 行的权重，而不是第 { $index } 列
cause-gradient-factor-left-out = 漏掉了因子 { $factor }：只写了 { $delta }
cause-gradient-times-weight = { $delta } 乘的是权重 { $weight }，而不是 { $right }
cause-gradient-times-other = { $delta } 乘的是 { $used }，而不是 { $right }
cause-update-added = 更新 { $name } 时把这一步加上了，而应该减去
cause-update-rate-left-out = 漏掉了学习率 α = { $rate }
cause-update-decay-left-out = 漏掉了权重衰减项 λ·{ $name }
cause-update-bias-decayed = 对偏置 { $name } 也做了权重衰减（权重衰减只用于权重）
cause-update-delta-for-gradient = 在该用 { $gradient } 的地方用了 { $delta }
cause-scale-decimal-point = 结果是正确值的 { $factor } 倍（小数点错位）
cause-scale = 结果是正确值的 { $factor } 倍
cause-digit-dropped = 抄写错误：{ $right } 抄漏了一位数字 { $digit }
cause-digit-doubled = 抄写错误：{ $right } 中的数字 { $digit } 多抄了一遍
cause-digits-swapped = 抄写错误：{ $right } 中的 { $digits } 两位数字抄颠倒了
cause-digit-changed = 某一位数字抄错或算错：{ $right } 中的 { $digit } 写成了 { $written }
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
network-title = { $name }{ $sizes } 神经网络，{ $loss }，{ $digits } 位有效数字
network-note-collapsed = { $neurons } 个神经元、{ $weights } 个权重太多，无法逐个画出：每层画成一个框，显示各数值的范围。`deltagraph run` 会列出全部数值。
network-note-largest = 只画出 { $weights } 个权重中的 { $shown } 个：每个神经元只画 |w| 最大的几个输入。再多的标签就无法看清了；`deltagraph run` 会列出全部数值。
loss-node = 损失函数 { $formula }
inputs-range = 输入 x1 … { $last }
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
train-network-summary = 神经网络 { $sizes }（Sigmoid），训练 { $epochs } 个回合，学习率 { $rate }，训练集 { $train } 条 / 验证集 { $validation } 条，随机种子 { $seed }
train-progress-epoch = 回合
train-progress-accuracy = 验证集准确率
train-final-accuracy = 最终验证集准确率：{ $percent }%（{ $total } 条中 { $correct } 条正确）
train-confusion-title = 混淆矩阵（行：真实类别，列：预测类别）：
train-confusion-corner = 真实 \ 预测
train-plot-title = deltagraph 训练：{ $source }（随机种子 { $seed }）
train-plot-epoch = 回合
train-plot-accuracy = 验证集准确率 (%)
train-plot-loss = 平均训练损失
train-plot-loss-axis = 平均训练损失（½·SSE）
