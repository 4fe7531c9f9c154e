//! How mail leaves Noaber: SMTP (`NOABER_SMTP_URL`: `smtp://host:port` plain,
//! `smtp://host:port?tls=required` for STARTTLS, `smtps://host:port` for TLS, with
//! optional `user:password@`), or, when unset, `.eml` files in a directory.

use std::path::Path;
use std::time::Duration;

use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use thiserror::Error;

use crate::db::outbox::OutboxRow;

/// The transport could not be set up.
#[derive(Debug, Error)]
pub enum TransportError {
    /// `NOABER_SMTP_URL` is not a usable SMTP URL.
    #[error("NOABER_SMTP_URL is invalid: {0}")]
    SmtpUrl(String),
    /// `NOABER_MAIL_FROM` or `NOABER_MAIL_REPLY_TO` is not an address.
    #[error("{0} is not a valid address: {1}")]
    Address(&'static str, String),
    /// The `.eml` directory cannot be created.
    #[error("cannot create the mail directory {path}: {source}")]
    Directory {
        /// Which directory.
        path: String,
        /// Why.
        source: std::io::Error,
    },
}

/// Why one mail was not sent.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SendError {
    /// Worth trying again later (server down, timeout, 4xx).
    #[error("{0}")]
    Transient(String),
    /// Will never work (5xx, an address that is no address).
    #[error("{0}")]
    Permanent(String),
}

/// Where mail goes.
pub enum Transport {
    /// An SMTP server.
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// `.eml` files in a directory.
    Files(AsyncFileTransport<Tokio1Executor>),
}

impl Transport {
    /// SMTP when `smtp_url` is given, otherwise files in `eml_dir`.
    pub fn new(smtp_url: Option<&str>, eml_dir: &Path) -> Result<Transport, TransportError> {
        match smtp_url {
            Some(url) => {
                refuse_plain_credentials(url)?;
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| TransportError::SmtpUrl(e.to_string()))?
                    .timeout(Some(Duration::from_secs(20)))
                    .build();
                Ok(Transport::Smtp(transport))
            }
            None => {
                std::fs::create_dir_all(eml_dir).map_err(|source| TransportError::Directory {
                    path: eml_dir.display().to_string(),
                    source,
                })?;
                Ok(Transport::Files(AsyncFileTransport::new(eml_dir)))
            }
        }
    }

    /// Hands one message over.
    pub async fn send(&self, message: Message) -> Result<(), SendError> {
        match self {
            Transport::Smtp(smtp) => smtp.send(message).await.map(drop).map_err(|e| {
                if e.is_permanent() {
                    SendError::Permanent(e.to_string())
                } else {
                    SendError::Transient(e.to_string())
                }
            }),
            Transport::Files(files) => files
                .send(message)
                .await
                .map(drop)
                .map_err(|e| SendError::Transient(e.to_string())),
        }
    }
}

/// A password in a plain `smtp://` URL would cross the network unencrypted.
fn refuse_plain_credentials(url: &str) -> Result<(), TransportError> {
    let Some(rest) = url.strip_prefix("smtp://") else {
        return Ok(());
    };
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    if authority.contains('@') && !url.contains("tls=required") {
        return Err(TransportError::SmtpUrl(
            "a user and password over plain smtp:// would be sent unencrypted; use smtps:// or add ?tls=required".into(),
        ));
    }
    Ok(())
}

/// Who mails come from, and where replies go.
#[derive(Debug, Clone)]
pub struct Sender {
    /// `From`.
    pub from: Mailbox,
    /// `Reply-To`: the Servicepunt's own mailbox, so "reply to this mail" reaches a
    /// person even though `From` is a no-reply address.
    pub reply_to: Option<Mailbox>,
}

impl Sender {
    /// Parses `NOABER_MAIL_FROM` and `NOABER_MAIL_REPLY_TO`.
    pub fn parse(from: &str, reply_to: Option<&str>) -> Result<Sender, TransportError> {
        let mailbox = |text: &str, name: &'static str| {
            text.parse::<Mailbox>()
                .map_err(|e| TransportError::Address(name, format!("{text:?}: {e}")))
        };
        Ok(Sender {
            from: mailbox(from, "NOABER_MAIL_FROM")?,
            reply_to: reply_to
                .map(|r| mailbox(r, "NOABER_MAIL_REPLY_TO"))
                .transpose()?,
        })
    }
}

