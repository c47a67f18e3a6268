import type { FoundTicket } from '@contract/tickets';
import { Button, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type TicketFilter, useTicketPages } from '../api/hooks';
import { Loaded } from './Feedback';
import { RequestTable } from './RequestTable';

/** Tickets by response deadline, a page at a time, refreshing by themselves. */
export function TicketList({
  filter,
  empty,
  customerOf,
  assigneeOf,
}: {
  filter: TicketFilter;
  empty: string;
  customerOf?: (ticket: FoundTicket) => string;
  assigneeOf?: (ticket: FoundTicket) => string;
}) {
  const { t } = useTranslation();
  const pages = useTicketPages(filter);
  return (
    <Loaded query={pages}>
      {(data) => (
        <Stack gap="sm">
          <RequestTable
            tickets={data.pages.flatMap((page) => page.items)}
            fetchedAt={pages.dataUpdatedAt}
            empty={empty}
            customerOf={customerOf}
            assigneeOf={assigneeOf}
          />
          {pages.hasNextPage ? (
            <Group justify="center">
              <Button
                variant="subtle"
                onClick={() => pages.fetchNextPage()}
                loading={pages.isFetchingNextPage}
              >
                {t('common.more')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      )}
    </Loaded>
  );
}
