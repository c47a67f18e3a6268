import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../src/db/database.js';

export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'One-Time Filter'?: string;
  'Plan Rows'?: number;
  'Parent Relationship'?: string;
  'Parallel Aware'?: boolean;
  Plans?: PlanNode[];
  /** Ours, not EXPLAIN's: the node runs in a subquery once per row of its parent. */
  perRow?: boolean;
}

/** Every node of a plan, depth first; those of a subquery run once per row of its parent are marked. */
export function nodesOf(node: PlanNode, perRow = false): PlanNode[] {
  return [
    perRow ? { ...node, perRow } : node,
    ...(node.Plans ?? []).flatMap((child) =>
      nodesOf(child, perRow || child['Parent Relationship'] === 'SubPlan'),
    ),
  ];
}

/** A plan on one line: "Limit > Index Scan on tickets (tickets_queue_due_idx)". */
export const planShape = (nodes: PlanNode[]) =>
  nodes
    .map((node) =>
      [
        node['Node Type'],
        node['Relation Name'] && `on ${node['Relation Name']}`,
        node['Index Name'] && `(${node['Index Name']})`,
        node['Node Type'].includes('Sort') && `of ~${node.Plans?.[0]?.['Plan Rows'] ?? 0} rows`,
      ]
        .filter(Boolean)
        .join(' '),
    )
    .join(' > ');

/** A parameter's value written into SQL text, as EXECUTE takes it. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  const text = value instanceof Date ? value.toISOString() : value;
  if (typeof text !== 'string') throw new Error(`no literal for ${JSON.stringify(value)}`);
  return `'${text.replaceAll("'", "''")}'`;
}

let preparedCount = 0;

/**
 * EXPLAIN of the plan PostgreSQL makes once and keeps for a named statement (db/statementShapes.ts),
 * without the values: the statement is prepared with its parameters and explained in a generic plan.
 */
async function explainGeneric(tx: Queryable, query: SQL) {
  const { sql: text, params } = new PgDialect().sqlToQuery(query);
  preparedCount += 1;
  const name = `plan_check_${preparedCount}`;
  // A prepared statement outlives the transaction that made it: it is let go of whatever EXPLAIN did.
  await tx.execute(sql.raw(`prepare ${name} as ${text}`));
  try {
    await tx.execute(sql`set local plan_cache_mode = force_generic_plan`);
    const values = params.length > 0 ? `(${params.map(literal).join(', ')})` : '';
    return await tx.execute(sql.raw(`explain (format json) execute ${name}${values}`));
  } finally {
    await tx.execute(sql.raw(`deallocate ${name}`)).catch(() => {});
  }
}

/**
 * The plan PostgreSQL picks for a query. With `indexPathsOnly`, sequential scans and sorts are priced
 * out first, so the plan shows whether an index path exists at all, whatever the table's size would
 * make the planner prefer. With `generic`, the plan is the one made without the parameters' values, as
 * a named statement's is once PostgreSQL keeps one plan for it.
 */
export async function queryPlan(
  db: Queryable,
  query: { getSQL(): SQL },
  { indexPathsOnly = false, generic = false } = {},
): Promise<PlanNode[]> {
  const plan = await db.transaction(async (tx) => {
    if (indexPathsOnly) {
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_sort = off`);
      await tx.execute(sql`set local enable_incremental_sort = off`);
    }
    const result = generic
      ? await explainGeneric(tx, query.getSQL())
      : await tx.execute(sql`explain (format json) ${query.getSQL()}`);
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<
      string,
      unknown
    >[];
    const document = rows[0]?.['QUERY PLAN'];
    const parsed = (typeof document === 'string' ? JSON.parse(document) : document) as { Plan: PlanNode }[];
    return parsed[0]?.Plan;
  });
  if (!plan) throw new Error('EXPLAIN answered no plan');
  return nodesOf(plan);
}

/** The nodes that read every row of `table`. */
export const fullScans = (nodes: PlanNode[], table: string): PlanNode[] =>
  nodes.filter((node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] === table);

/**
 * The nodes that sort rows, and those that read every row of `table`. A sort in a subquery run per row
 * orders that row's own few (a request's tags), not the rows the query lists.
 */
export const sortsAndFullScans = (nodes: PlanNode[], table: string): PlanNode[] => [
  ...nodes.filter((node) => node['Node Type'].includes('Sort') && !node.perRow),
  ...fullScans(nodes, table),
];
