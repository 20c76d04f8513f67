//! A job of the page worker the page waits for, one at a time, and the
//! last answer, each with what it was asked for (the DRT panel's spectrum,
//! the temperature series' inputs): an answer to an older job does not count.

/// The job under way (id, what it is for) and the last answer.
#[derive(Debug, Clone)]
pub struct Asked<K, A> {
    pub asked: Option<(u32, K)>,
    pub done: Option<(K, Result<A, String>)>,
}

impl<K, A> Default for Asked<K, A> {
    fn default() -> Self {
        Asked {
            asked: None,
            done: None,
        }
    }
}

impl<K, A> Asked<K, A> {
    /// Job `id` is for `key` (an older job no longer counts).
    pub fn ask(&mut self, id: u32, key: K) {
        self.asked = Some((id, key));
    }

    /// The answer to job `id`; false when it is not the one asked for last.
    pub fn answered(&mut self, id: u32, result: Result<A, String>) -> bool {
        match self.asked.take() {
            Some((asked, key)) if asked == id => {
                self.done = Some((key, result));
                true
            }
            other => {
                self.asked = other;
                false
            }
        }
    }

    /// Forgets everything (spectra cleared).
    pub fn clear(&mut self) {
        *self = Asked::default();
    }
}
