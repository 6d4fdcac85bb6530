-- 0008: who chose the guild's inbox channel. When Handout has to stop using that channel (it
-- became readable by members who may not answer prompts, or the bot lost access), this person
-- and the server owner are told once, and prompts go back to each creator's DMs.

ALTER TABLE guild_settings ADD COLUMN inbox_set_by INTEGER;
