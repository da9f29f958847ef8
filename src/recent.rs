//! Memos of the last few entries, searched linearly (a handful each): the solver's evaluation
//! cache, the point setup's remembered scales, evolutions and root searches, the consistent set's
//! shared coupling up-runs and remembered evolutions. Below every other module, so the model and
//! the solver share it.

use std::collections::VecDeque;

/// Appends `item` to a memo of the last `capacity` entries (oldest first), dropping the oldest.
/// A ring: the entries stay where they are (a vector's `remove(0)` moved them all at every push,
/// ~800 bytes per remembered evolution: 1.6 % of the consistent CPU, docs/speed.md, issue 20,
/// session 35).
pub(crate) fn push_recent<T>(recent: &mut VecDeque<T>, item: T, capacity: usize) {
    if recent.len() >= capacity {
        recent.pop_front();
    }
    recent.push_back(item);
}
