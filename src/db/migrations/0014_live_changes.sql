-- The live feed: every committed change to a request, a message or a notification is announced on the
-- channel supportdesk_changes by the database itself, so that no write path can forget to. A change
-- written several times in one transaction is announced once (PostgreSQL folds identical payloads).
CREATE FUNCTION supportdesk_ticket_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('supportdesk_changes', json_build_object(
    'kind', 'ticket', 'ticketId', NEW.id, 'organizationId', NEW.organization_id)::text);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER tickets_live_change AFTER INSERT OR UPDATE ON tickets
  FOR EACH ROW EXECUTE FUNCTION supportdesk_ticket_changed();--> statement-breakpoint
CREATE FUNCTION supportdesk_message_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('supportdesk_changes', json_build_object(
    'kind', 'message', 'ticketId', NEW.ticket_id,
    'organizationId', (SELECT organization_id FROM tickets WHERE id = NEW.ticket_id),
    'visibility', NEW.visibility)::text);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER ticket_messages_live_change AFTER INSERT ON ticket_messages
  FOR EACH ROW EXECUTE FUNCTION supportdesk_message_added();--> statement-breakpoint
CREATE FUNCTION supportdesk_notification_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('supportdesk_changes', json_build_object(
    'kind', 'notification', 'ticketId', NEW.ticket_id,
    'recipientType', NEW.recipient_type, 'recipientId', NEW.recipient_id)::text);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER notifications_live_change AFTER INSERT OR UPDATE ON notifications
  FOR EACH ROW EXECUTE FUNCTION supportdesk_notification_added();
