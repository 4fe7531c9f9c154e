//! E-mail: Dutch letters (plain text plus simple HTML), the transports (SMTP, or a
//! directory of `.eml` files) and the worker that empties the outbox.
//!
//! Nothing here sends directly: a change writes its mails to the outbox in its own
//! transaction ([`crate::db::outbox`]); the [`worker::Mailer`] sends them later, so
//! a mail is never lost to an SMTP outage or a restart.

pub mod templates;
pub mod transport;
pub mod worker;

pub use templates::{Contact, Links};

/// A rendered mail, ready for the outbox.
#[derive(Debug, Clone, PartialEq)]
pub struct Email {
    /// Which template made it (kept with the mail for support and metrics).
    pub kind: &'static str,
    /// Address.
    pub to: String,
    /// Display name.
    pub to_name: String,
    /// Subject.
    pub subject: String,
    /// Plain-text body.
    pub text: String,
    /// HTML body.
    pub html: String,
}

/// The content of a mail before it is addressed: one source for both the text and
/// the HTML version, so the two never say different things.
#[derive(Debug, Clone, Default)]
pub struct Letter {
    /// Which template.
    pub kind: &'static str,
    /// Subject.
    pub subject: String,
    /// Paragraphs of text.
    pub paragraphs: Vec<String>,
    /// Labelled lines (e.g. contact details), shown as a small table.
    pub details: Vec<(String, String)>,
    /// One link to act on: label and URL.
    pub action: Option<(String, String)>,
    /// Answers to a question, each a one-click link: label and URL.
    pub choices: Vec<(String, String)>,
}

const SIGNATURE: [&str; 2] = [
    "Met vriendelijke groet,",
    "Servicepunt Vrijwilligerswerk Midden-Drenthe",
];

impl Letter {
    /// Addresses the letter to `name <address>`.
    pub fn to(&self, address: &str, name: &str) -> Email {
        self.signed_to(address, name, &[])
    }

    /// As [`Letter::to`], with `contact` (how to reach the Servicepunt) under the
    /// signature: every mail tells the reader whom to call.
    pub fn signed_to(&self, address: &str, name: &str, contact: &[String]) -> Email {
        Email {
            kind: self.kind,
            to: address.to_owned(),
            to_name: name.to_owned(),
            subject: self.subject.clone(),
            text: self.text(name, contact),
            html: self.html(name, contact),
        }
    }

    fn text(&self, name: &str, contact: &[String]) -> String {
        let mut out = format!("Beste {name},\n\n");
        for p in &self.paragraphs {
            out.push_str(p);
            out.push_str("\n\n");
        }
        if !self.details.is_empty() {
            for (label, value) in &self.details {
                out.push_str(&format!("  {label}: {value}\n"));
            }
            out.push('\n');
        }
        for (label, url) in &self.choices {
            out.push_str(&format!("{label}:\n{url}\n\n"));
        }
        if let Some((label, url)) = &self.action {
            out.push_str(&format!("{label}:\n{url}\n\n"));
        }
        out.push_str(&SIGNATURE.join("\n"));
        out.push('\n');
        for line in contact {
            out.push_str(line);
            out.push('\n');
        }
        out
    }

    fn html(&self, name: &str, contact: &[String]) -> String {
        let esc = |s: &str| v_htmlescape::escape(s).to_string();
        let mut body = format!("<p>Beste {},</p>\n", esc(name));
        for p in &self.paragraphs {
            body.push_str(&format!("<p>{}</p>\n", esc(p)));
        }
        if !self.details.is_empty() {
            body.push_str("<table style=\"border-collapse:collapse;margin:0 0 1em\">\n");
            for (label, value) in &self.details {
                body.push_str(&format!(
                    "<tr><th style=\"text-align:left;padding:4px 16px 4px 0\">{}</th><td style=\"padding:4px 0\">{}</td></tr>\n",
                    esc(label),
                    esc(value)
                ));
            }
            body.push_str("</table>\n");
        }
        for (label, url) in &self.choices {
            body.push_str(&format!(
                "<p><a href=\"{}\" style=\"display:inline-block;min-width:12em;padding:12px 20px;border:2px solid #1d5c3a;color:#1d5c3a;text-decoration:none;border-radius:6px;font-weight:bold\">{}</a></p>\n",
                esc(url),
                esc(label)
            ));
        }
        if let Some((label, url)) = &self.action {
            body.push_str(&format!(
                "<p><a href=\"{}\" style=\"display:inline-block;padding:12px 20px;background:#1d5c3a;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold\">{}</a></p>\n",
                esc(url),
                esc(label)
            ));
        }
        body.push_str(&format!("<p>{}</p>\n", SIGNATURE.map(esc).join("<br>\n")));
        if !contact.is_empty() {
            let lines: Vec<String> = contact.iter().map(|l| esc(l)).collect();
            body.push_str(&format!("<p>{}</p>\n", lines.join("<br>\n")));
        }
        format!(
            "<!DOCTYPE html>\n<html lang=\"nl\">\n<head><meta charset=\"utf-8\"><title>{}</title></head>\n<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:18px;line-height:1.5;color:#1a1a1a;max-width:40em\">\n{body}</body>\n</html>\n",
            esc(&self.subject)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::Letter;

    fn letter() -> Letter {
        Letter {
            kind: "test",
            subject: "Uw hulpvraag <staat> online".into(),
            paragraphs: vec!["Fijn dat u er bent & welkom.".into()],
            details: vec![("Telefoon".into(), "0593 123456".into())],
            action: Some(("Bekijk".into(), "https://example.nl/?a=1&b=2".into())),
            choices: vec![],
        }
    }

    #[test]
    fn text_and_html_carry_the_same_content() {
        let mail = letter().to("inge@example.nl", "Inge");
        assert!(mail
            .text
            .starts_with("Beste Inge,\n\nFijn dat u er bent & welkom."));
        assert!(mail.text.contains("  Telefoon: 0593 123456\n"));
        assert!(mail.text.contains("Bekijk:\nhttps://example.nl/?a=1&b=2\n"));
        assert!(mail.html.contains("Fijn dat u er bent &amp; welkom."));
        assert!(mail.html.contains("0593 123456"));
        assert!(mail
            .html
            .contains("href=\"https:&#x2f;&#x2f;example.nl&#x2f;?a=1&amp;b=2\""));
    }

    #[test]
    fn html_escapes_what_users_wrote() {
        let mut l = letter();
        l.paragraphs = vec!["<script>alert(1)</script>".into()];
        let mail = l.to("a@example.nl", "<b>Piet</b>");
        assert!(!mail.html.contains("<script>"));
        assert!(!mail.html.contains("<b>Piet"));
        assert!(mail.html.contains("&lt;title&gt;") || mail.html.contains("&lt;staat&gt;"));
    }
}
