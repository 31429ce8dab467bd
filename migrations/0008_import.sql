-- 0008: `warehouse import` of a platform's own users, likes and taxonomy.
-- The platform's description of a subcategory, when catalog.csv gives one.
CREATE TABLE subcategory_descriptions (
    subcategory_id INTEGER PRIMARY KEY REFERENCES subcategories(id),
    description    TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 2000)
) STRICT;

-- Likes per user and category, long form: works for any taxonomy (user_profiles has one column
-- per category). Users without likes have no rows.
CREATE VIEW user_category_likes AS
SELECT l.user_id, c.name AS category, sum(l.likes) AS likes
FROM user_likes AS l
JOIN subcategories AS s ON s.id = l.subcategory_id
JOIN categories AS c ON c.id = s.category_id
GROUP BY l.user_id, c.id;
