-- Coordinators' views of personal data and their changes: who, what, when.
CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    actor_id TEXT NOT NULL REFERENCES accounts(id),
    action TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    detail TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log(subject_type, subject_id);
CREATE INDEX audit_log_at ON audit_log(at);
