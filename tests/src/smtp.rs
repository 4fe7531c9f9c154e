//! A real SMTP server on loopback (mailin-embedded) that keeps every mail it accepts,
//! so tests see exactly what an outside mail server would. Recipients whose address
//! starts with `bounce` are refused with 550, as a mailbox that does not exist.

use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use mail_parser::MessageParser;
use mailin_embedded::{response, Handler, Response, Server, SslConfig};

/// One accepted mail.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    /// `RCPT TO` addresses.
    pub envelope_to: Vec<String>,
    /// Subject, decoded.
    pub subject: String,
    /// Message-ID header (without angle brackets).
    pub message_id: String,
    /// The text/plain part, decoded.
    pub text: String,
    /// The text/html part, decoded.
    pub html: String,
    /// The whole message as received.
    pub raw: String,
}

impl ReceivedMail {
    /// Whether any part mentions `needle` (raw headers included).
    pub fn mentions(&self, needle: &str) -> bool {
        self.text.contains(needle) || self.html.contains(needle) || self.raw.contains(needle)
    }

    /// The first URL in the text part that starts with `prefix`.
    pub fn link(&self, prefix: &str) -> Option<String> {
        self.text
            .split_whitespace()
            .find(|w| w.starts_with(prefix))
            .map(str::to_owned)
    }
}

#[derive(Clone, Default)]
struct Collector {
    inbox: Arc<Mutex<Vec<ReceivedMail>>>,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Collector {
    fn rcpt(&mut self, to: &str) -> Response {
        if to.starts_with("bounce") {
            return response::NO_MAILBOX;
        }
        response::OK
    }

    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        self.data.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let raw = String::from_utf8_lossy(&self.data).into_owned();
        let parsed = MessageParser::default().parse(self.data.as_slice());
        let Some(message) = parsed else {
            return response::TRANSACTION_FAILED;
        };
        let mail = ReceivedMail {
            envelope_to: std::mem::take(&mut self.to),
            subject: message.subject().unwrap_or_default().to_owned(),
            message_id: message.message_id().unwrap_or_default().to_owned(),
            text: message
                .body_text(0)
                .map(|t| t.into_owned())
                .unwrap_or_default(),
            html: message
                .body_html(0)
                .map(|t| t.into_owned())
                .unwrap_or_default(),
            raw,
        };
        if let Ok(mut inbox) = self.inbox.lock() {
            inbox.push(mail);
        }
        response::OK
    }
}

/// A running receiver. It runs until the test process ends (mailin has no stop).
pub struct SmtpReceiver {
    /// Its port on 127.0.0.1.
    pub port: u16,
    inbox: Arc<Mutex<Vec<ReceivedMail>>>,
}

impl SmtpReceiver {
    /// Starts a receiver on a port the kernel picks (kept bound from the start, so no
    /// other test can take it in between).
    pub fn start() -> SmtpReceiver {
        SmtpReceiver::serve(TcpListener::bind("127.0.0.1:0").expect("bind an SMTP port"))
    }

    /// Starts a receiver on `port`, one from [`crate::free_port`] that Noaber was
    /// already told about.
    pub fn start_on(port: u16) -> SmtpReceiver {
        SmtpReceiver::serve(TcpListener::bind(("127.0.0.1", port)).expect("bind the SMTP port"))
    }

    fn serve(listener: TcpListener) -> SmtpReceiver {
        let port = listener.local_addr().expect("local addr").port();
        let collector = Collector::default();
        let inbox = collector.inbox.clone();
        let mut server = Server::new(collector);
        server
            .with_name("receiver.test")
            // Noaber's SMTP pool keeps connections open; several nodes or restarts
            // hold several, and each takes one of the receiver's threads.
            .with_num_threads(16)
            .with_tcp_listener(listener);
        if let Err(e) = server.with_ssl(SslConfig::None) {
            panic!("SMTP receiver setup: {e}");
        }
        std::thread::spawn(move || {
            if let Err(e) = server.serve() {
                eprintln!("SMTP receiver stopped: {e}");
            }
        });
        SmtpReceiver { port, inbox }
    }

    /// The URL to give Noaber.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Everything received so far, in order.
    pub fn mails(&self) -> Vec<ReceivedMail> {
        self.inbox.lock().map(|m| m.clone()).unwrap_or_default()
    }

    /// Mails to `address`, in order.
    pub fn to(&self, address: &str) -> Vec<ReceivedMail> {
        self.mails()
            .into_iter()
            .filter(|m| m.envelope_to.iter().any(|t| t == address))
            .collect()
    }

    /// Waits (up to 10 s) for the `n`-th mail to `address` (1-based) and returns it.
    pub async fn nth_to(&self, address: &str, n: usize) -> ReceivedMail {
        let started = Instant::now();
        loop {
            let mails = self.to(address);
            if mails.len() >= n {
                return mails[n - 1].clone();
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "mail #{n} to {address} did not arrive; got {:?}",
                mails.iter().map(|m| &m.subject).collect::<Vec<_>>()
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Waits (up to 10 s) for the `n`-th mail to `address` (1-based) whose subject
    /// starts with `subject`, and returns it.
    pub async fn nth_about(&self, address: &str, subject: &str, n: usize) -> ReceivedMail {
        let started = Instant::now();
        loop {
            let mails: Vec<ReceivedMail> = self
                .to(address)
                .into_iter()
                .filter(|m| m.subject.starts_with(subject))
                .collect();
            if mails.len() >= n {
                return mails[n - 1].clone();
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "mail #{n} '{subject}' to {address} did not arrive"
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Waits until at least `count` mails arrived (or `within` passed); returns all.
    pub async fn wait_for(&self, count: usize, within: Duration) -> Vec<ReceivedMail> {
        let started = Instant::now();
        loop {
            let mails = self.mails();
            if mails.len() >= count || started.elapsed() > within {
                return mails;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}
