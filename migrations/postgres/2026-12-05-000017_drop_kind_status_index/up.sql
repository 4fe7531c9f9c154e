-- posts_list_newest (kind, status, created_at) answers every lookup that
-- posts_kind_status (kind, status) did; keeping both cost an index update per
-- post written.
DROP INDEX posts_kind_status;
