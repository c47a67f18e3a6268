import type { TicketSummary } from '@contract/tickets';
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The number an imported request had in the desk it came from, as its customer knew it. */
export function ImportedReference({
  ticket,
}: {
  ticket: Pick<TicketSummary, 'importedFrom' | 'externalReference'>;
}) {
  const { t } = useTranslation();
  if (!ticket.importedFrom) return null;
  const desk = t(`desks.${ticket.importedFrom}`, { defaultValue: ticket.importedFrom });
  return (
    <Text size="sm" component="span" data-testid="external-reference">
      {ticket.externalReference
        ? t('ticket.externalReference', { desk, reference: ticket.externalReference })
        : desk}
    </Text>
  );
}
