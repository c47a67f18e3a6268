import type { Agent } from '@contract/agents';
import type { Status } from '@contract/constants';
import type { Organization, OrganizationDetail } from '@contract/organizations';
import type { PolicyVersion } from '@contract/sla';
import type { TicketDetail, TicketPage } from '@contract/tickets';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { get, query } from './client';

/** How often open screens refresh by themselves: countdowns, new requests, replies. */
export const LIVE_MS = 30_000;

export const useOrganization = (organizationId: string | null | undefined) =>
  useQuery({
    queryKey: ['organization', organizationId],
    queryFn: () => get<OrganizationDetail>(`/organizations/${organizationId}`),
    enabled: Boolean(organizationId),
  });

export const useOrganizations = (enabled = true) =>
  useQuery({ queryKey: ['organizations'], queryFn: () => get<Organization[]>('/organizations'), enabled });

export const useAgents = (enabled = true) =>
  useQuery({ queryKey: ['agents'], queryFn: () => get<Agent[]>('/agents'), enabled });

export const usePolicies = () =>
  useQuery({
    queryKey: ['policies'],
    queryFn: () => get<PolicyVersion[]>('/sla/policies'),
    staleTime: 600_000,
  });

export interface TicketFilter {
  status?: Status[];
  severity?: string[];
  organizationId?: string | null;
  assigneeId?: string | null;
  breached?: 'true' | null;
}

/** A list of tickets a page at a time (the API's cursor), all loaded pages refreshed together. */
export const useTicketPages = (filter: TicketFilter) =>
  useInfiniteQuery({
    queryKey: ['tickets', filter],
    queryFn: ({ pageParam }) =>
      get<TicketPage>(`/tickets${query({ limit: 50, ...filter, cursor: pageParam })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: LIVE_MS,
  });

export const useTicket = (ticketId: string | undefined) =>
  useQuery({
    queryKey: ['ticket', ticketId],
    queryFn: () => get<TicketDetail>(`/tickets/${ticketId}`),
    enabled: Boolean(ticketId),
    refetchInterval: LIVE_MS,
    retry: (count, error) => (error as { status?: number }).status !== 404 && count < 2,
  });
