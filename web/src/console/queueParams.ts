import { ACTIVE_STATUSES } from '@contract/constants';

/**
 * The queue's address: its filters and order are URL parameters, so that a queue can be bookmarked,
 * shared and saved as a view. The address leaves out what is the queue's default (the active statuses,
 * its own order); `status=all` says every status was asked for.
 */
export type QueueParams = Record<string, string | string[]>;

const LIST_KEYS = ['status', 'severity', 'tag'] as const;
const SINGLE_KEYS = [
  'organizationId',
  'assigneeId',
  'breached',
  'awaiting',
  'q',
  'sort',
  'direction',
] as const;
const ALL = 'all';

export function readQueueParams(search: URLSearchParams): QueueParams {
  const params: QueueParams = {};
  for (const key of LIST_KEYS) {
    const values = search.getAll(key).filter(Boolean);
    if (values.length) params[key] = values;
  }
  for (const key of SINGLE_KEYS) {
    const value = search.get(key);
    if (value) params[key] = value;
  }
  return params;
}

export function writeQueueParams(params: QueueParams, view?: string | null): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const item of [value].flat()) if (item) search.append(key, item);
  }
  if (view) search.set('view', view);
  return search;
}

/** The statuses the queue shows: the active ones unless the address names others, or all. */
export function statusesOf(params: QueueParams): string[] {
  const named = [params.status ?? []].flat();
  if (named.includes(ALL)) return [];
  if (named.length) return named;
  return params.q ? [] : [...ACTIVE_STATUSES];
}

/** The statuses as the address keeps them: nothing for the default, `all` for none chosen. */
export function statusParam(chosen: string[], q: string | undefined): string[] | undefined {
  const standard = q ? [] : [...ACTIVE_STATUSES];
  if (chosen.length === standard.length && chosen.every((status) => standard.includes(status as never)))
    return undefined;
  return chosen.length ? chosen : [ALL];
}

/** What the API is asked: the address with the default statuses written out. */
export function apiQuery(params: QueueParams): QueueParams {
  const { status: _status, ...rest } = params;
  const statuses = statusesOf(params);
  return statuses.length ? { ...rest, status: statuses } : rest;
}

/** The address a saved view opens: its parameters, with every status written as `all` when it names none. */
export function paramsOfView(query: QueueParams): QueueParams {
  return query.status ? query : { ...query, status: [ALL] };
}
