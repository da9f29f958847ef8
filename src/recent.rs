//! Memos of the last few entries, searched linearly (a handful each): the solver's evaluation
//! cache, the point setup's remembered scales, evolutions and root searches, the consistent set's
//! shared coupling up-runs. Below every other module, so the model and the solver share it.

/// Appends `item` to a memo of the last `capacity` entries, dropping the oldest.
pub(crate) fn push_recent<T>(recent: &mut Vec<T>, item: T, capacity: usize) {
    if recent.len() >= capacity {
        recent.remove(0);
    }
    recent.push(item);
}
