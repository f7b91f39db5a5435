//! A child process killed when the test ends, however it ends (a failed assertion too), so
//! that no server, driver or renderer outlives its test.

use std::process::Child;

/// A child process killed and waited for when dropped.
pub struct Killed(pub Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
