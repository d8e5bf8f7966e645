import { parse } from 'yaml';
import { AppError } from '../common/errors.js';

/** A cơ quan/đơn vị from `knowledge/units.yaml`. */
export interface UnitEntry {
  id: string;
  name: string;
}

/**
 * Parses `units.yaml` (`units: [{ id, name }, …]`). Bad entries are reported and skipped; a YAML syntax
 * error is INVALID_INPUT.
 */
export function parseUnitsFile(text: string): { units: UnitEntry[]; problems: string[] } {
  let data: unknown;
  try {
    data = parse(text);
  } catch (err: unknown) {
    throw new AppError('INVALID_INPUT', `units file is not valid YAML: ${(err as Error).message}`, { cause: err });
  }
  const list = (data as { units?: unknown } | null)?.units;
  const problems: string[] = [];
  const units: UnitEntry[] = [];
  if (!Array.isArray(list)) return { units, problems: data == null ? [] : ['units.yaml must contain a "units:" list'] };
  const seen = new Set<string>();
  list.forEach((u: unknown, i: number) => {
    const o = (u ?? {}) as Record<string, unknown>;
    const id = typeof o.id === 'string' ? o.id.trim() : '';
    const name = typeof o.name === 'string' ? o.name.trim() : '';
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(id) || !name) return void problems.push(`unit #${i + 1}: needs an id (a-z, 0-9, -) and a name`);
    if (seen.has(id)) return void problems.push(`unit ${id}: duplicate id`);
    seen.add(id);
    units.push({ id, name });
  });
  return { units, problems };
}
