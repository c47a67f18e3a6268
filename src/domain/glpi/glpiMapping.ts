import { SEVERITIES, type Severity } from '../sla/policy.js';
import { STATUSES, type Status } from '../tickets/lifecycle.js';

/**
 * How a GLPI ticket's status and priority become a Supportdesk request's (docs/glpi-import.md prints
 * this table). GLPI's constants: src/CommonITILObject.php; priority 1..5 is very low .. very high, 6 major.
 */
export interface GlpiMapping {
  status: Record<number, Status>;
  severity: Record<number, Severity>;
}

export const DEFAULT_GLPI_MAPPING: GlpiMapping = {
  status: {
    1: 'new', // INCOMING
    2: 'in_progress', // ASSIGNED
    3: 'in_progress', // PLANNED
    4: 'waiting_for_customer', // WAITING (pending)
    5: 'resolved', // SOLVED
    6: 'closed', // CLOSED
  },
  severity: {
    6: 'critical', // major
    5: 'critical', // very high
    4: 'high',
    3: 'medium',
    2: 'low',
    1: 'low', // very low
  },
};

/**
 * Reads an operator's overrides (`{"status": {"4": "in_progress"}, "severity": {"5": "high"}}`) on top of
 * the default table. Answers the problems, each naming the key, when a value is not one the desk has.
 */
export function mappingWithOverrides(overrides: unknown): { mapping: GlpiMapping; problems: string[] } {
  const mapping: GlpiMapping = {
    status: { ...DEFAULT_GLPI_MAPPING.status },
    severity: { ...DEFAULT_GLPI_MAPPING.severity },
  };
  const problems: string[] = [];
  if (typeof overrides !== 'object' || overrides === null) {
    return { mapping, problems: ['the mapping file must hold a JSON object'] };
  }
  const sections = overrides as Record<string, unknown>;
  for (const [section, allowed] of [
    ['status', STATUSES],
    ['severity', SEVERITIES],
  ] as const) {
    const entries = sections[section];
    if (entries === undefined) continue;
    if (typeof entries !== 'object' || entries === null) {
      problems.push(`${section}: must be an object of GLPI numbers to values`);
      continue;
    }
    for (const [key, value] of Object.entries(entries)) {
      const number = Number(key);
      if (!Number.isInteger(number) || !(allowed as readonly unknown[]).includes(value)) {
        problems.push(`${section}.${key}: must map a GLPI number to one of ${allowed.join(', ')}`);
        continue;
      }
      (mapping[section] as Record<number, string>)[number] = value as string;
    }
  }
  for (const key of Object.keys(sections)) {
    if (key !== 'status' && key !== 'severity') problems.push(`${key}: unknown section (status, severity)`);
  }
  return { mapping, problems };
}

/** A GLPI value the table does not name (a status of changes or problems, say) is named in the report. */
export function mappedStatus(mapping: GlpiMapping, glpiStatus: number): Status | null {
  return mapping.status[glpiStatus] ?? null;
}

export function mappedSeverity(mapping: GlpiMapping, glpiPriority: number): Severity {
  return mapping.severity[glpiPriority] ?? 'medium';
}
