//! The ordered parallel pool: work on each input runs on several threads, and the
//! results are handed on in input order, so the output is the same whatever the number of
//! threads. It knows nothing of documents or rules.

use std::collections::BTreeMap;
use std::io;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// What a result waiting to be handed on holds, for bounding how much may wait.
pub trait Held {
    /// The source bytes it holds: what handing it on frees.
    fn bytes(&self) -> usize;
}

/// Runs `work` on each of `inputs` (with its index) on `jobs` threads and hands each
/// result to `sink` in input order. With one job everything runs on the calling thread.
/// Otherwise each worker takes inputs one at a time, and the worker that finishes the
/// result next in order hands it, and any finished ones after it, to `sink`: no thread
/// waits for results to report and none is woken per file. If `sink` fails, work stops
/// and the error is returned.
pub fn in_order<I: Sync, T: Held + Send>(
    inputs: &[I],
    jobs: usize,
    work: impl Fn(usize, &I) -> T + Sync,
    mut sink: impl FnMut(T) -> io::Result<()> + Send,
) -> io::Result<()> {
    if jobs <= 1 {
        return inputs
            .iter()
            .enumerate()
            .try_for_each(|(index, input)| sink(work(index, input)));
    }
    let next_input = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let order = Mutex::new(InOrder::default());
    // Signalled when results have been reported, for workers waiting for room.
    let room = Condvar::new();
    let sink = Mutex::new((sink, Ok(())));
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| {
                while !stop.load(Ordering::Relaxed) {
                    let index = next_input.fetch_add(1, Ordering::Relaxed);
                    let Some(input) = inputs.get(index) else {
                        break;
                    };
                    // Workers do not run far ahead of a slow report (a pipe to a pager):
                    // what waits to be reported stays bounded.
                    let mut waiting = lock(&order);
                    while waiting.must_wait(index) && !stop.load(Ordering::Relaxed) {
                        waiting = room.wait(waiting).unwrap_or_else(PoisonError::into_inner);
                    }
                    drop(waiting);
                    let result = work(index, input);
                    let Some(mut ready) = lock(&order).finish(index, result) else {
                        continue;
                    };
                    // This worker reports until no finished result is next in order.
                    let mut reporting = lock(&sink);
                    let (sink, status) = &mut *reporting;
                    while !ready.is_empty() {
                        let count = ready.len();
                        let bytes = ready.iter().map(Held::bytes).sum();
                        for result in ready.drain(..) {
                            if status.is_ok() {
                                *status = sink(result);
                            }
                        }
                        if status.is_err() {
                            stop.store(true, Ordering::Relaxed);
                        }
                        ready = lock(&order).reported(count, bytes);
                        room.notify_all();
                    }
                }
            });
        }
    });
    let (_, status) = sink.into_inner().unwrap_or_else(PoisonError::into_inner);
    status
}

/// Locks `mutex`, also after a worker panicked holding it (the panic itself is reported
/// when the threads are joined).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Results finished out of order, waiting for those before them.
struct InOrder<T> {
    /// The index of the next outcome to hand to the worker reporting.
    next: usize,
    /// Finished results from `next` on.
    waiting: BTreeMap<usize, T>,
    /// Whether a worker is reporting.
    reporting: bool,
    /// How many outcomes have been reported.
    reported: usize,
    /// Source bytes of the outcomes finished and not yet reported.
    pending_bytes: usize,
}

impl<T> Default for InOrder<T> {
    fn default() -> Self {
        Self {
            next: 0,
            waiting: BTreeMap::new(),
            reporting: false,
            reported: 0,
            pending_bytes: 0,
        }
    }
}

/// The most results finished ahead of the report.
pub(crate) const AHEAD: usize = 64;
/// The most source bytes finished ahead of the report.
const AHEAD_BYTES: usize = 64 << 20;

impl<T: Held> InOrder<T> {
    /// Whether the worker that took input `index` must wait before checking it: too much
    /// is finished and not reported. The input reported next never waits, so the report
    /// always moves on.
    fn must_wait(&self, index: usize) -> bool {
        index > self.reported
            && (index >= self.reported + AHEAD || self.pending_bytes > AHEAD_BYTES)
    }

    /// Files the outcome of input `index`. When no worker is reporting and outcomes are
    /// ready in order, the caller becomes the one reporting and gets them.
    fn finish(&mut self, index: usize, result: T) -> Option<Vec<T>> {
        self.pending_bytes += result.bytes();
        self.waiting.insert(index, result);
        if self.reporting {
            return None;
        }
        let ready = self.ready();
        self.reporting = !ready.is_empty();
        self.reporting.then_some(ready)
    }

    /// For the worker reporting, once it has reported `count` outcomes of `bytes` source
    /// bytes: the outcomes ready since, or none, and then it stops reporting (under the
    /// same lock, so an outcome filed meanwhile is not left behind).
    fn reported(&mut self, count: usize, bytes: usize) -> Vec<T> {
        self.reported += count;
        self.pending_bytes -= bytes;
        let ready = self.ready();
        self.reporting = !ready.is_empty();
        ready
    }

    fn ready(&mut self) -> Vec<T> {
        let mut ready = Vec::new();
        while let Some(result) = self.waiting.remove(&self.next) {
            ready.push(result);
            self.next += 1;
        }
        ready
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Bytes(usize);

    impl Held for Bytes {
        fn bytes(&self) -> usize {
            self.0
        }
    }

    #[test]
    fn workers_wait_when_too_much_is_finished_and_not_reported_but_never_the_next() {
        let mut order = InOrder::<Bytes>::default();
        assert!(!order.must_wait(0));
        assert!(!order.must_wait(AHEAD - 1));
        assert!(order.must_wait(AHEAD));
        order.pending_bytes = AHEAD_BYTES + 1;
        assert!(
            !order.must_wait(0),
            "the next outcome to report is always checked"
        );
        assert!(order.must_wait(1));
        order.reported = 10;
        order.pending_bytes = 0;
        assert!(!order.must_wait(10 + AHEAD - 1));
        assert!(order.must_wait(10 + AHEAD));
    }

    #[test]
    fn results_come_in_input_order_whatever_the_threads() {
        let inputs: Vec<usize> = (0..500).collect();
        for jobs in [1, 2, 4] {
            let mut seen = Vec::new();
            in_order(
                &inputs,
                jobs,
                |index, &input| Bytes(index * 1000 + input),
                |result| {
                    seen.push(result.0);
                    Ok(())
                },
            )
            .expect("a sink that never fails");
            assert_eq!(seen, (0..500).map(|n| n * 1001).collect::<Vec<_>>());
        }
    }
}
