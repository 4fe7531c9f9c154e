//! Account input: e-mail addresses, passwords, names, registration.

use serde::Deserialize;
use utoipa::ToSchema;
use validator::ValidateEmail;

pub use super::password::{Owner, Password};
use super::{screening, text, Role};
use crate::error::{ApiError, FieldErrors};

/// A syntactically valid e-mail address, lower-cased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Parses and lower-cases an address.
    pub fn parse(raw: &str) -> Result<Email, String> {
        let email = raw.trim().to_lowercase();
        if email.is_empty() {
            return Err("E-mailadres is verplicht.".into());
        }
        if email.len() > 254 || !email.validate_email() {
            return Err("Dit is geen geldig e-mailadres.".into());
        }
        // A mailbox people can write to has a domain with a dot: "naam@voorbeeld" is
        // a typo that would leave someone waiting for a mail that never comes.
        let domain = email.rsplit('@').next().unwrap_or("");
        if !domain.contains('.') || domain.ends_with('.') {
            return Err(
                "Dit e-mailadres is niet compleet. Het eindigt meestal op .nl of .com, bijvoorbeeld naam@voorbeeld.nl."
                    .into(),
            );
        }
        Ok(Email(email))
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A Dutch phone number in a loose but checked form ("06-12345678", "+31 593 123456").
pub fn parse_phone(raw: &str) -> Result<String, String> {
    let trimmed = raw.trim();
    let digits = trimmed.chars().filter(char::is_ascii_digit).count();
    let allowed = trimmed
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '+' | '(' | ')'));
    if !allowed || !(9..=15).contains(&digits) {
        return Err(
            "Dit is geen geldig telefoonnummer. Schrijf alleen het nummer, bijvoorbeeld 06 12345678 of 0593 123456."
                .into(),
        );
    }
    Ok(trimmed.to_owned())
}

/// An organisation's name as its vacancies show it to everyone: required, at most
/// 100 characters, and no phone number, address or link in it (it is not reviewed).
fn organisation_name(raw: &str) -> Result<String, String> {
    let name = text::required(raw, "Naam van de organisatie", 100)?;
    if screening::screen(&name).is_empty() {
        Ok(name)
    } else {
        Err("Zet alleen de naam hier: geen telefoonnummer, adres, e-mailadres of link.".into())
    }
}

/// Body of `PATCH /api/v1/me`: the caller's own details to change; what is left out
/// stays as it is.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct DetailsInput {
    /// Name (others see the first name, and the whole name after an introduction).
    #[serde(default)]
    pub name: Option<String>,
    /// Phone number; an empty text removes it.
    #[serde(default)]
    pub phone: Option<String>,
    /// An organisation's name, shown on its vacancies (organisations only).
    #[serde(default)]
    pub organisation: Option<String>,
}

/// Details that passed every check: `None` leaves a field as it is; `phone:
/// Some(None)` removes the number.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Details {
    /// New name.
    pub name: Option<String>,
    /// New phone number, or none.
    pub phone: Option<Option<String>>,
    /// New organisation name.
    pub organisation: Option<String>,
}

impl DetailsInput {
    /// Checks every field given, for an account of `role`.
    pub fn parse(self, role: Role) -> Result<Details, ApiError> {
        let mut errors = FieldErrors::new();
        let mut details = Details::default();
        if let Some(name) = self.name {
            match text::required(&name, "Naam", 100) {
                Ok(name) => details.name = Some(name),
                Err(e) => {
                    errors.insert("name".into(), e);
                }
            }
        }
        if let Some(phone) = self.phone {
            match phone.trim() {
                "" => details.phone = Some(None),
                p => match parse_phone(p) {
                    Ok(p) => details.phone = Some(Some(p)),
                    Err(e) => {
                        errors.insert("phone".into(), e);
                    }
                },
            }
        }
        if let Some(organisation) = self.organisation {
            let checked = if role == Role::Organisation {
                organisation_name(&organisation)
            } else {
                Err("Alleen een organisatie heeft een organisatienaam.".into())
            };
            match checked {
                Ok(name) => details.organisation = Some(name),
                Err(e) => {
                    errors.insert("organisation".into(), e);
                }
            }
        }
        if errors.is_empty() {
            Ok(details)
        } else {
            Err(ApiError::validation(errors))
        }
    }
}

/// Body of `POST /api/v1/auth/register`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RegisterInput {
    /// Login e-mail address.
    #[serde(default)]
    pub email: String,
    /// At least 10 characters, not a common password, without the e-mail address or
    /// name in it (see `domain::password`).
    #[serde(default)]
    pub password: String,
    /// Name as shown to the Servicepunt (the public sees only the first name).
    #[serde(default)]
    pub name: String,
    /// `resident`, `volunteer` or `organisation`.
    #[serde(default)]
    pub role: String,
    /// Optional phone number.
    #[serde(default)]
    pub phone: Option<String>,
    /// For an organisation: its name, shown on its vacancies (`name` is then the
    /// contact person's; without it, `name` is the organisation's name too).
    #[serde(default)]
    pub organisation: Option<String>,
}

/// A registration that passed every check.
pub struct Registration {
    /// Address.
    pub email: Email,
    /// Password to hash.
    pub password: Password,
    /// Display name.
    pub name: String,
    /// Self-registrable role.
    pub role: Role,
    /// Phone, if given.
    pub phone: Option<String>,
    /// An organisation's own name, if given (organisations only).
    pub organisation: Option<String>,
}

