//! A sequence export running on a worker thread, so that the window keeps
//! drawing while frames render: its progress, its cancel flag and, once
//! it ends, its outcome.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;

use crate::export::{SequenceRequest, export_sequence};
use crate::inputs::LoadedInputs;
use crate::ui::notice::Notice;

/// A running sequence export.
pub struct ExportJob {
    done: Arc<AtomicUsize>,
    total: usize,
    cancel: Arc<AtomicBool>,
    handle: Option<JoinHandle<Result<Notice, String>>>,
}

impl ExportJob {
    /// Starts `request` on a worker thread; its notice offers `folder`.
    pub fn start(data: &LoadedInputs, request: SequenceRequest, folder: PathBuf) -> Self {
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
            Ok(Notice::with_folder(outcome.summary(), folder))
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
    pub fn finished(&mut self) -> Option<Result<Notice, String>> {
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
