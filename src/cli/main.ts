// `threadline <command>`: the command-line door. Every command acts as the
// operator of this installation and goes through the same repository as the
// HTTP API. Results go to standard output; progress and logs to standard error.
import { Command, InvalidArgumentError } from 'commander';
import { serveCommand } from './serve.ts';
import { ingestCommand } from './ingest.ts';
import { replayCommand, evaluateCommand } from './replay.ts';
import { agencyAddCommand, keyCreateCommand, auditVerifyCommand, migrateCommand, whoHasLookedCommand, auditCheckpointCommand, retentionPlanCommand, retentionRunCommand } from './admin.ts';
import { chronologyCommand, cinExportCommand, householdCommand, peopleCommand, processCommand, reviewExportCommand, subjectAccessCommand } from './read.ts';
import { alertsCommand, alertsEscalateCommand, alertsRefreshCommand, alertStepCommand } from './alerts.ts';
import { modelTrainCommand, personHistoryCommand, personSplitCommand, personUnmergeCommand, reviewDecisionCommand, reviewListCommand } from './identity.ts';
import { caseAssignCommand, userAddCommand, userCodeCommand, userTotpCommand } from './users.ts';
import { demoSecurityCode } from './demo-accounts.ts';
import { AGENCY_KINDS } from '../records/types.ts';
import { setRunningCommand } from './context.ts';

const int = (v: string) => {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('must be a whole number');
  return Number(v);
};

const program = new Command()
  .name('threadline')
  .description('Threadline: one multi-agency chronology per child')
  .showHelpAfterError()
  .hook('preAction', (_program, action) => {
    // "key create", not "create": the full command, for the message to anyone it keeps out of the database.
    const names: string[] = [];
    for (let c: Command | null = action; c && c.parent; c = c.parent) names.unshift(c.name());
    setRunningCommand(names.join(' '));
  });

program.command('serve')
  .description('start the web app and API (PGlite in DATA_DIR, or DATABASE_URL)')
  .option('--demo', 'load the Baby P demo scenario when the database has no records')
  .option('--port <n>', 'port (default PORT or 3000)', int)
  .option('--host <host>', 'address to listen on (default HOST or 127.0.0.1)')
  .action(serveCommand);

program.command('ingest')
  .description('store records from files: a scenario, a JSON array or record, or NDJSON')
  .argument('<files...>')
  .option('--batch-size <n>', 'records per transaction', int, 500)
  .action(ingestCommand);

program.command('replay')
  .description('replay a scenario into a fresh embedded database and print the report (JSON)')
  .argument('<scenario>')
  .action(replayCommand);

program.command('evaluate')
  .description('replay scenarios (files or folders) and score each against its truth: missed opportunities met, first high alert, linkage; a table, or --json')
  .argument('<scenarios...>')
  .option('--json', 'print the results as JSON instead of the table')
  .action(evaluateCommand);

program.command('people')
  .description('list the people found')
  .option('--limit <n>', 'how many', int, 100)
  .option('--offset <n>', 'from', int, 0)
  .action(peopleCommand);

program.command('chronology')
  .description("a person's multi-agency chronology")
  .argument('<personId>', 'person id', int)
  .option('--json', 'print JSON')
  .action(chronologyCommand);

program.command('process')
  .description("a child's statutory process on England's working days: the plan, each deadline met, missed or running, decisions awaiting sign-off")
  .argument('<personId>', 'person id', int)
  .option('--json', 'print JSON')
  .action(processCommand);

program.command('household')
  .description("who lived with a child over time, with the evidence, and who children's social care has not recorded")
  .argument('<personId>', 'person id', int)
  .option('--json', 'print JSON')
  .action(householdCommand);

const review = program.command('review').description('pairs the linker was unsure of: confirm (one person) or reject (two people)');
review.command('list')
  .option('--limit <n>', 'how many', int, 50)
  .option('--offset <n>', 'from', int, 0)
  .option('--json', 'print JSON')
  .action(reviewListCommand);
for (const [name, verdict, what] of [['confirm', 'same', 'they are one person: merge them'], ['reject', 'different', 'they are two people: never join them']] as const) {
  review.command(name).description(what)
    .argument('<reviewId>', 'review id', int)
    .requiredOption('--reason <text>', 'why (kept with the decision)')
    .option('--by <name>', 'the practitioner who decided (default: you)')
    .action(reviewDecisionCommand(verdict));
}

const person = program.command('person').description("correct who is who: split, unmerge, and the history of a person's links");
person.command('split').description('take mentions out of a person into a new person')
  .argument('<personId>', 'person id', int)
  .argument('<mentions...>', 'mentions as agency/ref#key')
  .requiredOption('--reason <text>', 'why (kept with the decision)')
  .option('--by <name>', 'the practitioner who decided (default: you)')
  .action(personSplitCommand);
person.command('unmerge').description('undo a merge: mentions that came from another person go back to them')
  .argument('<personId>', 'person id', int)
  .requiredOption('--from <personId>', 'the person they were merged from', int)
  .requiredOption('--reason <text>', 'why (kept with the decision)')
  .option('--by <name>', 'the practitioner who decided (default: you)')
  .action(personUnmergeCommand);
person.command('history').description('every link, merge and split of the mentions that are or were this person')
  .argument('<personId>', 'person id', int)
  .option('--json', 'print JSON')
  .action(personHistoryCommand);

