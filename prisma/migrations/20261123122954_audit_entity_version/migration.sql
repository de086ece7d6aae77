-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "entityVersion" INTEGER;


-- The audit trail is append-only: the database refuses UPDATE and DELETE on it.
CREATE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent rows are append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_event_no_update_delete
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
