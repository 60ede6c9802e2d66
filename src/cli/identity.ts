// `threadline review …`, `threadline person …`, `threadline model train`:
// identity decisions at the command line, through the same repository methods
// as the HTTP API. The operator decides; `--by` names a practitioner they act for.
import { foundPerson, operator, printJson, withRepository } from './context.ts';
import type { ReviewView } from '../identity/decisions.ts';

interface DecisionOptions { reason: string; by?: string; json?: boolean }

const mentionLine = (m: ReviewView['mention']) =>
  `${m.name}${m.dob ? `, born ${m.dob}` : ''}${m.postcode ? `, ${m.postcode}` : ''}${m.nhsNumber ? `, NHS ${m.nhsNumber}` : ''} [${m.source}] person ${m.personId}`;

export async function reviewListCommand(opts: { limit: number; offset: number; json?: boolean }): Promise<void> {
  await withRepository(async (repo) => {
    const out = await repo.reviews(operator, { limit: opts.limit, offset: opts.offset });
    if (opts.json) { printJson(out); return; }
    process.stdout.write(`${out.total} pair${out.total === 1 ? '' : 's'} to review\n`);
    for (const r of out.reviews) {
      process.stdout.write(`\nreview ${r.id}${r.weight === null ? '' : ` (match weight ${r.weight.toFixed(1)})`}\n  ${mentionLine(r.mention)}\n  ${mentionLine(r.candidate)}\n  ${r.why}\n`);
      for (const t of r.terms) process.stdout.write(`    ${t.comparison}: ${t.level} (${t.weight >= 0 ? '+' : ''}${t.weight.toFixed(1)})\n`);
    }
  });
}

export function reviewDecisionCommand(verdict: 'same' | 'different') {
  return async (id: number, opts: DecisionOptions): Promise<void> => {
    await withRepository(async (repo) => { printJson(await repo.decideReview(operator, id, verdict, opts)); });
  };
}

export async function personSplitCommand(id: number, mentions: string[], opts: DecisionOptions): Promise<void> {
  await withRepository(async (repo) => { printJson(await repo.splitPerson(operator, id, mentions, opts)); });
}

export async function personUnmergeCommand(id: number, opts: DecisionOptions & { from: number }): Promise<void> {
  await withRepository(async (repo) => { printJson(await repo.unmergePerson(operator, id, opts.from, opts)); });
}

export async function personHistoryCommand(id: number, opts: { json?: boolean }): Promise<void> {
  await withRepository(async (repo) => {
    const history = await repo.linkHistory(operator, id);
    if (!foundPerson(history, id)) return;
    if (opts.json) { printJson(history); return; }
    for (const h of history) {
      process.stdout.write(`${h.at}  ${h.mention} -> person ${h.personId}  ${h.rule}${h.weight === null ? '' : ` ${h.weight.toFixed(1)}`}  (${h.decidedBy})\n  ${h.why}\n`);
    }
  });
}

export async function modelTrainCommand(): Promise<void> {
  await withRepository(async (repo) => { printJson(await repo.trainLinkModel(operator)); });
}
