-- Noaber initial schema (SQLite). Ids are UUIDs kept as text so that one
-- diesel schema serves SQLite and PostgreSQL alike.
CREATE TABLE places (
    slug TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    postcodes TEXT NOT NULL
);

CREATE TABLE categories (
    slug TEXT PRIMARY KEY,
    name_nl TEXT NOT NULL,
    name_en TEXT NOT NULL,
    requires_vog BOOLEAN NOT NULL,
    sort_order INTEGER NOT NULL
);

CREATE TABLE talents (
    slug TEXT PRIMARY KEY,
    name_nl TEXT NOT NULL,
    category_slug TEXT REFERENCES categories(slug)
);

CREATE TABLE talent_relations (
    talent_slug TEXT NOT NULL REFERENCES talents(slug) ON DELETE CASCADE,
    related_slug TEXT NOT NULL REFERENCES talents(slug) ON DELETE CASCADE,
    PRIMARY KEY (talent_slug, related_slug)
);

CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    phone TEXT,
    email_verified BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    deleted_at TIMESTAMP
);

CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL UNIQUE REFERENCES accounts(id),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    place_slug TEXT REFERENCES places(slug),
    website TEXT,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE volunteer_profiles (
    account_id TEXT PRIMARY KEY REFERENCES accounts(id),
    place_slug TEXT REFERENCES places(slug),
    max_distance_km INTEGER NOT NULL,
    max_active_matches INTEGER NOT NULL,
    availability_mask INTEGER NOT NULL,
    interests TEXT NOT NULL,
    languages TEXT NOT NULL,
    bio TEXT NOT NULL,
    vog_status TEXT NOT NULL,
    vog_issued_on DATE,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX volunteer_profiles_place ON volunteer_profiles(place_slug);

CREATE TABLE volunteer_talents (
    account_id TEXT NOT NULL REFERENCES accounts(id),
    talent_slug TEXT NOT NULL REFERENCES talents(slug),
    PRIMARY KEY (account_id, talent_slug)
);

CREATE TABLE posts (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    author_id TEXT NOT NULL REFERENCES accounts(id),
    organisation_id TEXT REFERENCES organisations(id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    category_slug TEXT NOT NULL REFERENCES categories(slug),
    place_slug TEXT NOT NULL REFERENCES places(slug),
    schedule_kind TEXT NOT NULL,
    schedule_date DATE,
    schedule_mask INTEGER NOT NULL,
    hours_per_week REAL,
    radius_km INTEGER,
    status TEXT NOT NULL,
    close_reason TEXT,
    review_reason TEXT,
    intake_channel TEXT NOT NULL,
    on_behalf_name TEXT,
    on_behalf_phone TEXT,
    on_behalf_email TEXT,
    referrer TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    published_at TIMESTAMP
);
CREATE INDEX posts_kind_status ON posts(kind, status);
CREATE INDEX posts_author ON posts(author_id);
CREATE INDEX posts_category ON posts(category_slug);
CREATE INDEX posts_place ON posts(place_slug);

CREATE TABLE post_talents (
    post_id TEXT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    talent_slug TEXT NOT NULL REFERENCES talents(slug),
    PRIMARY KEY (post_id, talent_slug)
);

-- Every status change of a post: who, when, why.
CREATE TABLE post_events (
    id TEXT PRIMARY KEY,
    post_id TEXT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    actor_id TEXT REFERENCES accounts(id),
    from_status TEXT,
    to_status TEXT NOT NULL,
    reason TEXT,
    at TIMESTAMP NOT NULL
);
CREATE INDEX post_events_post ON post_events(post_id);
