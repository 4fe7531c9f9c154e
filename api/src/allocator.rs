//! How the C allocator is set up for a long-running server.
//!
//! glibc's malloc gives a thread that finds the arenas busy an arena of its own, up
//! to eight per core, and keeps what every arena once held. Under load the runtime's
//! blocking threads (one per database call in flight) each took one, and the
//! server's resident memory grew from 35 MB to 310–550 MB at demo scale. Half of
//! glibc's limit (four per core) kept it at 200–275 MB on two cores with the same
//! throughput; two arenas in all kept it near 100 MB but cost up to a third of the
//! throughput at 64 clients (README, *Performance*).
//!
//! glibc also raises its mmap threshold each time a large block is freed (up to
//! 32 MB), after which such blocks come from the arenas and stay there. A fixed
//! threshold of 2 MB sends them back to the system when freed: at N=100 the load
//! bench then left 250–275 MB instead of 380–450 MB, at demo scale 85–115 MB instead
//! of 190–250 MB, for 2–5% of the throughput (128 KB: 60–85 MB, but 10–15% slower).

/// Arenas per core the server's malloc may use, unless `MALLOC_ARENA_MAX` says
/// otherwise (glibc's own limit is 8 per core on 64-bit).
pub const ARENAS_PER_CORE: usize = 4;

/// Blocks of at least this many bytes are mapped on their own and returned to the
/// system when freed, unless `MALLOC_MMAP_THRESHOLD_` says otherwise.
pub const MMAP_THRESHOLD: usize = 2 * 1024 * 1024;

/// Limits glibc's malloc to [`ARENAS_PER_CORE`] arenas per core and fixes its mmap
/// threshold at [`MMAP_THRESHOLD`], each unless the operator set glibc's own variable
/// (`MALLOC_ARENA_MAX`, `MALLOC_MMAP_THRESHOLD_`; glibc reads those itself). Call it
/// first thing in `main`, before any thread starts. Elsewhere than glibc it does
/// nothing.
pub fn configure() {
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        set(M_ARENA_MAX, cores.saturating_mul(ARENAS_PER_CORE));
    }
    if std::env::var_os("MALLOC_MMAP_THRESHOLD_").is_none() {
        set(M_MMAP_THRESHOLD, MMAP_THRESHOLD);
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
use libc::{M_ARENA_MAX, M_MMAP_THRESHOLD};
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
const M_ARENA_MAX: i32 = 0;
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
const M_MMAP_THRESHOLD: i32 = 0;

/// Sets one of malloc's tuning values.
fn set(param: i32, value: usize) {
    let value = i32::try_from(value).unwrap_or(i32::MAX);
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tuning value of the allocator; it is called
    // before other threads exist and takes no pointers.
    unsafe {
        libc::mallopt(param, value);
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = (param, value);
}

/// Hands memory that malloc holds but no longer uses back to the system (glibc's
/// `malloc_trim`, which also releases free pages inside every arena). Called once
/// after start-up, where building the search index frees much at once (at N=100 the
/// server then holds about 105–120 MB instead of 155 MB). Not after every index
/// commit: trimming memory the server is about to use again costs page faults; with a
/// trim at most every 10 s the load bench at N=100 held 270–330 MB instead of
/// 370–450 MB but answered 5–15% fewer requests (two runs, within this machine's
/// noise, so not taken). Elsewhere than glibc it does nothing.
pub fn trim() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim takes no pointers and may be called from any thread.
    unsafe {
        libc::malloc_trim(0);
    }
}