impl RegisterInput {
    /// Checks every field, collecting all messages at once.
    pub fn parse(self) -> Result<Registration, ApiError> {
        let mut errors = FieldErrors::new();
        let email = Email::parse(&self.email).map_err(|e| errors.insert("email".into(), e));
        let owner = Owner {
            email: &self.email,
            name: &self.name,
        };
        let password =
            Password::parse(&self.password, owner).map_err(|e| errors.insert("password".into(), e));
        let name =
            text::required(&self.name, "Naam", 100).map_err(|e| errors.insert("name".into(), e));
        let role = match Role::parse(&self.role) {
            Some(Role::Coordinator) => {
                errors.insert(
                    "role".into(),
                    "Coördinatoren worden door de beheerder aangemaakt.".into(),
                );
                None
            }
            Some(role) => Some(role),
            None => {
                errors.insert(
                    "role".into(),
                    "Kies resident, volunteer of organisation.".into(),
                );
                None
            }
        };
        let phone = match self.phone.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(p) => parse_phone(p)
                .map(Some)
                .map_err(|e| errors.insert("phone".into(), e)),
        };
        let organisation = match self.organisation.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(_) if role != Some(Role::Organisation) => Ok(None),
            Some(o) => organisation_name(o)
                .map(Some)
                .map_err(|e| errors.insert("organisation".into(), e)),
        };
        match (email, password, name, role, phone, organisation) {
            (Ok(email), Ok(password), Ok(name), Some(role), Ok(phone), Ok(organisation))
                if errors.is_empty() =>
            {
                Ok(Registration {
                    email,
                    password,
                    name,
                    role,
                    phone,
                    organisation,
                })
            }
            _ => Err(ApiError::validation(errors)),
        }
    }
}

/// Body of `POST /api/v1/auth/login`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginInput {
    /// E-mail address.
    #[serde(default)]
    pub email: String,
    /// Password.
    #[serde(default)]
    pub password: String,
}

/// The first name of a full name, which is all the public ever sees. Someone who
/// wrote a form of address instead (*Mevrouw Jansen*, *dhr. van Dijk*) is that with
/// the initial of their surname (*Mevrouw J.*, *Meneer D.*), not *Mevrouw*.
pub fn first_name(name: &str) -> String {
    let mut words = name.split_whitespace().peekable();
    let first = words.next().unwrap_or("");
    let Some(address) = form_of_address(first, words.peek().copied()) else {
        return first.to_owned();
    };
    if first.eq_ignore_ascii_case("de") {
        words.next();
    }
    let initial = words
        .find(|w| !SURNAME_PARTICLES.contains(&w.to_lowercase().as_str()))
        .and_then(|w| w.chars().find(|c| c.is_alphabetic()))
        .map(|c| format!(" {}.", c.to_uppercase()));
    format!("{address}{}", initial.unwrap_or_default())
}

/// *Mevrouw* or *Meneer* for the ways people write them before a surname.
fn form_of_address(word: &str, next: Option<&str>) -> Option<&'static str> {
    let word = word.trim_end_matches('.').to_lowercase();
    match word.as_str() {
        "mevrouw" | "mevr" | "mw" | "mvr" => Some("Mevrouw"),
        "meneer" | "mijnheer" | "mnr" | "dhr" => Some("Meneer"),
        "de" if next.is_some_and(|n| n.eq_ignore_ascii_case("heer")) => Some("Meneer"),
        _ => None,
    }
}

/// Words before a Dutch surname that are not its initial (*van der Veen*: V.).
const SURNAME_PARTICLES: &[&str] = &[
    "van", "de", "der", "den", "het", "'t", "ten", "ter", "te", "in", "op", "uit", "v.d.",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_checked_and_lower_cased() {
        assert_eq!(
            Email::parse(" Inge@Example.NL ").unwrap().as_str(),
            "inge@example.nl"
        );
        assert!(Email::parse("inge@").is_err());
        assert!(Email::parse("g.jansen@voorbeeld")
            .unwrap_err()
            .contains("niet compleet"));
        assert!(Email::parse("").is_err());
    }

    #[test]
    fn a_form_of_address_keeps_the_surnames_initial_not_the_surname() {
        assert_eq!(first_name("Inge Bakker"), "Inge");
        assert_eq!(first_name("Mevrouw Jansen"), "Mevrouw J.");
        assert_eq!(first_name("mw. van der Veen"), "Mevrouw V.");
        assert_eq!(first_name("Dhr. Dijkstra"), "Meneer D.");
        assert_eq!(first_name("de heer ten Brink"), "Meneer B.");
        assert_eq!(first_name("Meneer"), "Meneer");
        // A first name that only looks like one stays itself.
        assert_eq!(first_name("Dewi de Heer"), "Dewi");
        assert_eq!(first_name("De Vries"), "De");
        assert_eq!(first_name(""), "");
    }

    #[test]
    fn phones_need_enough_digits() {
        assert!(parse_phone("06-12345678").is_ok());
        assert!(parse_phone("+31 593 123 456").is_ok());
        assert!(parse_phone("12345").is_err());
        assert!(parse_phone("bel me").is_err());
    }

    #[test]
    fn an_organisation_name_holds_no_contact_details() {
        assert_eq!(
            organisation_name(" Zorgcentrum De Hofstee ").as_deref(),
            Ok("Zorgcentrum De Hofstee")
        );
        for bad in ["Hofstee, bel 0593-123456", "www.hofstee.nl", "  "] {
            assert!(organisation_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn coordinators_cannot_register_themselves() {
        let input = RegisterInput {
            email: "a@b.nl".into(),
            password: "lang-genoeg-wachtwoord".into(),
            name: "A".into(),
            role: "coordinator".into(),
            phone: None,
            organisation: None,
        };
        match input.parse() {
            Err(ApiError::Validation { errors, .. }) => assert!(errors.contains_key("role")),
            _ => panic!("expected a validation error"),
        }
    }

    #[test]
    fn first_name_only() {
        assert_eq!(first_name("Inge de Vries"), "Inge");
    }
}
