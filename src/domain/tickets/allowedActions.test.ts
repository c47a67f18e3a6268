import { describe, expect, it } from 'vitest';
import { allowedActions, operationRefusal, type TicketFacts } from './allowedActions.js';

const problem = (status: TicketFacts['status'], level: TicketFacts['level'] = 'standard'): TicketFacts => ({
  status,
  level,
  category: 'problem',
});

describe('what a reader may do to a request', () => {
  it('lets the customer reply to and close an open request, and reopen only a resolved one', () => {
    expect(allowedActions(problem('in_progress'), 'customer')).toEqual(['reply', 'close']);
    expect(allowedActions(problem('resolved'), 'customer')).toEqual(['reply', 'reopen', 'close']);
  });

  it('offers nothing on a closed request but who owned it: it is final, a new request follows it', () => {
    expect(allowedActions(problem('closed'), 'customer')).toEqual([]);
    expect(allowedActions(problem('closed', 'extended'), 'support')).toEqual(['assign', 'tag', 'logTime']);
    expect(operationRefusal(problem('closed'), 'customer', 'reopen')).toBe('transition_not_allowed');
  });

  it("keeps support's tools from the customer", () => {
    for (const operation of [
      'addNote',
      'assign',
      'changeSeverity',
      'split',
      'resolve',
      'applyMacro',
      'merge',
      'tag',
      'logTime',
    ] as const) {
      expect(operationRefusal(problem('new'), 'customer', operation)).toBe('forbidden');
    }
  });

  it('gives support the whole toolbox on a new request, remote sessions on Extended only', () => {
    expect(allowedActions(problem('new'), 'support')).toEqual([
      'reply',
      'addNote',
      'assign',
      'changeSeverity',
      'changeInstance',
      'split',
      'requestInfo',
      'resolve',
      'close',
      'applyMacro',
      'merge',
      'tag',
      'logTime',
    ]);
    expect(allowedActions(problem('new', 'extended'), 'support')).toContain('logRemoteSession');
    expect(operationRefusal(problem('new'), 'support', 'logRemoteSession')).toBe(
      'remote_session_requires_extended',
    );
  });

  it('marks only an unresolved consultation as outside support', () => {
    const consultation = (status: TicketFacts['status']): TicketFacts => ({
      status,
      level: 'standard',
      category: 'consultation',
    });
    expect(allowedActions(consultation('in_progress'), 'support')).toContain('markOutOfScope');
    expect(operationRefusal(consultation('resolved'), 'support', 'markOutOfScope')).toBe(
      'transition_not_allowed',
    );
    expect(operationRefusal(problem('in_progress'), 'support', 'markOutOfScope')).toBe(
      'out_of_scope_needs_consultation',
    );
  });

  it('lets support reopen a resolved request but not resolve it twice', () => {
    const actions = allowedActions(problem('resolved'), 'support');
    expect(actions).toContain('reopen');
    expect(actions).not.toContain('resolve');
    expect(actions).not.toContain('requestInfo');
  });
});
