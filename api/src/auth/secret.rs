//! The secret that signs access tokens: `NOABER_JWT_SECRET`, or a file in the data
//! directory that Noaber generates once.
//!
//! Anyone who knows the secret can sign a token for any account, coordinators too, so
//! a weak one is refused at start-up rather than used. A file that is there but
//! damaged is never replaced: replacing it would log everybody out without a word,
//! and would hide whatever damaged it. The operator gets an error that says what to do.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use rand::RngCore;

/// Name of the generated secret file in the data directory.
pub const SECRET_FILE: &str = "jwt-secret";

/// Shortest secret accepted, in bytes.
pub const MIN_BYTES: usize = 32;

/// Random bytes in a generated secret (stored base64-encoded, 64 characters).
const GENERATED_BYTES: usize = 48;

/// Least estimated strength, in bits (see [`estimated_bits`]). 64 random hex
/// characters score about 220, 44 random base64 characters about 210; a short
/// sentence someone made up scores about 140.
const MIN_BITS: f64 = 160.0;

/// What a good secret looks like, for the error messages.
const HOW_TO_MAKE_ONE: &str =
    "use at least 32 random bytes, for example the output of `openssl rand -base64 48`";

/// Why there is no usable secret.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    /// `NOABER_JWT_SECRET` is too short or too predictable.
    #[error("NOABER_JWT_SECRET is too weak: {reason}; {HOW_TO_MAKE_ONE}, or leave NOABER_JWT_SECRET unset to have Noaber generate a secret in the data directory")]
    WeakConfigured {
        /// What is wrong with it.
        reason: String,
    },
    /// The secret file exists but cannot be used; it is left as it is.
    #[error("the JWT secret file {} {reason}. Noaber does not overwrite it: restore it from a backup, or delete it to have a new one generated (everyone will have to log in again)", path.display())]
    DamagedFile {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// Reading or writing the file failed.
    #[error("cannot {action} the JWT secret file {}: {source}", path.display())]
    Io {
        /// `read` or `create`.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// The secret from `NOABER_JWT_SECRET`, or the one kept in `data_dir` (generated the
/// first time). Either way it must be strong enough; see [`check_strength`].
pub fn load_or_create_secret(
    configured: Option<&str>,
    data_dir: &Path,
) -> Result<Vec<u8>, SecretError> {
    if let Some(secret) = configured {
        check_strength(secret.as_bytes())
            .map_err(|reason| SecretError::WeakConfigured { reason })?;
        return Ok(secret.as_bytes().to_vec());
    }
    let path = data_dir.join(SECRET_FILE);
    match std::fs::read(&path) {
        Ok(bytes) => secret_from_file(&path, bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => create_secret_file(&path),
        Err(source) => Err(SecretError::Io {
            action: "read",
            path,
            source,
        }),
    }
}

/// The key in an existing file: its text without surrounding white space (files from
/// before this check hold 64 hex characters, and keep working).
fn secret_from_file(path: &Path, bytes: Vec<u8>) -> Result<Vec<u8>, SecretError> {
    let damaged = |reason: String| SecretError::DamagedFile {
        path: path.to_owned(),
        reason,
    };
    let text = String::from_utf8(bytes).map_err(|_| damaged("is not text (UTF-8)".into()))?;
    let secret = text.trim();
    if secret.is_empty() {
        return Err(damaged("is empty".into()));
    }
    check_strength(secret.as_bytes())
        .map_err(|reason| damaged(format!("is too weak: {reason}")))?;
    warn_if_readable_by_others(path);
    Ok(secret.as_bytes().to_vec())
}

/// Writes a new secret to `path`, which must not exist yet: created with mode 0600 in
/// one step, so it is never readable by others, not even for a moment. When another
/// process created it first (two nodes starting on one data directory), theirs counts.
fn create_secret_file(path: &Path) -> Result<Vec<u8>, SecretError> {
    let io = |action, source| SecretError::Io {
        action,
        path: path.to_owned(),
        source,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| io("create", e))?;
    }
    let secret = generate_secret();
    let mut file = match open_new(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let bytes = std::fs::read(path).map_err(|e| io("read", e))?;
            return secret_from_file(path, bytes);
        }
        Err(e) => return Err(io("create", e)),
    };
    let written = file
        .write_all(secret.as_bytes())
        .and_then(|()| file.sync_all());
    if let Err(e) = written {
        // The half-written file is ours; leaving it would stop the next start.
        let _ = std::fs::remove_file(path);
        return Err(io("create", e));
    }
    tracing::info!(path = %path.display(), "generated a new JWT secret");
    Ok(secret.into_bytes())
}

#[cfg(unix)]
fn open_new(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn open_new(path: &Path) -> std::io::Result<std::fs::File> {
    OpenOptions::new().write(true).create_new(true).open(path)
}

#[cfg(unix)]
fn warn_if_readable_by_others(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path) {
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            tracing::warn!(path = %path.display(), mode = format!("{mode:o}"), "the JWT secret file can be read by other users; make it 0600");
        }
    }
}

#[cfg(not(unix))]
fn warn_if_readable_by_others(_path: &Path) {}

/// [`GENERATED_BYTES`] bytes from the operating system's generator, base64-encoded.
pub fn generate_secret() -> String {
    let mut bytes = [0u8; GENERATED_BYTES];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    STANDARD.encode(bytes)
}

/// Whether `secret` is long and unpredictable enough to sign tokens with; the reason
/// when not.
pub fn check_strength(secret: &[u8]) -> Result<(), String> {
    if secret.len() < MIN_BYTES {
        return Err(format!(
            "it is {} bytes long, at least {MIN_BYTES} are needed",
            secret.len()
        ));
    }
    let bits = estimated_bits(secret);
    if bits < MIN_BITS {
        return Err(format!(
            "it is too predictable (repeated or consecutive characters, or too few different ones: about {bits:.0} bits, at least {MIN_BITS:.0} needed)"
        ));
    }
    Ok(())
}

