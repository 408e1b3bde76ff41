//! The progress bar of long runs: on standard error, drawn only on a terminal and only
//! once the run has lasted a second.

use std::io;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress bar on standard error, drawn only on a terminal and only once the run has
/// lasted a second, so short runs and pipelines never see it.
pub(super) struct Progress {
    /// The bar, hidden until shown; output to a terminal goes through `bar.suspend`.
    pub(super) bar: ProgressBar,
    started: Instant,
    terminal: bool,
    shown: bool,
}

impl Progress {
    /// A bar for `files` inputs, for a run that began at `started`.
    pub(super) fn new(files: usize, started: Instant) -> Self {
        let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::hidden());
        if let Ok(style) =
            ProgressStyle::with_template("{bar:40} {pos}/{len} files [{elapsed_precise}]")
        {
            bar.set_style(style);
        }
        Self {
            bar,
            started,
            terminal: io::IsTerminal::is_terminal(&io::stderr()),
            shown: false,
        }
    }

    /// Counts one input done, and shows the bar once the run is long enough.
    pub(super) fn tick(&mut self) {
        if self.terminal && !self.shown && self.started.elapsed() > Duration::from_secs(1) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
        self.bar.inc(1);
    }
}
