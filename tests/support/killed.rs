//! A child process killed when the test ends, however it ends (a failed assertion too), so
//! that no server, driver or renderer outlives its test.

use std::process::Child;

/// A child process killed and waited for when dropped. A child that leads a process group of
/// its own (started with `CommandExt::process_group(0)`) is killed with its whole group: every
/// process it started and that stayed in the group, such as the Chromium a chromedriver
/// launches, which killing the driver alone leaves running.
pub struct Killed(pub Child);

impl Drop for Killed {
    fn drop(&mut self) {
        if let Ok(pid) = libc::pid_t::try_from(self.0.id()) {
            // SAFETY: plain system calls on a process id; a group is killed only if the child
            // leads it (a child still in the test's own group is never one).
            unsafe {
                if libc::getpgid(pid) == pid {
                    libc::kill(-pid, libc::SIGKILL);
                }
            }
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
