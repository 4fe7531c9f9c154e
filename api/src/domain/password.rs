//! Password rules. Length alone let "1234567890", ten spaces and someone's own e-mail
//! address through, so a password is also refused when it is:
//! - only white space, or one character or a short piece over and over;
//! - a run along the alphabet, the digits or the keyboard ("abcdefghij", "qwertyuiop");
//! - in the shipped list of common passwords (`data/common-passwords.txt`, Dutch ones
//!   included), also with digits or signs around it ("Welkom2026!");
//! - the owner's e-mail address, its part before the @, or their name (a part of 3
//!   letters or more) inside it.
//!
//! Comparisons ignore case and accents. Every message is Dutch and says what to do.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::text::fold;

/// The shipped list: one password a line, `#` starts a comment.
const COMMON_PASSWORDS: &str = include_str!("../../data/common-passwords.txt");

/// Runs a password may not be made of (each also read backwards): digits round the
/// clock, the alphabet, and the keyboard rows and columns.
const SEQUENCES: &[&str] = &[
    "01234567890",
    "abcdefghijklmnopqrstuvwxyz",
    "qwertyuiopasdfghjklzxcvbnm",
    "azertyuiopqsdfghjklmwxcvbn",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
];

/// Name parts that are not names: "van der Berg" may have "van" and "der" in a
/// password.
const NAME_PARTICLES: &[&str] = &[
    "van", "der", "den", "het", "ter", "ten", "von", "uit", "aan", "bij", "tot", "voor", "des",
    "del", "dos", "das", "les", "los",
];

const ADVICE: &str = "Kies een zin van een paar woorden.";

/// A password that meets the rules (not yet hashed).
pub struct Password(String);

/// Whose password it is: what it must not contain.
#[derive(Debug, Clone, Copy)]
pub struct Owner<'a> {
    /// Their e-mail address.
    pub email: &'a str,
    /// Their name.
    pub name: &'a str,
}

impl Password {
    /// Minimum length in characters.
    pub const MIN_CHARS: usize = 10;

    /// Maximum length in characters.
    pub const MAX_CHARS: usize = 200;

    /// Checks every rule; `Err` carries the Dutch message.
    pub fn parse(raw: &str, owner: Owner<'_>) -> Result<Password, String> {
        let password = Password::parse_without_owner(raw)?;
        password.check_owner(owner)?;
        Ok(password)
    }

    /// Checks every rule that does not need to know whose password it is (a reset
    /// link names its account only once it is redeemed); call [`Password::check_owner`]
    /// then.
    pub fn parse_without_owner(raw: &str) -> Result<Password, String> {
        check_length(raw)?;
        check_pattern(raw)?;
        check_common(raw)?;
        Ok(Password(raw.to_owned()))
    }

    /// Refuses a password with the owner's e-mail address or name in it.
    pub fn check_owner(&self, owner: Owner<'_>) -> Result<(), String> {
        let password = fold(&self.0);
        let email = fold(owner.email);
        let local = email.split('@').next().unwrap_or_default();
        let has_email = !email.is_empty() && password.contains(&email);
        if has_email || (local.chars().count() >= 3 && password.contains(local)) {
            return Err(format!(
                "Uw wachtwoord mag uw e-mailadres niet bevatten. {ADVICE}"
            ));
        }
        if name_parts(owner.name)
            .iter()
            .any(|part| password.contains(part))
        {
            return Err(format!("Uw wachtwoord mag uw naam niet bevatten. {ADVICE}"));
        }
        Ok(())
    }

