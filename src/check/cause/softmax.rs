//! Mistakes with a softmax output and categorical cross-entropy: the softmax treated as an
//! element-wise function (σ instead, or σ′ and the Jacobian's diagonal only), the normaliser
//! Σ e^z forgotten, another output's value used, the log taken of the wrong output.
//!
//! The candidates are computed from the person's own carried values; only the deliberately
//! wrong rule of each mistake is written here.

use super::{Candidate, CauseKind, Outcome, Search, cand};
use crate::check::show;
use crate::graph::NodeId;
use crate::i18n::Message;
use crate::msg;
use crate::net::Quantity;
use crate::ops;

impl Search<'_> {
    /// `f_j = e^{z_j} / Σ_k e^{z_k}` written wrongly.
    pub(super) fn softmax_output(&self, l: usize, j: usize) -> Vec<Candidate> {
        let layer = &self.net.layers[l];
        let z: Vec<f64> = layer.z.iter().map(|&n| self.own(n)).collect();
        let zname = self.name(layer.z[j]);
        let total: f64 = z.iter().map(|v| v.exp()).sum();
        let mut out = vec![
            cand(
                CauseKind::FactorLeftOut,
                msg!("cause-softmax-normaliser", z = zname.clone()),
                Outcome::Value(z[j].exp()),
            ),
            cand(
                CauseKind::WrongActivation,
                msg!("cause-softmax-sigmoid", z = zname.clone()),
                Outcome::Value(ops::sigmoid(z[j])),
            ),
        ];
        for (k, &other) in layer.z.iter().enumerate() {
            if k != j {
                out.push(cand(
                    CauseKind::WrongValue,
                    msg!(
                        "cause-softmax-other-output",
                        other = self.name(other),
                        z = zname.clone()
                    ),
                    Outcome::Value(z[k].exp() / total),
                ));
            }
        }
        out
    }

    /// Alternatives to the Jacobian's diagonal `f_j(1 − f_j)` of a softmax output.
    pub(super) fn softmax_derivative_mixups(&self, f: NodeId) -> Vec<(CauseKind, Message, f64)> {
        let z = self.net.graph.operands(f)[0];
        let (zname, fv, zv) = (self.name(z), self.own(f), self.own(z));
        let s = ops::sigmoid(zv);
        vec![
            (
                CauseKind::WrongActivation,
                msg!("cause-softmax-sigmoid-derivative", z = zname.clone()),
                s * (1.0 - s),
            ),
            (
                CauseKind::ActivationForDerivative,
                msg!("cause-softmax-f-for-derivative", f = show(fv)),
                fv,
            ),
            (
                CauseKind::DerivativeFormula,
                msg!("cause-softmax-one-minus-f"),
                1.0 - fv,
            ),
        ]
    }

    /// δ of a softmax output with categorical cross-entropy, `f_j − y_j`, computed through
    /// an element-wise derivative instead of the Jacobian.
    pub(super) fn softmax_delta(&self, l: usize, j: usize) -> Vec<Candidate> {
        let layer = &self.net.layers[l];
        let (f, y) = (self.own(layer.f[j]), self.own(self.net.targets[j]));
        let zv = self.own(layer.z[j]);
        let s = ops::sigmoid(zv);
        let fname = self.name(layer.f[j]);
        // ∂L/∂f_j = −y_j/f_j, times one diagonal entry only.
        let dl_df = if f != 0.0 { -y / f } else { f64::NAN };
        // f − y (the loss op's own δ, from the person's values) multiplied again by the
        // Jacobian's diagonal f(1 − f) (the softmax op's own first partial, or the person's
        // written f′), as if a sigmoid's derivative still applied. Its spread follows from
        // both factors'.
        let node = layer.f[j];
        let computed = self.checker.expected(Quantity::Derivative(node), self.base);
        let (df, df_spread) = self.checker.first_partial(
            self.written,
            self.base,
            node,
            computed,
            self.spreads.derivative(node),
        );
        let step_spread = self.spreads.of(self.q, 1.0);
        let times_derivative = Candidate {
            spread: Some(df.abs() * step_spread + self.expected.abs() * df_spread),
            ..cand(
                CauseKind::DerivativeFormula,
                msg!("cause-softmax-delta-times-derivative", f = fname.clone()),
                Outcome::Value(self.expected * df),
            )
        };
        vec![
            times_derivative,
            cand(
                CauseKind::WrongActivation,
                msg!("cause-softmax-delta-sigmoid", f = fname.clone()),
                Outcome::Value(dl_df * s * (1.0 - s)),
            ),
            cand(
                CauseKind::DerivativeFormula,
                msg!("cause-softmax-delta-diagonal", f = fname.clone()),
                Outcome::Value(dl_df * f * (1.0 - f)),
            ),
            cand(
                CauseKind::FactorLeftOut,
                msg!("cause-softmax-delta-target", f = fname.clone()),
                Outcome::Value(f),
            ),
        ]
    }

    /// `L = −Σ y ln f` with the log of the wrong output, or a base-10 log.
    pub(super) fn categorical_loss(&self) -> Vec<Candidate> {
        let outputs = self.net.outputs();
        let f: Vec<f64> = outputs.iter().map(|&n| self.own(n)).collect();
        let y: Vec<f64> = self.net.targets.iter().map(|&n| self.own(n)).collect();
        let mut out = Vec::new();
        for (k, &fk) in f.iter().enumerate() {
            if y[k] == 0.0 {
                out.push(cand(
                    CauseKind::WrongValue,
                    msg!("cause-softmax-wrong-log", f = self.name(outputs[k])),
                    Outcome::Value(-fk.ln()),
                ));
            }
        }
        let log10: f64 = -f
            .iter()
            .zip(&y)
            .map(|(fk, yk)| yk * fk.log10())
            .sum::<f64>();
        out.push(cand(
            CauseKind::WrongValue,
            msg!("cause-softmax-log10"),
            Outcome::Value(log10),
        ));
        out
    }
}
