import { describe, expect, it } from 'vitest';
import { DEFAULT_GLPI_MAPPING, mappedSeverity, mappedStatus, mappingWithOverrides } from './glpiMapping.js';

describe('the GLPI mapping table', () => {
  it('maps every GLPI ticket status and priority', () => {
    expect([1, 2, 3, 4, 5, 6].map((status) => mappedStatus(DEFAULT_GLPI_MAPPING, status))).toEqual([
      'new',
      'in_progress',
      'in_progress',
      'waiting_for_customer',
      'resolved',
      'closed',
    ]);
    expect(mappedStatus(DEFAULT_GLPI_MAPPING, 10)).toBeNull();
    expect([6, 5, 4, 3, 2, 1].map((priority) => mappedSeverity(DEFAULT_GLPI_MAPPING, priority))).toEqual([
      'critical',
      'critical',
      'high',
      'medium',
      'low',
      'low',
    ]);
  });

  it('takes an operator’s overrides and names every wrong one', () => {
    const { mapping, problems } = mappingWithOverrides({
      status: { 4: 'in_progress' },
      severity: { 5: 'high' },
    });
    expect(problems).toEqual([]);
    expect(mapping.status[4]).toBe('in_progress');
    expect(mapping.severity[5]).toBe('high');
    expect(DEFAULT_GLPI_MAPPING.status[4]).toBe('waiting_for_customer');
    expect(mappingWithOverrides({ status: { x: 'new', 2: 'open' }, colour: {} }).problems).toEqual([
      'status.2: must map a GLPI number to one of new, in_progress, waiting_for_customer, resolved, closed',
      'status.x: must map a GLPI number to one of new, in_progress, waiting_for_customer, resolved, closed',
      'colour: unknown section (status, severity)',
    ]);
    expect(mappingWithOverrides([]).problems).toEqual([]);
    expect(mappingWithOverrides('x').problems).toEqual(['the mapping file must hold a JSON object']);
  });
});
