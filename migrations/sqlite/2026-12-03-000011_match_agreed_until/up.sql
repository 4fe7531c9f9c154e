-- The date until which the parties agreed to help (set when the match is confirmed,
-- optional): the werkbak counts matches whose agreed period ends this month.
ALTER TABLE matches ADD COLUMN agreed_until DATE;
