import type { TicketDetail } from '@contract/tickets';

export interface DialogProps {
  ticket: TicketDetail;
  opened: boolean;
  onClose: () => void;
  refresh: unknown[][];
}
