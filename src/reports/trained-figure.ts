/**
 * The Đề án's trained-officials figure: per unit and for the province, the share of rostered officials
 * (doing reform work) whose linked chat accounts completed at least one course in the year, against the
 * target for that year. Source of the targets: Quyết định 4599/QĐ-UBND (Đề án 2022–2030), see
 * `shared/docs/seed-facts.md`: over 85% by 2025, over 95% by 2030. For 2026–2029 the 2025 target still
 * applies (the Đề án names no intermediate figure; this is our reading, stated in the README).
 */
import type { RosterCompletion, RosterEntry, RosterLink, RosterStore } from '../training/index.js';
import { VIETNAM_OFFSET_MS } from './period.js';
import type { ReportTable } from './report-tables.js';
import { rt } from './report-texts-vi.js';
import type { ReportUnit } from './ports.js';

/** The target share (percent, to be exceeded) for a year. */
export function trainedTarget(year: number): number {
  return year >= 2030 ? 95 : 85;
}

/** Start and end (exclusive) of a calendar year in Vietnam time, epoch ms. */
export function yearPeriod(year: number): { from: number; to: number } {
  return { from: Date.UTC(year, 0, 1) - VIETNAM_OFFSET_MS, to: Date.UTC(year + 1, 0, 1) - VIETNAM_OFFSET_MS };
}

/** One row of the figure: a unit, or the province. */
export interface TrainedRow {
  unitId: string | null;
  unitName: string;
  rostered: number;
  linked: number;
  trained: number;
  /** Share of rostered officials trained, percent with one decimal; null without rostered officials. */
  share: number | null;
  /** Linked officials who have not completed anything and whose accounts have not started (no lesson seen). */
  notStarted: number;
  meets: boolean;
}

/** Status of one rostered official in the year. */
export type TrainedStatus = 'done' | 'learning' | 'notStarted' | 'unlinked';

/** The figure for a year. */
export interface TrainedFigure {
  year: number;
  target: number;
  units: TrainedRow[];
  province: TrainedRow;
  /** Completions by accounts not linked to the roster: counted apart. */
  unlinkedCompletions: number;
  officials: Array<{ entry: RosterEntry; status: TrainedStatus; courseIds: string[] }>;
}

/** Inputs of {@link trainedFigure}: read from the RosterStore and TrainingStore by the caller. */
export interface TrainedFigureInput {
  year: number;
  roster: readonly RosterEntry[];
  links: readonly RosterLink[];
  completions: readonly RosterCompletion[];
  /** Roster ids whose linked accounts have seen at least one lesson (started). */
  started: ReadonlySet<string>;
  unlinkedCompletions: number;
  units: readonly ReportUnit[];
}

/** Computes the figure; units are listed in `units` order, then any unit only the roster names. */
export function trainedFigure(i: TrainedFigureInput): TrainedFigure {
  const target = trainedTarget(i.year);
  const done = new Map(i.completions.map((c) => [c.rosterId, c.courseIds]));
  const linked = new Set(i.links.map((l) => l.rosterId));
  const officials = i.roster.map((entry) => {
    const courseIds = done.get(entry.id) ?? [];
    const status: TrainedStatus = courseIds.length ? 'done' : !linked.has(entry.id) ? 'unlinked' : i.started.has(entry.id) ? 'learning' : 'notStarted';
    return { entry, status, courseIds };
  });
  const row = (unitId: string | null, unitName: string, of: typeof officials): TrainedRow => {
    const rostered = of.length;
    const trained = of.filter((o) => o.status === 'done').length;
    const share = rostered ? Math.round((trained * 1000) / rostered) / 10 : null;
    return {
      unitId, unitName, rostered, trained, share,
      linked: of.filter((o) => linked.has(o.entry.id)).length,
      notStarted: of.filter((o) => o.status === 'notStarted' || o.status === 'unlinked').length,
      meets: share !== null && share > target,
    };
  };
  const ids = [...i.units.map((u) => u.id), ...new Set(i.roster.map((e) => e.unitId))].filter((id, k, all) => all.indexOf(id) === k);
  const units = ids
    .map((id) => row(id, i.units.find((u) => u.id === id)?.name ?? id, officials.filter((o) => o.entry.unitId === id)))
    .filter((r) => r.rostered > 0);
  return { year: i.year, target, units, province: row(null, rt('trained.province'), officials), unlinkedCompletions: i.unlinkedCompletions, officials };
}

/** The figure as report tables (per unit with the province last; then every rostered official), for the page, CSV and XLSX. */
export function trainedTables(f: TrainedFigure, courseTitle: (id: string) => string = (id) => id): ReportTable[] {
  const yes = rt('trained.yes');
  const no = rt('trained.no');
  const line = (r: TrainedRow) => [r.unitName, r.rostered, r.linked, r.trained, r.share, f.target, r.meets ? yes : no, r.notStarted];
  const unitName = (id: string) => f.units.find((u) => u.unitId === id)?.unitName ?? id;
  return [
    {
      id: 'trained',
      title: rt('trained.title', { year: f.year }),
      columns: [rt('col.unit'), rt('trained.col.rostered'), rt('trained.col.linked'), rt('trained.col.trained'), rt('trained.col.share'),
        rt('trained.col.target', { year: f.year }), rt('trained.col.meets'), rt('trained.col.notStarted')],
      rows: [...f.units.map(line), line(f.province), [rt('trained.unlinked'), null, null, f.unlinkedCompletions, null, null, null, null]],
    },
    {
      id: 'trainedOfficials',
      title: rt('trained.officialsTitle', { year: f.year }),
      columns: [rt('col.unit'), rt('trained.col.name'), rt('trained.col.position'), rt('trained.col.status'), rt('trained.col.courses')],
      rows: f.officials.map((o) => [unitName(o.entry.unitId), o.entry.name, o.entry.position, rt(`trained.status.${o.status}`), o.courseIds.map(courseTitle).join('; ')]),
    },
  ];
}

/** Reads what {@link trainedFigure} needs from the roster store and computes the figure for `year`. */
export async function readTrainedFigure(store: RosterStore, year: number, units: readonly ReportUnit[]): Promise<TrainedFigure> {
  const { from, to } = yearPeriod(year);
  const [roster, links, completions, started, unlinkedCompletions] = await Promise.all([
    store.listRoster(), store.listRosterLinks(), store.rosterCompletions(from, to), store.rosterStarted(), store.unlinkedCompletions(from, to),
  ]);
  return trainedFigure({ year, roster, links, completions, started: new Set(started), unlinkedCompletions, units });
}
