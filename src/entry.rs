//! The process's entry point on Unix, in place of std's.
//!
//! std's entry point (which then calls a `fn main`) also prepares the message it prints on a
//! stack overflow, and for that it asks for the main thread's stack bounds, which glibc finds
//! by reading and parsing all of `/proc/self/maps` (`pthread_getattr_np`): 120,000
//! instructions and 0.05–0.09 ms of CPU, 4–6 % of a whole `deltagraph train --epochs 1`.
//! Everything else it does that deltagraph relies on is done here too: a standard stream
//! closed at start is opened on `/dev/null`; SIGPIPE is ignored, so a closed pipe is an error
//! to handle (`run | head -1` ends quietly) and children still start with it at its default;
//! a panic, which no input should cause, ends with status 101 after its message; what
//! standard output still buffers is written at the end. What is left out: a stack overflow,
//! which no input should cause either (the parsers limit their depth), ends the process with
//! SIGSEGV instead of std's message and SIGABRT; and a panic's message names the thread
//! `<unnamed>`, not `main` (std names the main thread in its own entry point).

// The unwinder (which only a panic would use) linked into the binary from GCC's static
// `libgcc_eh.a`, as a `crt-static` build links it, instead of loaded from `libgcc_s.so.1`:
// one shared library fewer to find, map and relocate at each start, and its constructor's
// CPU-feature probe (`__cpu_indicator_init`, `CPUID`s that trap to the hypervisor in a
// virtual machine) not run: 0.10 ms of a 1.4 ms `train --epochs 1`. The archive comes right
// after the binary's own objects, whose landing pads ask for `_Unwind_Resume`: every
// unwinding symbol is then taken from it, and the linker (`--as-needed`) drops `libgcc_s`.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[link(name = "gcc_eh", kind = "static", modifiers = "-bundle")]
unsafe extern "C" {}

use std::ffi::{CStr, OsStr, OsString, c_char, c_int};
use std::io::Write;
use std::os::unix::ffi::OsStrExt;

/// Called by the C runtime with the command line: `argc` C strings at `argv`.
#[unsafe(no_mangle)]
extern "C" fn main(argc: c_int, argv: *const *const c_char) -> c_int {
    // SAFETY: the first code to run, on the only thread; `argv` holds `argc` valid C strings
    // for the life of the process (the C runtime's promise).
    let args: Vec<OsString> = unsafe {
        open_closed_standard_streams();
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
        (0..usize::try_from(argc).unwrap_or(0))
            .map(|i| OsStr::from_bytes(CStr::from_ptr(*argv.add(i)).to_bytes()).to_owned())
            .collect()
    };
    let status = std::panic::catch_unwind(|| crate::run(args)).unwrap_or(101);
    let _ = std::io::stdout().flush();
    c_int::from(status)
}

/// Opens `/dev/null` on each of standard input, output and error that is closed, as std does,
/// so that no file opened later takes its number and receives what is printed.
///
/// # Safety
/// Only at start, before any other file is opened.
unsafe fn open_closed_standard_streams() {
    let mut streams = [0, 1, 2].map(|fd| libc::pollfd {
        fd,
        events: 0,
        revents: 0,
    });
    // SAFETY: three valid `pollfd`s; a zero timeout does not wait.
    let polled = unsafe { libc::poll(streams.as_mut_ptr(), 3, 0) } != -1;
    for stream in streams {
        let closed = if polled {
            stream.revents & libc::POLLNVAL != 0
        } else {
            // SAFETY: F_GETFD only reads the descriptor's flags.
            let flags = unsafe { libc::fcntl(stream.fd, libc::F_GETFD) };
            flags == -1 && std::io::Error::last_os_error().raw_os_error() == Some(libc::EBADF)
        };
        // The lowest free number is this one: the lower ones are open by now.
        // SAFETY: a constant C string; the descriptor is kept for the life of the process.
        if closed && unsafe { libc::open(c"/dev/null".as_ptr(), libc::O_RDWR) } == -1 {
            std::process::abort();
        }
    }
}
