//! The worked derivation of an expression, as Markdown with LaTeX: the forward pass one
//! operation at a time, then the chain rule at every node, from the output back to the
//! inputs — each gradient is the local derivative times the upstream gradient, summed over
//! every place the value is used.

use std::fmt::Write;

use crate::explain::{Options, step};
use crate::format::significant;
use crate::formula::latex_name;
use crate::net::{Network, Quantity, Stage};

/// The derivation of an evaluated expression.
pub fn markdown(net: &Network, opts: &Options) -> String {
    let g = &net.graph;
    let out = g.name(net.loss).expect("the output is named");
    let title = net.name.as_deref().unwrap_or(out);
    let mut md = String::new();
    let _ = writeln!(md, "# The computational graph step by step: {title}\n");
    let _ = writeln!(
        md,
        "The output is ${}$. The forward pass computes every value from its operands; the \
         backward pass applies the chain rule at every node, from the output back to the \
         inputs. A value that is not named in the spec is called by its own text.\n",
        latex_name(out)
    );
    md.push_str("## Given\n\n| input | value |\n|---|---|\n");
    for e in net.entries().iter().filter(|e| e.stage == Stage::Given) {
        let _ = writeln!(
            md,
            "| ${}$ | {} |",
            latex_name(&e.name),
            significant(net.read(e.quantity), 15)
        );
    }

    md.push_str("\n## 1. Forward pass\n\n");
    for e in net.entries().iter().filter(|e| e.stage == Stage::Forward) {
        md.push_str(&step(net, e, opts));
    }

    md.push_str("\n## 2. Backward pass: the chain rule at every node\n\n");
    let _ = writeln!(
        md,
        "The gradient of the output with respect to itself is 1: $\\frac{{\\partial {o}}}{{\\partial {o}}} = 1$. \
         For every other value $v$, working back from the output: each operation $c$ that uses $v$ \
         passes back its **local derivative** $\\partial c / \\partial v$ times its own **upstream \
         gradient** $\\partial {o} / \\partial c$, and a value used in several places adds up what \
         every use passes back:\n\n\
         $$\n\\frac{{\\partial {o}}}{{\\partial v}} = \\sum_{{c \\text{{ uses }} v}} \
         \\frac{{\\partial c}}{{\\partial v}} \\cdot \\frac{{\\partial {o}}}{{\\partial c}}\n$$\n",
        o = latex_name(out)
    );
    md.push_str(
        "\nLocal derivatives: $a + b$ passes 1 to each; $a - b$ passes 1 and $-1$; $a \\cdot b$ \
         passes $b$ to $a$ and $a$ to $b$; $a / b$ passes $1/b$ and $-a/b^{2}$; $a^{c}$ passes \
         $c\\,a^{c-1}$; $e^{a}$ passes its own value; $\\ln a$ passes $1/a$; $\\sigma(a)$ passes \
         $\\sigma(1 - \\sigma)$; $\\tanh a$ passes $1 - \\tanh^{2}$; $\\max(0, a)$ passes 1 when \
         $a > 0$, else 0; $\\max(a, b)$ passes 1 to the larger (to $a$ at a tie).\n\n",
    );
    for e in net
        .entries()
        .iter()
        .filter(|e| matches!(e.stage, Stage::Backward | Stage::Gradient))
    {
        if let Quantity::Grad(n) = e.quantity {
            let uses = g.consumers(n).len();
            if uses > 1 {
                let _ = writeln!(
                    md,
                    "${}$ is used by {uses} operations: their contributions add up.\n",
                    latex_name(g.name(n).expect("named"))
                );
            }
        }
        md.push_str(&step(net, e, opts));
    }

    md.push_str("\n## Summary\n\n| value | forward value | gradient |\n|---|---|---|\n");
    for e in net.entries().iter().filter(|e| e.stage != Stage::Backward) {
        if let Quantity::Value(n) = e.quantity {
            let grad = if n == net.loss {
                "1".to_string()
            } else {
                significant(g.grad(n), 6)
            };
            let _ = writeln!(
                md,
                "| ${}$ | {} | {} |",
                latex_name(&e.name),
                significant(g.value(n), 6),
                grad
            );
        }
    }
    md
}