    /// The plain text, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

fn check_length(raw: &str) -> Result<(), String> {
    let count = raw.chars().count();
    if count < Password::MIN_CHARS {
        return Err(format!(
            "Kies een wachtwoord van minstens {} tekens.",
            Password::MIN_CHARS
        ));
    }
    if count > Password::MAX_CHARS {
        return Err(format!(
            "Het wachtwoord is te lang (hooguit {} tekens).",
            Password::MAX_CHARS
        ));
    }
    Ok(())
}

/// White space only, one character or a short piece repeated, or a run.
fn check_pattern(raw: &str) -> Result<(), String> {
    if raw.trim().is_empty() {
        return Err(format!(
            "Een wachtwoord van alleen spaties is niet veilig. {ADVICE}"
        ));
    }
    let compact = compact(raw);
    if is_repetition(&compact) {
        return Err(format!(
            "Dit wachtwoord is te makkelijk te raden: het herhaalt steeds dezelfde tekens. {ADVICE}"
        ));
    }
    if is_sequence(&compact) {
        return Err(format!(
            "Dit wachtwoord is te makkelijk te raden: de tekens staan op volgorde, zoals 1234 of abcd. {ADVICE}"
        ));
    }
    Ok(())
}

/// In the list as typed, without its spaces and dashes, or once the digits and signs
/// around it are taken off ("Wachtwoord2026!" is "wachtwoord").
fn check_common(raw: &str) -> Result<(), String> {
    let folded = fold(raw);
    let stem = folded.trim_matches(|c: char| !c.is_alphabetic());
    let common = common_passwords();
    let found = common.contains(folded.as_str())
        || common.contains(compact(&folded).as_str())
        || (stem.chars().count() >= 4
            && (common.contains(stem) || common.contains(compact(stem).as_str())));
    if found {
        return Err(format!(
            "Dit wachtwoord is te makkelijk te raden: veel mensen gebruiken het. {ADVICE}"
        ));
    }
    Ok(())
}

fn common_passwords() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        COMMON_PASSWORDS
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .collect()
    })
}

/// Lower case, accents off, without white space and the usual separators.
fn compact(text: &str) -> String {
    fold(text)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_' | '.' | ','))
        .collect()
}

/// At most two different characters ("1111122222"), or a piece of at most four
/// repeated ("abcabcabca"); nothing but separators counts too.
fn is_repetition(compact: &str) -> bool {
    let chars: Vec<char> = compact.chars().collect();
    let distinct: HashSet<&char> = chars.iter().collect();
    let period = (1..chars.len())
        .find(|&p| (p..chars.len()).all(|i| chars[i] == chars[i - p]))
        .unwrap_or(chars.len());
    distinct.len() <= 2 || period <= 4
}

/// At most two places where the next character is not the neighbour of the one
/// before in one of the [`SEQUENCES`] ("abcdef123456" has two: the a and the 1).
fn is_sequence(compact: &str) -> bool {
    let chars: Vec<char> = compact.chars().collect();
    let jumps = 1 + chars
        .windows(2)
        .filter(|pair| !neighbours(pair[0], pair[1]))
        .count();
    jumps <= 2
}

fn neighbours(a: char, b: char) -> bool {
    SEQUENCES.iter().any(|run| {
        let run: Vec<char> = run.chars().collect();
        run.windows(2)
            .any(|w| (w[0] == a && w[1] == b) || (w[0] == b && w[1] == a))
    })
}

