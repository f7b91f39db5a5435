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

step-first = 第 1 步（共 { $steps } 步）：规格文件中的参数
step-next = 第 { $step } 步（共 { $steps } 步）：从第 { $previous } 步更新后的参数开始（名称以 @{ $step } 结尾）
run-stage-given = 已知：输入、目标值、权重和偏置
run-stage-forward = 前向传播：z = Σ w·a + b，f(z)，以及损失函数
run-stage-backward = 反向传播：f′(z) 与误差项 δ = ∂L/∂z
run-stage-gradient = 梯度：∂L/∂w = δ·a，∂L/∂b = δ
run-stage-update = 更新后的参数：p − α·∂L/∂p
run-expr-stage-given = 已知：输入
run-expr-stage-forward = 前向传播：由操作数算出每个值
run-expr-stage-backward = 反向传播：每个值的梯度 = Σ 局部导数 × 上游梯度
run-expr-stage-gradient = 输入的梯度

## check（复数形式；中文只有一种）

check-slip-count = { $count } 处错误

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
train-network-summary = 神经网络 { $sizes }（{ $output }），训练 { $epochs } 个回合，学习率 { $rate }，训练集 { $train } 条 / 验证集 { $validation } 条，随机种子 { $seed }
train-output-sigmoid = Sigmoid，损失函数 ½·SSE
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
train-plot-loss-axis = 平均训练损失（½·SSE）
