-- A custodian named on a register brought in, who is not (yet) in the staff directory:
-- the name is kept on the item as written instead of being dropped, shown wherever the
-- custodian is, and found by the search. Empty when the item's custodian is a person of
-- the directory (custodian_id) or nobody.
ALTER TABLE assets ADD COLUMN custodian_as_written TEXT NOT NULL DEFAULT '';
