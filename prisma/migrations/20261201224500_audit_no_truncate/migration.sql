-- No schema change: the audit trail's last way around its row triggers. BEFORE UPDATE OR DELETE
-- row triggers (migration audit_entity_version) never see TRUNCATE, which empties the table in one
-- statement; this statement trigger refuses it, also when "AuditEvent" is reached by
-- TRUNCATE … CASCADE from "User", and also for the tables' owner. The app's own role has neither
-- TRUNCATE nor UPDATE/DELETE on the table at all (grants: scripts/lib/app-role.ts,
-- docs/database-roles.md); only the owner can lift the trigger (ALTER TABLE … DISABLE TRIGGER),
-- which the test reset does inside its own transaction.
CREATE TRIGGER audit_event_no_truncate
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
