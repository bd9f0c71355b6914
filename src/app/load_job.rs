//! An input load on a worker thread, so that the window keeps drawing the
//! last good data (and a "Loading …" notice) while files are read,
//! validated, projected and triangulated. A newer load supersedes an
//! older one: the app keeps only the newest job, and a superseded
//! worker's answer goes nowhere.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::inputs::{FinishedLoad, LoadedInputs, Sources};
use crate::load::{InputError, InputErrors};

/// A load under way.
#[derive(Debug)]
pub struct LoadJob {
    /// Which request this is; the newest has the largest.
    pub id: u64,
    /// What it loads.
    pub sources: Sources,
    answer: Receiver<Result<LoadedInputs, InputErrors>>,
}

impl LoadJob {
    /// Starts loading `sources` on a worker thread.
    pub fn start(id: u64, sources: Sources) -> Self {
        let (sender, answer) = mpsc::channel();
        let for_worker = sources.clone();
        let spawned = std::thread::Builder::new()
            .name("drawdown-load".to_owned())
            .spawn(move || {
                // The receiver is gone when a newer load superseded this one.
                let _ = sender.send(LoadedInputs::load(&for_worker));
            });
        if let Err(e) = spawned {
            log::warn!("cannot start a loading thread: {e}");
        }
        Self { id, sources, answer }
    }

    /// The load's outcome once it ended (a worker that could not start or
    /// stopped without an answer is an error too).
    pub fn finished(&self) -> Option<FinishedLoad> {
        match self.answer.try_recv() {
            Ok(result) => Some(self.outcome(result)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(self.outcome(Err(self.stopped()))),
        }
    }

    /// Waits for the outcome (tests and scripts; the window polls).
    #[cfg(feature = "testing")]
    pub fn wait(&self) -> FinishedLoad {
        let result = self.answer.recv().unwrap_or_else(|_| Err(self.stopped()));
        self.outcome(result)
    }

    fn outcome(&self, result: Result<LoadedInputs, InputErrors>) -> FinishedLoad {
        FinishedLoad {
            id: self.id,
            sources: self.sources.clone(),
            result: Arc::new(result),
        }
    }

    fn stopped(&self) -> InputErrors {
        let [scenario, regions] = self.sources.names(["embedded scenario", "embedded regions"]);
        InputErrors::one(InputError::new(
            format!("{scenario} and {regions}"),
            None,
            "the load stopped unexpectedly",
        ))
    }
}
