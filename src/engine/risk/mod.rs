//! Risk (DOMAIN.md sections 3, 4 and 6): how a customer pays (`behaviour`), the warning signals
//! that their behaviour is changing (`signals`), the phase they are in (`phase`), and the credit
//! check, limit advice, order check and collection figures (`credit`). Pure functions of the
//! ledger, the risk settings and `today`.

pub mod behaviour;
pub mod credit;
pub mod phase;
pub mod signals;

use serde::{Deserialize, Serialize};

/// Payment grade, from the amount-weighted days late (thresholds in `RiskSettings`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Grade {
    A,
    B,
    C,
    D,
}

impl Grade {
    pub const ALL: [Grade; 4] = [Grade::A, Grade::B, Grade::C, Grade::D];

    pub fn letter(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
        }
    }
}