/// A rough estimate of how many bits of chance are in `secret`: the Shannon entropy
/// per byte times the number of bytes that could not be guessed from the ones
/// before. Guessable are: everything after the first round of a repeating pattern
/// (`abcabc…`), and a byte that goes on a run of equal steps (`aaaa`, `1234`,
/// `fedc`). Not a proof of randomness; it catches what people type when asked for a
/// secret.
pub fn estimated_bits(secret: &[u8]) -> f64 {
    let pattern = &secret[..period(secret)];
    shannon_bits_per_byte(secret) * surprising_bytes(pattern) as f64
}

/// The length of the shortest piece that `bytes` repeats (its own length when it
/// repeats nothing).
fn period(bytes: &[u8]) -> usize {
    (1..bytes.len())
        .find(|&p| (p..bytes.len()).all(|i| bytes[i] == bytes[i - p]))
        .unwrap_or(bytes.len())
}

/// Bytes that do not continue the step between the two before them.
fn surprising_bytes(bytes: &[u8]) -> usize {
    let step = |i: usize| i16::from(bytes[i]) - i16::from(bytes[i - 1]);
    (0..bytes.len())
        .filter(|&i| match i {
            0 => true,
            1 => bytes[1] != bytes[0],
            _ => step(i) != step(i - 1) && step(i) != 0,
        })
        .count()
}

fn shannon_bits_per_byte(bytes: &[u8]) -> f64 {
    let mut counts = [0usize; 256];
    for &b in bytes {
        counts[usize::from(b)] += 1;
    }
    let total = bytes.len() as f64;
    counts
        .iter()
        .filter(|&&n| n > 0)
        .map(|&n| {
            let p = n as f64 / total;
            -p * p.log2()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn weak(secret: &str) -> bool {
        check_strength(secret.as_bytes()).is_err()
    }

    #[test]
    fn short_and_predictable_secrets_are_refused() {
        assert!(weak("a"));
        assert!(weak(&"a".repeat(32)));
        assert!(weak(&"a".repeat(200)));
        assert!(weak(&"abc".repeat(20)));
        assert!(weak(&"0123456789".repeat(5)));
        assert!(weak("abcdefghijklmnopqrstuvwxyz0123456789"));
        assert!(weak("zyxwvutsrqponmlkjihgfedcba9876543210"));
        assert!(weak(&"secret".repeat(10)));
        assert!(weak("0123456789abcdef0123456789abcdef"));
        assert!(weak("mijn geheime sleutel voor noaber"));
        // 128 random bits in hex are 16 bytes of chance, not 32.
        assert!(weak("9f86d081884c7d659a2feaa0c55ad015"));
    }

    #[test]
    fn random_secrets_pass() {
        assert!(!weak(&generate_secret()));
        // `openssl rand -hex 32`, and a file in the old generated format.
        assert!(!weak(
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
        ));
        assert!(!weak(&format!(
            "{}{}",
            uuid::Uuid::new_v4().simple(),
            uuid::Uuid::new_v4().simple()
        )));
    }

    proptest! {
        #[test]
        fn any_32_random_bytes_encoded_pass(bytes in proptest::collection::vec(any::<u8>(), 32..64)) {
            prop_assert!(check_strength(STANDARD.encode(&bytes).as_bytes()).is_ok());
            let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            prop_assert!(check_strength(hex.as_bytes()).is_ok());
        }

        #[test]
        fn a_repeated_piece_is_as_weak_as_the_piece(piece in "[a-z0-9]{1,8}", times in 5usize..20) {
            let repeated = piece.repeat(times);
            prop_assert!(estimated_bits(repeated.as_bytes()) <= 8.0 * 5.17);
        }
    }

    #[test]
    fn a_configured_secret_is_used_as_given_or_refused_with_advice() {
        let dir = tempfile::tempdir().unwrap();
        let good = generate_secret();
        let key = load_or_create_secret(Some(&good), dir.path()).unwrap();
        assert_eq!(key, good.as_bytes());
        assert!(!dir.path().join(SECRET_FILE).exists(), "no file is written");
        let err = load_or_create_secret(Some(&"a".repeat(40)), dir.path())
            .unwrap_err()
            .to_string();
        assert!(err.contains("NOABER_JWT_SECRET"), "{err}");
        assert!(err.contains("openssl rand -base64 48"), "{err}");
    }

    #[test]
    fn a_new_file_is_private_and_read_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let first = load_or_create_secret(None, &dir.path().join("data")).unwrap();
        let path = dir.path().join("data").join(SECRET_FILE);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert_eq!(first.len(), 64, "48 bytes in base64");
        let again = load_or_create_secret(None, &dir.path().join("data")).unwrap();
        assert_eq!(first, again);
    }

    #[test]
    fn a_damaged_file_is_refused_and_left_alone() {
        for (content, says) in [
            (b"kort".to_vec(), "too weak"),
            (vec![0xff, 0xfe, 0x00, 0x80], "not text"),
            (b"  \n".to_vec(), "empty"),
            ("a".repeat(64).into_bytes(), "too weak"),
        ] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join(SECRET_FILE);
            std::fs::write(&path, &content).unwrap();
            let err = load_or_create_secret(None, dir.path())
                .unwrap_err()
                .to_string();
            assert!(err.contains(says), "{err}");
            assert!(err.contains("does not overwrite"), "{err}");
            assert_eq!(std::fs::read(&path).unwrap(), content, "file untouched");
        }
    }
}
