-- 0003: the last Discord locale we saw for each member, so a DM conversation (which carries no
-- locale) can answer in the member's language.

CREATE TABLE member_locales (
    user_id     INTEGER PRIMARY KEY,
    locale      TEXT    NOT NULL,
    updated_at  INTEGER NOT NULL
);
