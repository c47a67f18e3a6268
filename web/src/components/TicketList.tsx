import type { FoundTicket } from '@contract/tickets';
import { Button, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type TicketFilter, useTicketPages } from '../api/hooks';
import { Loaded } from './Feedback';
import { RequestTable, type Selection, type SortControl } from './RequestTable';

/** Requests in the order asked for (by default the queue's), a page at a time, refreshing by themselves. */
export function TicketList({
  filter,
  empty,
  customerOf,
  assigneeOf,
  sortControl,
  selection,
}: {
  filter: TicketFilter;
  empty: string;
  customerOf?: (ticket: FoundTicket) => string;
  assigneeOf?: (ticket: FoundTicket) => string;
  sortControl?: SortControl;
  selection?: Selection;
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
            {...(sortControl ? { sortControl } : {})}
            {...(selection ? { selection } : {})}
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