program.command('model').description('the linkage model').command('train')
  .description('train the model on the stored mentions (at least 5,000); it links from the next ingest on')
  .action(modelTrainCommand);

const alerts = program.command('alerts').description("alerts raised by the risk rules: list them, or escalate the overdue");
alerts.command('list', { isDefault: true })
  .option('--status <status>', 'open | acknowledged | actioned | closed | not-closed | all', 'not-closed')
  .option('--person <id>', "one person's alerts", int)
  .option('--limit <n>', 'how many', int, 50)
  .option('--offset <n>', 'from', int, 0)
  .option('--json', 'print JSON')
  .action(alertsCommand);
alerts.command('refresh').description('look again, as of now, at every child with a statutory process: deadlines that passed with nothing recorded').action(alertsRefreshCommand);
alerts.command('escalate').description('tell the duty manager about alerts nobody acknowledged in time').action(alertsEscalateCommand);
const alert = program.command('alert').description('act on one alert');
for (const [step, what] of [['acknowledge', 'seen, and someone is on it'], ['action', 'something has been done'], ['close', 'no more to do (say why)']] as const) {
  alert.command(step).description(what)
    .argument('<alertId>', 'alert id', int)
    .option('--by <name>', 'the practitioner acting (default: you)')
    .option('--reason <text>', 'why (required to close)')
    .action(alertStepCommand(step));
}

const agency = program.command('agency').description('agencies that send records');
agency.command('add')
  .argument('<id>').argument('<kind>', AGENCY_KINDS.join(' | ')).argument('<name>')
  .action(agencyAddCommand);

const key = program.command('key').description('API keys for agency systems');
key.command('create').argument('<agency>').option('--label <text>')
  .option('--user <username>', 'bind the key to one user of the agency: what it sends is theirs (a second person signs off their decisions)')
  .action(keyCreateCommand);

const exports = program.command('export').description('exports: the CIN census, a practice review, a subject-access request');
exports.command('subject-access').description('everything held about one person, and who has looked (JSON)')
  .argument('<personId>', 'person id', int)
  .action(subjectAccessCommand);
exports.command('cin').description('the Children in Need census XML for the year ending 31 March YYYY, checked against the DfE schema and rules')
  .requiredOption('--year <YYYY>', 'the reporting year (ending 31 March)', int)
  .option('--lea <code>', 'the local authority code for the header')
  .option('--out <file>', 'write the XML to a file instead of stdout')
  .action(cinExportCommand);
exports.command('review')
  .description("a child's multi-agency chronology for a practice review: names replaced by roles, identifiers removed")
  .argument('<personId>', 'person id', int)
  .option('--json', 'JSON instead of Markdown')
  .action(reviewExportCommand);

const user = program.command('user').description('people who sign in: accounts, roles, second factor');
user.command('add').description('a new account: prints a first password and the second-factor secret, once')
  .argument('<username>')
  .requiredOption('--agency <id>', 'the agency the person works for')
  .requiredOption('--name <name>', 'their name as colleagues know it')
  .requiredOption('--role <role...>', 'practitioner | manager | safeguarding-lead | privacy-officer | administrator')
  .option('--oidc-subject <sub>', "sign in only through the organisation's OpenID Connect issuer, as this subject")
  .action(userAddCommand);
user.command('totp').description('a new second-factor secret for the account (the old one stops working)').argument('<username>').action(userTotpCommand);
user.command('code').description("the security code the account's authenticator shows now (for demo accounts)").argument('<username>').action(userCodeCommand);
program.command('demo').description('the demo accounts (npm start)').command('code')
  .description("the security code a demo account's authenticator shows now (read from the demo accounts file; works while the server runs)")
  .argument('<username>')
  .action((username: string) => {
    process.stdout.write(`${demoSecurityCode(process.env.DATA_DIR ?? './data', username)}\n`);
  });
program.command('case').description("a child's professional network").command('assign')
  .description('put a user in the network: allocated-worker | core-group | lead-professional | team-manager')
  .argument('<personId>', 'person id', int).argument('<username>')
  .requiredOption('--role <role>', 'allocated-worker | core-group | lead-professional | team-manager')
  .action(caseAssignCommand);

const audit = program.command('audit').description('the audit trail');
audit.command('verify').description('check the hash chain and seal of every audit row, the signed checkpoints, and the checkpoints against THREADLINE_AUDIT_ANCHOR if set').action(auditVerifyCommand);
audit.command('checkpoint').description('sign the newest audit row with the audit key, and append it to THREADLINE_AUDIT_ANCHOR if set (the server does this every THREADLINE_AUDIT_CHECKPOINT_SECONDS, default 300)').action(auditCheckpointCommand);
audit.command('person').description('who has read or changed anything about this person, newest first')
  .argument('<personId>', 'person id', int)
  .action(whoHasLookedCommand);

const retention = program.command('retention').description('records about children with no safeguarding signal and no social care involvement are kept for a period (default 6 years)');
for (const [name, what, action] of [['plan', 'what would be removed now, and why (changes nothing)', retentionPlanCommand], ['run', 'remove what is due (audited); repeat while more: true', retentionRunCommand]] as const) {
  retention.command(name).description(what)
    .option('--years <n>', 'the period in years', int)
    .option('--limit <n>', 'children per run', int)
    .action(action);
}

program.command('migrate').description('bring the database schema up to date').action(migrateCommand);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  process.stderr.write(`threadline: ${(e as Error).message}\n`);
  process.exitCode = 1;
}
