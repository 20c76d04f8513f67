//! A small map from a key to the value last written under it, searched
//! linearly: the page keeps a few dozen such entries (rows, plots, tables),
//! and `std`'s `HashMap` would bring its hashing and table code into the
//! page's wasm for no measurable gain at that size.

use std::borrow::Borrow;

/// Keys with the value last stored for each, in insertion order.
#[derive(Debug, Clone)]
pub struct LastWritten<K, V> {
    entries: Vec<(K, V)>,
}

impl<K, V> Default for LastWritten<K, V> {
    fn default() -> Self {
        Self {
            entries: Vec::new(),
        }
    }
}

impl<K, V> LastWritten<K, V> {
    /// The value stored under `key`, if any.
    pub fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: PartialEq + ?Sized,
    {
        self.entries
            .iter()
            .find(|(k, _)| k.borrow() == key)
            .map(|(_, v)| v)
    }

    /// Stores `value` under `key`, replacing what was there.
    pub fn insert(&mut self, key: K, value: V)
    where
        K: PartialEq,
    {
        match self.entries.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 = value,
            None => self.entries.push((key, value)),
        }
    }

    /// Forgets `key` and its value.
    pub fn remove<Q>(&mut self, key: &Q)
    where
        K: Borrow<Q>,
        Q: PartialEq + ?Sized,
    {
        self.entries.retain(|(k, _)| k.borrow() != key);
    }

    /// Forgets every key.
    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::LastWritten;

    #[test]
    fn keeps_the_last_value_per_key() {
        let mut m: LastWritten<String, i32> = LastWritten::default();
        assert_eq!(m.get("a"), None);
        m.insert("a".into(), 1);
        m.insert("b".into(), 2);
        m.insert("a".into(), 3);
        assert_eq!((m.get("a"), m.get("b")), (Some(&3), Some(&2)));
        m.remove("a");
        assert_eq!((m.get("a"), m.get("b")), (None, Some(&2)));
        m.clear();
        assert_eq!(m.get("b"), None);
    }
}
