//! Ctrl-C (SIGINT) and SIGTERM during a long command: a clean cancel.
//!
//! The handlers only set flags (signal-hook's, which are async-signal
//! safe): the export sees its cancel flag between frames, stops, removes
//! what it made, and the command exits 130 (SIGINT) or 143 (SIGTERM), as a
//! shell reports a process the signal killed. A second signal while that
//! happens ends the process at once with the same code.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use signal_hook::consts::{SIGINT, SIGTERM};
use signal_hook::flag;

/// A signal that interrupted a command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interruption {
    /// SIGINT: Ctrl-C.
    Interrupt,
    /// SIGTERM: `kill`, a service manager stopping it.
    Terminate,
}

impl Interruption {
    /// The signal's name.
    pub fn signal_name(self) -> &'static str {
        match self {
            Self::Interrupt => "SIGINT",
            Self::Terminate => "SIGTERM",
        }
    }

    /// 128 + the signal's number, as shells report it.
    pub fn exit_code(self) -> u8 {
        match self {
            Self::Interrupt => 130,
            Self::Terminate => 143,
        }
    }

    fn of_signal(signal: usize) -> Option<Self> {
        match i32::try_from(signal) {
            Ok(SIGINT) => Some(Self::Interrupt),
            Ok(SIGTERM) => Some(Self::Terminate),
            _ => None,
        }
    }
}

/// SIGINT and SIGTERM caught into a cancel flag, for the rest of the
/// process.
pub struct CancelOnSignal {
    cancel: Arc<AtomicBool>,
    /// The last signal caught (0: none).
    signal: Arc<AtomicUsize>,
}

impl CancelOnSignal {
    /// Installs the handlers. Where that fails (it should not) the signals
    /// keep their default action: the command is killed, as before.
    pub fn install() -> Self {
        let cancel = Arc::new(AtomicBool::new(false));
        let signal = Arc::new(AtomicUsize::new(0));
        for (number, interruption) in [(SIGINT, Interruption::Interrupt), (SIGTERM, Interruption::Terminate)] {
            let code = i32::from(interruption.exit_code());
            let value = usize::try_from(number).unwrap_or(0);
            // The shutdown first: it acts only once the flag is set, i.e.
            // on the second signal.
            let installed = flag::register_conditional_shutdown(number, code, Arc::clone(&cancel))
                .and_then(|_| flag::register_usize(number, Arc::clone(&signal), value))
                .and_then(|_| flag::register(number, Arc::clone(&cancel)));
            if let Err(e) = installed {
                log::warn!("cannot catch {}: {e}", interruption.signal_name());
            }
        }
        Self { cancel, signal }
    }

    /// The flag the signals set.
    pub fn flag(&self) -> &AtomicBool {
        &self.cancel
    }

    /// The signal caught, if any.
    pub fn caught(&self) -> Option<Interruption> {
        Interruption::of_signal(self.signal.load(Ordering::SeqCst))
    }
}
