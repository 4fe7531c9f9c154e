CREATE INDEX posts_kind_status ON posts(kind, status);
