-- A reviewer may send a pending change back to its editor with a comment
-- (docs/decisions/0016-published-versions.md): the audit log gains the
-- action `send_back`.

ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check
    CHECK (action IN ('create','update','delete','publish','unpublish','send_back'));
