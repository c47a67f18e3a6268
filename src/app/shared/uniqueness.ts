import { violatedUniqueConstraint } from '../../db/errors.js';
import { AppError } from './errors.js';

export interface UniqueRule {
  code: string;
  field: string;
  value: string;
}

/**
 * Runs a write and turns a unique-constraint violation into the refusal the user understands.
 * The database is the judge, so two administrators racing for the same number cannot both win.
 */
export async function guardUnique<T>(write: () => Promise<T>, rules: Record<string, UniqueRule>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const constraint = violatedUniqueConstraint(error);
    const rule = constraint === undefined ? undefined : rules[constraint];
    if (rule) throw new AppError('conflict', rule.code, rule.field, { value: rule.value });
    throw error;
  }
}
