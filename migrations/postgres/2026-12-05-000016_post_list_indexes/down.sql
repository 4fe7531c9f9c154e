DROP INDEX posts_list_newest;
DROP INDEX posts_list_category;
DROP INDEX posts_list_place;
