import { reviewToMarkdown } from '../chronology/redacted-export.ts';
import { describeInjury } from '../chronology/summary.ts';
import { foundPerson, operator, printJson, withRepository } from './context.ts';
import { formatHousehold } from '../household/format.ts';

export async function peopleCommand(opts: { limit: number; offset: number }): Promise<void> {
  await withRepository(async (repo) => { printJson(await repo.people(operator, opts)); });
}

export async function chronologyCommand(personId: number, opts: { json?: boolean }): Promise<void> {
  await withRepository(async (repo) => {
    const c = await repo.chronology(operator, personId);
    if (!foundPerson(c, personId)) return;
    if (opts.json) { printJson(c); return; }
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
    if (!foundPerson(h, personId)) return;
    if (opts.json) { printJson(h); return; }
    process.stdout.write(formatHousehold(h));
  });
}

/** A child's chronology for a practice review, names replaced by roles (Markdown, or JSON). */
export async function reviewExportCommand(personId: number, opts: { json?: boolean }): Promise<void> {
  await withRepository(async (repo) => {
    const x = await repo.reviewExport(operator, personId);
    if (!foundPerson(x, personId)) return;
    if (opts.json) { printJson(x); return; }
    process.stdout.write(reviewToMarkdown(x));
  });
}

/** Everything held about one person, for a subject-access request (the privacy officer reviews it before release). */
export async function subjectAccessCommand(personId: number): Promise<void> {
  await withRepository(async (repo) => { printJson(await repo.subjectAccessExport(operator, personId)); });
}

/** A child's statutory process: the plan, each deadline (met, missed or running) and decisions awaiting sign-off. */
export async function processCommand(personId: number, opts: { json?: boolean }): Promise<void> {
  await withRepository(async (repo) => {
    const p = await repo.process(operator, personId);
    if (!foundPerson(p, personId)) return;
    if (opts.json) { printJson(p); return; }
    const out = process.stdout;
    out.write(p.plan ? `Child-protection plan since ${p.plan.since} (${p.plan.categories.join(', ') || 'no category'})${p.plan.endedOn ? `, ended ${p.plan.endedOn}` : ''} [${p.plan.source}]\n` : 'No child-protection plan.\n');
    if (p.cinPlan) out.write(`Child-in-need plan since ${p.cinPlan.since} [${p.cinPlan.source}]${p.cinPlan.endedOn ? `, ended ${p.cinPlan.endedOn}${p.cinPlan.endedBy ? ` (${p.cinPlan.endedBy})` : ''}` : ''}\n`);
    out.write(`\nDeadlines as of ${p.asOf} (England working days):\n`);
    for (const d of [...p.deadlines].sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0))) {
      out.write(`  ${d.due}  ${d.status.toUpperCase().padEnd(7)}  ${d.what}${d.metBy ? ` (met ${d.metBy.on}, ${d.metBy.source})` : ''}\n`);
    }
    out.write('\nDecisions that end or step down protection:\n');
    for (const d of p.decisions) out.write(`  ${d.on}  ${d.what} [${d.source}]: ${d.signedOff ? `signed off by ${d.signedOff.by}` : 'NO SECOND SIGN-OFF'}\n`);
  });
}

/**
 * The Children in Need census XML for the year ending 31 March `year`, checked against the DfE schema
 * (xmllint) and the local rules: the XML on stdout, every problem on stderr; exit 1 if the schema refuses it.
 */
export async function cinExportCommand(opts: { year: number; lea?: string; out?: string }): Promise<void> {
  const { validateCinXml } = await import('../workflow/cin-census.ts');
  const { writeFileSync } = await import('node:fs');
  await withRepository(async (repo) => {
    const r = await repo.cinCensus(operator, opts.year, opts.lea ? { lea: opts.lea } : {});
    const v = await validateCinXml(r.xml);
    if (opts.out) writeFileSync(opts.out, r.xml);
    else process.stdout.write(r.xml);
    for (const p of r.problems) process.stderr.write(`${p.severity} ${p.code} ${p.child || '(file)'}: ${p.message}\n`);
    for (const e of v.errors) process.stderr.write(`schema ${e}\n`);
    process.stderr.write(`${r.children} children; ${r.problems.length} rule problems; schema ${v.ok ? 'valid' : 'INVALID'} (${v.schema})\n`);
    if (!v.ok) process.exitCode = 1;
  });
}