/// Builds the MIME message of an outbox row: text and HTML alternatives, and a
/// Message-ID made from the row id, so a receiver can tell a resend from a new mail.
pub fn build_message(row: &OutboxRow, sender: &Sender) -> Result<Message, SendError> {
    let to: Mailbox = format!("{} <{}>", quote_name(&row.recipient_name), row.recipient)
        .parse()
        .or_else(|_| row.recipient.parse())
        .map_err(|e| SendError::Permanent(format!("recipient {:?}: {e}", row.recipient)))?;
    let mut builder = Message::builder()
        .from(sender.from.clone())
        .to(to)
        .subject(row.subject.clone())
        .message_id(Some(format!("<{}@{}>", row.id, sender.from.email.domain())));
    if let Some(reply_to) = &sender.reply_to {
        builder = builder.reply_to(reply_to.clone());
    }
    builder
        .multipart(MultiPart::alternative_plain_html(
            row.body_text.clone(),
            row.body_html.clone(),
        ))
        .map_err(|e| SendError::Permanent(format!("cannot build the message: {e}")))
}

/// A display name as a quoted string (names may hold commas or dots).
fn quote_name(name: &str) -> String {
    format!("\"{}\"", name.replace(['\\', '"'], ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(recipient: &str, name: &str) -> OutboxRow {
        let at = chrono::Utc::now().naive_utc();
        OutboxRow {
            id: "0b6c2a52-1111-4222-8333-444455556666".into(),
            kind: "test".into(),
            recipient: recipient.into(),
            recipient_name: name.into(),
            subject: "Kennismaking: boodschappen".into(),
            body_text: "Beste Inge".into(),
            body_html: "<p>Beste Inge</p>".into(),
            status: "pending".into(),
            attempts: 1,
            next_attempt_at: at,
            last_error: None,
            created_at: at,
            sent_at: None,
        }
    }

    #[test]
    fn message_has_both_parts_and_a_stable_id() {
        let sender = Sender::parse(
            "Servicepunt <noreply@middendrenthevoorelkaar.nl>",
            Some("servicepunt@middendrenthe.example"),
        )
        .unwrap();
        let message =
            build_message(&row("inge@example.nl", "Inge de Boer, Beilen"), &sender).unwrap();
        let raw = String::from_utf8(message.formatted()).unwrap();
        assert!(raw.contains(
            "Message-ID: <0b6c2a52-1111-4222-8333-444455556666@middendrenthevoorelkaar.nl>"
        ));
        assert!(raw.contains("multipart/alternative"));
        assert!(raw.contains("text/plain"));
        assert!(raw.contains("text/html"));
        assert!(raw.contains("inge@example.nl"));
        assert!(raw.contains("Reply-To: servicepunt@middendrenthe.example"));
    }

    #[test]
    fn a_broken_address_is_a_permanent_failure() {
        let sender = Sender::parse("noreply@example.nl", None).unwrap();
        assert!(Sender::parse("noreply@example.nl", Some("geen adres")).is_err());
        let err = build_message(&row("not an address", "X"), &sender).unwrap_err();
        assert!(matches!(err, SendError::Permanent(_)));
    }

    // The SMTP pool lives on the Tokio runtime, as in the server.
    #[tokio::test]
    async fn smtp_urls_with_and_without_tls_are_accepted() {
        let dir = tempfile::tempdir().unwrap();
        for url in [
            "smtp://127.0.0.1:2525",
            "smtp://mail.example.nl:587?tls=required",
            "smtps://user:secret@mail.example.nl:465",
        ] {
            assert!(
                matches!(
                    Transport::new(Some(url), dir.path()),
                    Ok(Transport::Smtp(_))
                ),
                "{url}"
            );
        }
        assert!(Transport::new(Some("http://example.nl"), dir.path()).is_err());
        assert!(Transport::new(Some("smtp://user:secret@mail.example.nl:25"), dir.path()).is_err());
        assert!(Transport::new(
            Some("smtp://user:secret@mail.example.nl:587?tls=required"),
            dir.path()
        )
        .is_ok());
        assert!(matches!(
            Transport::new(None, &dir.path().join("outbox")),
            Ok(Transport::Files(_))
        ));
        assert!(dir.path().join("outbox").is_dir());
    }
}
