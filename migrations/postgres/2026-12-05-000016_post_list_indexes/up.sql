-- Lists of posts (the public lists, the werkbak's lists) filter on kind and status,
-- often on a village or a kind of help, and show the newest first. With these the
-- database walks the newest matching posts in order and stops after one page,
-- instead of sorting every post of a village (slow at 50,000 posts and more).
CREATE INDEX posts_list_place ON posts (kind, status, place_slug, created_at);
CREATE INDEX posts_list_category ON posts (kind, status, category_slug, created_at);
CREATE INDEX posts_list_newest ON posts (kind, status, created_at);
