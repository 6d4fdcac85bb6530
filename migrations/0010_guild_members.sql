-- 0010: which servers a member was seen in. Without the privileged members intent the bot gets
-- no member lists and no GUILD_MEMBER_REMOVE; every guild interaction proves its author a member
-- for free. A DM is then answered from the servers the member was seen in, instead of looking the
-- author up in every server. A row is only a hint: a DM delivery still confirms membership, and a
-- 404 removes the row. Deleted with the member's data ("Delete my data").

CREATE TABLE guild_members (
    guild_id INTEGER NOT NULL,
    member_id INTEGER NOT NULL,
    seen_at INTEGER NOT NULL,
    PRIMARY KEY (guild_id, member_id)
);

CREATE INDEX guild_members_by_member ON guild_members (member_id);
