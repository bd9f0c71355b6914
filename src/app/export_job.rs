//! A sequence export running on a worker thread, so that the window keeps
//! drawing while frames render: its progress, its cancel flag and, once
//! it ends, its outcome.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;

use crate::export::sequence::{SequenceRequest, export_sequence};
use crate::inputs::LoadedInputs;

/// A running sequence export.
pub struct ExportJob {
    done: Arc<AtomicUsize>,
    total: usize,
    cancel: Arc<AtomicBool>,
    handle: Option<JoinHandle<Result<String, String>>>,
}

impl ExportJob {
    /// Starts `request` on a worker thread.
    pub fn start(data: &LoadedInputs, request: SequenceRequest) -> Self {
        let done = Arc::new(AtomicUsize::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let total = request.progress_steps();
        let (done_w, cancel_w) = (done.clone(), cancel.clone());
        let data = data.clone();
        let handle = std::thread::spawn(move || {
            let progress = || {
                done_w.fetch_add(1, Ordering::Relaxed);
            };
            let outcome = export_sequence(&data, &request, &progress, &cancel_w).map_err(|e| e.to_string())?;
            let gif = outcome.gif.map(|g| format!(" and {}", g.display())).unwrap_or_default();
            let dir = request
                .out_dir
                .as_deref()
                .map(|d| d.display().to_string())
                .unwrap_or_default();
            Ok(format!("Exported {} frames to {dir}{gif}", outcome.frames.len()))
        });
        Self {
            done,
            total,
            cancel,
            handle: Some(handle),
        }
    }

    /// Frames written so far, and how many in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.done.load(Ordering::Relaxed), self.total)
    }

    /// Asks the worker to stop after the frames under way.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The job's outcome once it finished (then it is over): the notice to
    /// show, or why it stopped.
    pub fn finished(&mut self) -> Option<Result<String, String>> {
        if !self.handle.as_ref().is_some_and(JoinHandle::is_finished) {
            return None;
        }
        let handle = self.handle.take()?;
        Some(
            handle
                .join()
                .unwrap_or_else(|_| Err("the export stopped unexpectedly".to_owned())),
        )
    }
}
