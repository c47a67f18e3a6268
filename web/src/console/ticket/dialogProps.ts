import type { SupportTicketDetail } from '@contract/tickets';

export interface DialogProps {
  ticket: SupportTicketDetail;
  opened: boolean;
  onClose: () => void;
  refresh: unknown[][];
}
