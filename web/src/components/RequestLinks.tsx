import type { TicketDetail } from '@contract/tickets';
import { Anchor, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Where a request came from and went on: split parts, and requests that continue a closed one. */
export function RequestLinks({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const later = [
    { label: t('ticket.splitInto'), links: ticket.splitInto },
    { label: t('ticket.followedUpBy'), links: ticket.followedUpBy },
    { label: t('ticket.mergedFromList'), links: ticket.mergedFrom },
  ].filter((group) => group.links.length > 0);
  if (!ticket.splitFrom && !ticket.followsUp && !ticket.mergedInto && later.length === 0) return null;
  return (
    <Group gap="md">
      {ticket.splitFrom ? (
        <Anchor component={Link} to={`/requests/${ticket.splitFrom.id}`} size="sm">
          {t('ticket.splitFrom', { number: ticket.splitFrom.number })}
        </Anchor>
      ) : null}
      {ticket.followsUp ? (
        <Anchor component={Link} to={`/requests/${ticket.followsUp.id}`} size="sm">
          {t('ticket.followsUp', { number: ticket.followsUp.number })}
        </Anchor>
      ) : null}
      {ticket.mergedInto ? (
        <Anchor component={Link} to={`/requests/${ticket.mergedInto.id}`} size="sm" data-testid="merged-into">
          {t('ticket.mergedInto', { number: ticket.mergedInto.number })}
        </Anchor>
      ) : null}
      {later.map((group) => (
        <Group gap="xs" key={group.label}>
          <Text size="sm">{group.label}:</Text>
          {group.links.map((link) => (
            <Anchor key={link.id} component={Link} to={`/requests/${link.id}`} size="sm">
              {link.number}
            </Anchor>
          ))}
        </Group>
      ))}
    </Group>
  );
}
