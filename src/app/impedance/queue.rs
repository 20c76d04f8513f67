//! The batch of fits the page runs, one at a time: which loaded spectrum is
//! fitted next, the fit under way (in the page worker or on a timer tick),
//! and which answers still count. Pure bookkeeping, tested natively; the
//! browser layer only starts the jobs it hands out and reports them done.

use std::collections::VecDeque;

use super::super::state::State;

/// A fit handed out: spectrum `index` with the state it was started with.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    /// The id its answer must carry.
    pub id: u32,
    /// Index into the loaded spectra.
    pub index: usize,
    /// The batch it belongs to ([`FitQueue::restart`] starts a new one).
    pub generation: u32,
    pub state: State,
}

/// Fits still to run, the one under way and the batch's progress.
#[derive(Debug, Clone, Default)]
pub struct FitQueue {
    waiting: VecDeque<usize>,
    in_flight: Option<Job>,
    generation: u32,
    last_id: u32,
    done: usize,
    total: usize,
}

impl FitQueue {
    /// A fresh message id (for fits and for the worker's other jobs).
    pub fn next_id(&mut self) -> u32 {
        self.last_id = self.last_id.wrapping_add(1);
        self.last_id
    }

    /// Queues spectra `indices` (just loaded) behind the others.
    pub fn add(&mut self, indices: impl IntoIterator<Item = usize>) {
        let before = self.waiting.len();
        self.waiting.extend(indices);
        self.total += self.waiting.len() - before;
    }

    /// Starts a new batch of the `count` loaded spectra (the Fit button):
    /// answers to the older batch, the one under way included, are dropped.
    pub fn restart(&mut self, count: usize) {
        self.generation = self.generation.wrapping_add(1);
        self.waiting = (0..count).collect();
        self.done = 0;
        self.total = count;
    }

    /// The next fit to start, unless one is under way or none is left;
    /// indices at or past `loaded` (spectra that are gone) are skipped.
    pub fn next_job(&mut self, state: &State, loaded: usize) -> Option<Job> {
        if self.in_flight.is_some() {
            return None;
        }
        let index = loop {
            let index = self.waiting.pop_front()?;
            if index < loaded {
                break index;
            }
        };
        let job = Job {
            id: self.next_id(),
            index,
            generation: self.generation,
            state: state.clone(),
        };
        self.in_flight = Some(job.clone());
        Some(job)
    }

    /// The job under way if its id is `id`.
    pub fn in_flight(&self, id: u32) -> Option<&Job> {
        self.in_flight.as_ref().filter(|j| j.id == id)
    }

    /// The index of job `id` if it is under way and its answer still
    /// counts (a first answer, the job staying under way).
    pub fn current(&self, id: u32) -> Option<usize> {
        let job = self.in_flight(id)?;
        (job.generation == self.generation).then_some(job.index)
    }

    /// Ends job `id`: the index its answer belongs to if the answer still
    /// counts (same batch), None if it does not or `id` is not under way.
    pub fn finish(&mut self, id: u32) -> Option<usize> {
        if self.in_flight.as_ref()?.id != id {
            return None;
        }
        let job = self.in_flight.take()?;
        (job.generation == self.generation).then(|| {
            self.done += 1;
            job.index
        })
    }

    /// Spectrum `index` was removed from the loaded ones: its waiting fit
    /// is dropped (and no longer counted), the answer to its fit under way
    /// will not count, a fit of it already done (`fitted`) leaves the
    /// count, and later indices move down by one.
    pub fn remove(&mut self, index: usize, fitted: bool) {
        if fitted && self.done > 0 {
            self.done -= 1;
            self.total -= 1;
        }
        let before = self.waiting.len();
        self.waiting.retain(|&k| k != index);
        self.total -= before - self.waiting.len();
        for k in self.waiting.iter_mut().filter(|k| **k > index) {
            *k -= 1;
        }
        if let Some(job) = self.in_flight.as_mut() {
            match job.index.cmp(&index) {
                std::cmp::Ordering::Equal => {
                    // Its answer belongs to no spectrum now.
                    job.generation = job.generation.wrapping_sub(1);
                    self.total -= 1;
                }
                std::cmp::Ordering::Greater => job.index -= 1,
                std::cmp::Ordering::Less => {}
            }
        }
    }

    /// Every spectrum was removed: nothing waits, no answer counts.
    pub fn clear(&mut self) {
        self.restart(0);
    }

    /// Queues spectrum `index` again alone (a refit of the one shown),
    /// unless it already waits.
    pub fn refit(&mut self, index: usize) {
        if !self.waiting.contains(&index) {
            self.add([index]);
        }
    }

    /// The worker is gone: the job under way is queued first again (if it
    /// still counts), to run on the page.
    pub fn requeue(&mut self) {
        if let Some(job) = self.in_flight.take() {
            if job.generation == self.generation {
                self.waiting.push_front(job.index);
            }
        }
    }

    /// True while a fit is under way or waiting.
    pub fn busy(&self) -> bool {
        self.in_flight.is_some() || !self.waiting.is_empty()
    }

    /// True while fits wait behind the one under way.
    pub fn any_waiting(&self) -> bool {
        !self.waiting.is_empty()
    }

    /// (fits done, fits in the batch).
    pub fn progress(&self) -> (usize, usize) {
        (self.done, self.total)
    }
}

#[cfg(test)]
mod tests;
