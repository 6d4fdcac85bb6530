-- 0018: a summary's counts can change while a process is posting or editing it: another process
-- counts a new prompt in it meanwhile (every process's worker summarises). ``version`` goes up
-- with each such change; recording the post or edit clears ``dirty`` only if the version shown is
-- still the current one, so a change made during the send is shown by the next edit, not lost.
ALTER TABLE inbox_summaries ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