/// The parts of a name that count: 3 letters or more, not "van" or "der".
fn name_parts(name: &str) -> Vec<String> {
    fold(name)
        .split(|c: char| !c.is_alphabetic())
        .filter(|part| part.chars().count() >= 3 && !NAME_PARTICLES.contains(part))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const NOBODY: Owner<'static> = Owner {
        email: "",
        name: "",
    };

    fn refused(raw: &str) -> String {
        match Password::parse(raw, NOBODY) {
            Err(message) => message,
            Ok(_) => panic!("{raw:?} was accepted"),
        }
    }

    #[test]
    fn the_passwords_in_tests_and_demo_stay_valid() {
        let owner = Owner {
            email: "inge.bakker@example.nl",
            name: "Inge van der Bakker",
        };
        for ok in [
            "noaber-demo-2026",
            "een goed wachtwoord 2026",
            "een ander goed wachtwoord",
            "een nieuw wachtwoord 2026",
            "mijn oude wachtwoord",
            "nog een ander wachtwoord",
            "lang-genoeg-wachtwoord",
            "correct-horse-battery",
            "another-horse-battery",
            "een-sterk-wachtwoord",
            "nieuw-wachtwoord-2026",
            "nog-een-wachtwoord",
            "verkeerd-wachtwoord",
            "coordinator-password",
            "Tuinieren in de zomer met mijn buurvrouw",
        ] {
            assert!(Password::parse(ok, owner).is_ok(), "{ok} refused");
        }
    }

    #[test]
    fn length_rules_come_first() {
        assert!(refused("kort").contains("minstens 10 tekens"));
        assert!(refused(&"x".repeat(201)).contains("te lang"));
    }

    #[test]
    fn white_space_repeats_and_runs_are_refused() {
        assert!(refused("          ").contains("alleen spaties"));
        assert!(refused("\t\t\t\t\t\t\t\t\t\t").contains("alleen spaties"));
        for repeated in [
            "aaaaaaaaaa",
            "AAAAAaaaaa",
            "----------",
            "abcabcabcabc",
            "1111122222",
            "a-a-a-a-a-a",
        ] {
            assert!(refused(repeated).contains("herhaalt"), "{repeated}");
        }
        for run in [
            "1234567890",
            "0987654321",
            "abcdefghij",
            "JIHGFEDCBA",
            "qwertyuiop",
            "1234-5678-90",
            "abcdef123456",
            "7890123456",
            "azertyuiop",
        ] {
            assert!(refused(run).contains("volgorde"), "{run}");
        }
    }

    #[test]
    fn common_passwords_are_refused_in_any_case_and_dress() {
        for common in [
            "wachtwoord",
            "Wachtwoord",
            "WACHTWOORD123",
            "Welkom2026!",
            "welkom 123 ",
            "password123",
            "Basketball",
            "monkey12345",
            "ikhouvanjou",
            "voetbal1234",
            "!!Wachtwoord!!",
        ] {
            assert!(refused(common).contains("veel mensen"), "{common}");
        }
    }

    #[test]
    fn the_owners_address_and_name_are_refused() {
        let owner = Owner {
            email: "Inge.Bakker@example.nl",
            name: "Inge van Dijk-Bakker",
        };
        let message = |raw: &str| match Password::parse(raw, owner) {
            Err(m) => m,
            Ok(_) => panic!("{raw:?} accepted"),
        };
        assert!(message("inge.bakker@example.nl").contains("e-mailadres"));
        assert!(message("mijn inge.bakker 2026").contains("e-mailadres"));
        assert!(message("ik ben INGE uit beilen").contains("naam"));
        assert!(message("dijkje bij de zee").contains("naam"));
        assert!(message("bakker-op-de-hoek").contains("naam"));
        // Short parts and particles are no name.
        assert!(Password::parse("een avond van rust", owner).is_ok());
        let accented = Owner {
            email: "c@b.nl",
            name: "Carla Coördinator",
        };
        assert!(Password::parse("de coordinator-2026", accented).is_err());
        // A short local part is not looked for inside (too many false alarms),
        // but the whole address is.
        let short = Owner {
            email: "jo@b.nl",
            name: "",
        };
        assert!(Password::parse("jo@b.nl is mijn adres", short).is_err());
        assert!(Password::parse("joggen in de ochtend", short).is_ok());
    }

    #[test]
    fn the_list_is_loaded_lower_case_and_has_dutch_entries() {
        let set = common_passwords();
        assert!(set.len() > 2000, "{}", set.len());
        assert!(set.iter().all(|p| *p == p.to_lowercase()));
        for dutch in ["wachtwoord", "welkom123", "ajax1900", "geheim123"] {
            assert!(set.contains(dutch), "{dutch}");
        }
    }

    proptest! {
        /// A few random words with a space between are fine.
        #[test]
        fn a_sentence_of_random_words_passes(words in proptest::collection::vec("[a-z]{4,8}", 3..6)) {
            let sentence = words.join(" ");
            prop_assert!(Password::parse(&sentence, NOBODY).is_ok(), "{}", sentence);
        }

        /// One character repeated is refused, whatever the character and length.
        #[test]
        fn one_character_repeated_is_refused(c in any::<char>(), n in 10usize..60) {
            let raw = c.to_string().repeat(n);
            prop_assert!(Password::parse(&raw, NOBODY).is_err());
        }

        /// Any 10+ character stretch of the digits or the alphabet is refused.
        #[test]
        fn runs_are_refused(start in 0usize..16, len in 10usize..=26, reverse in any::<bool>()) {
            let alphabet = "abcdefghijklmnopqrstuvwxyz";
            let end = (start + len).min(alphabet.len());
            prop_assume!(end - start >= 10);
            let mut run: String = alphabet[start..end].to_owned();
            if reverse {
                run = run.chars().rev().collect();
            }
            prop_assert!(Password::parse(&run, NOBODY).is_err());
        }
    }
}
