-- 0008: `warehouse import` of a platform's own users, likes and taxonomy.
-- A subcategory may carry the platform's description of it (NULL for the built-in catalogue).
ALTER TABLE subcategories ADD COLUMN description TEXT CHECK (description IS NULL OR length(description) <= 2000);

-- Likes per user and category, long form: works for any taxonomy (user_profiles has one column
-- per category). Users without likes have no rows.
CREATE VIEW user_category_likes AS
SELECT l.user_id, c.name AS category, sum(l.likes) AS likes
FROM user_likes AS l
JOIN subcategories AS s ON s.id = l.subcategory_id
JOIN categories AS c ON c.id = s.category_id
GROUP BY l.user_id, c.id;
