import { reviewToMarkdown } from '../chronology/redacted-export.ts';
import { describeInjury } from '../chronology/summary.ts';
import { operator, printJson, withRepository } from './context.ts';
import { formatHousehold } from '../household/format.ts';

export async function peopleCommand(opts: { limit: number; offset: number }): Promise<void> {
  await withRepository(async (repo) => printJson(await repo.people(operator, opts)));
}

export async function chronologyCommand(personId: number, opts: { json?: boolean }): Promise<void> {
  await withRepository(async (repo) => {
    const c = await repo.chronology(operator, personId);
    if (!c) {
      process.stderr.write(`no person ${personId}\n`);
      process.exitCode = 1;
      return;
    }
    if (opts.json) return printJson(c);
    process.stdout.write(`${c.person.name}${c.person.dob ? ` (born ${c.person.dob})` : ''}: ${c.entries.length} records\n\n`);
    for (const e of c.entries) {
      process.stdout.write(`${e.occurredOn}  ${e.agency.name} [${e.source}]\n  ${e.summary}\n`);
      if (e.injuries.length) process.stdout.write(`  injuries: ${e.injuries.map(describeInjury).join('; ')}\n`);
      if (e.others.length) process.stdout.write(`  also: ${e.others.map((o) => `${o.name} (${o.relationship ?? o.role})`).join(', ')}\n`);
    }
  });
}

export async function householdCommand(personId: number, opts: { json?: boolean }): Promise<void> {
  await withRepository(async (repo) => {
    const h = await repo.household(operator, personId);
    if (!h) {
      process.stderr.write(`no person ${personId}\n`);
      process.exitCode = 1;
      return;
    }
    if (opts.json) return printJson(h);
    process.stdout.write(formatHousehold(h));
  });
}

/** A child's chronology for a practice review, names replaced by roles (Markdown, or JSON). */
export async function reviewExportCommand(personId: number, opts: { json?: boolean }): Promise<void> {
  await withRepository(async (repo) => {
    const x = await repo.reviewExport(operator, personId);
    if (!x) {
      process.stderr.write(`no person ${personId}\n`);
      process.exitCode = 1;
      return;
    }
    if (opts.json) return printJson(x);
    process.stdout.write(reviewToMarkdown(x));
  });
}

/** Everything held about one person, for a subject-access request (the privacy officer reviews it before release). */
export async function subjectAccessCommand(personId: number): Promise<void> {
  await withRepository(async (repo) => printJson(await repo.subjectAccessExport(operator, personId)));
}
