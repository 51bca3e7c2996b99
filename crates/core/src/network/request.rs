//! The network request an operation runs for, held for the operation's thread.
//!
//! The server sets it around one call of an operation ([`with_request`]); the core's
//! transaction ([`crate::register::Change`]) reads it. A thread-local spares every one of
//! the hundred-odd operations an argument that only one door has; operations run
//! synchronously on the calling thread, so the value cannot leak into another request.

use std::cell::RefCell;

/// Where a request came from and how it is to be made exactly-once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestContext {
    /// The client's address (an IP address), recorded with every audit entry.
    pub client: Option<String>,
    /// The idempotency key of a write and the operation's name: stored in the write's
    /// transaction, so a second commit under the same key is refused.
    pub idempotency: Option<(String, String)>,
}

thread_local! {
    static CURRENT: RefCell<Option<RequestContext>> = const { RefCell::new(None) };
}

/// Runs `work` with `context` as the current request, and clears it afterwards (also
/// when `work` panics, so a pooled thread never carries a stale address).
pub fn with_request<T>(context: RequestContext, work: impl FnOnce() -> T) -> T {
    struct Reset(Option<RequestContext>);
    impl Drop for Reset {
        fn drop(&mut self) {
            let previous = self.0.take();
            CURRENT.with(|c| *c.borrow_mut() = previous);
        }
    }
    let previous = CURRENT.with(|c| c.borrow_mut().replace(context));
    let _reset = Reset(previous);
    work()
}

/// The current request's client address, if the operation came over the network.
pub(crate) fn client() -> Option<String> {
    CURRENT.with(|c| c.borrow().as_ref().and_then(|r| r.client.clone()))
}

/// Takes the current request's idempotency key (once: the first committed transaction
/// of the operation stores it).
pub(crate) fn take_idempotency() -> Option<(String, String)> {
    CURRENT.with(|c| c.borrow_mut().as_mut().and_then(|r| r.idempotency.take()))
}
