use super::*;

#[test]
fn runs_one_fit_at_a_time_in_order() {
    let s = State::default();
    let mut q = FitQueue::default();
    q.add(0..3);
    let a = q.next_job(&s, 3).unwrap();
    assert_eq!(a.index, 0);
    assert!(q.next_job(&s, 3).is_none(), "one at a time");
    assert_eq!(q.finish(a.id + 100), None, "a stranger's answer");
    assert_eq!(q.finish(a.id), Some(0));
    assert_eq!(q.finish(a.id), None, "answered once");
    let b = q.next_job(&s, 3).unwrap();
    assert_eq!((b.index, q.progress()), (1, (1, 3)));
    assert_ne!(a.id, b.id);
}

#[test]
fn a_restart_drops_the_answer_of_the_older_batch() {
    let s = State::default();
    let mut q = FitQueue::default();
    q.add(0..2);
    let old = q.next_job(&s, 2).unwrap();
    q.restart(2);
    assert_eq!(q.progress(), (0, 2));
    assert!(q.next_job(&s, 2).is_none(), "the old job still runs");
    assert_eq!(q.finish(old.id), None, "its answer no longer counts");
    let first = q.next_job(&s, 2).unwrap();
    assert_eq!(first.index, 0);
    assert_eq!(q.finish(first.id), Some(0));
    assert_eq!(q.progress(), (1, 2));
}

#[test]
fn a_lost_worker_hands_its_job_back_first() {
    let s = State::default();
    let mut q = FitQueue::default();
    q.add(0..3);
    let job = q.next_job(&s, 3).unwrap();
    q.requeue();
    assert!(q.busy());
    let again = q.next_job(&s, 3).unwrap();
    assert_eq!(again.index, job.index);
    assert_ne!(again.id, job.id);
    assert_eq!(q.finish(job.id), None, "the lost job's id is void");
}

#[test]
fn spectra_that_are_gone_are_skipped_and_the_queue_empties() {
    let s = State::default();
    let mut q = FitQueue::default();
    q.add([5, 1]);
    let job = q.next_job(&s, 2).unwrap();
    assert_eq!(job.index, 1);
    assert_eq!(q.finish(job.id), Some(1));
    assert!(q.next_job(&s, 2).is_none() && !q.busy());
}

#[test]
fn removing_a_spectrum_shifts_the_later_ones_and_voids_its_answer() {
    let s = State::default();
    let mut q = FitQueue::default();
    q.add(0..4);
    let running = q.next_job(&s, 4).unwrap(); // spectrum 0
    q.remove(2, false);
    // 1 and 3 wait; 3 is now 2.
    assert_eq!(q.progress(), (0, 3));
    q.remove(0, false); // the one under way
    assert_eq!(q.finish(running.id), None, "its answer belongs to nobody");
    assert_eq!(q.progress(), (0, 2));
    let next = q.next_job(&s, 2).unwrap();
    assert_eq!(next.index, 0, "spectrum 1 moved to 0");
    q.remove(1, false); // spectrum 3 (now 1), still waiting
    assert_eq!(q.finish(next.id), Some(0));
    assert!(q.next_job(&s, 1).is_none() && !q.busy());
    assert_eq!(q.progress(), (1, 1));
    q.remove(0, true); // the one fitted
    assert_eq!(q.progress(), (0, 0));
}

#[test]
fn a_refit_queues_the_shown_spectrum_once_and_clear_empties_all() {
    let s = State::default();
    let mut q = FitQueue::default();
    q.refit(3);
    q.refit(3);
    assert_eq!(q.progress(), (0, 1));
    assert_eq!(q.next_job(&s, 4).unwrap().index, 3);
    q.clear();
    assert!(!q.busy() || q.next_job(&s, 4).is_none());
    assert_eq!(q.progress(), (0, 0));
}

#[test]
fn a_first_answer_counts_only_for_the_current_batch() {
    let state = State::default();
    let mut q = FitQueue::default();
    q.add([0, 1]);
    let job = q.next_job(&state, 2).unwrap();
    assert_eq!(q.current(job.id), Some(0));
    assert_eq!(q.current(job.id + 1), None);
    q.restart(2);
    assert_eq!(q.current(job.id), None);
    // Still under way: its final answer ends it, though it no longer counts.
    assert_eq!(q.finish(job.id), None);
}

#[test]
fn the_spectrum_shown_is_fitted_before_the_others_waiting() {
    let s = State::default();
    let mut q = FitQueue::default();
    q.add(0..5);
    q.shown_first(3);
    q.shown_first(7); // not waiting: nothing moves
    let mut order = Vec::new();
    while let Some(job) = q.next_job(&s, 5) {
        order.push(job.index);
        q.finish(job.id);
    }
    assert_eq!(order, [3, 0, 1, 2, 4]);
}
