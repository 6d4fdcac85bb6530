-- 0007: a member's message that could be meant for resources from several servers or creators is
-- not guessed: it waits here, unrouted (no owner sees it), until the member picks one with a
-- button. Deleted with the message ("Delete my data") and once the member has picked.

CREATE TABLE route_choices (
    member_message_id  INTEGER PRIMARY KEY REFERENCES member_messages (id) ON DELETE CASCADE,
    created_at         INTEGER NOT NULL
);
