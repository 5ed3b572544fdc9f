// Fails when src/generated/ or schema.graphql is not what `npm run codegen` makes from schema/ and
// the resolvers (CI: "codegen freshness").
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const files = ['src/generated/graphql.ts', 'schema.graphql'];
const read = (file) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};
const before = files.map(read);
// The very command `npm run codegen` runs, so that the check cannot drift from it.
execFileSync('npm', ['run', '--silent', 'codegen'], { stdio: ['ignore', 'ignore', 'inherit'] });
const stale = files.filter((file, i) => read(file) !== before[i]);
if (stale.length > 0) {
  console.error(`${stale.join(' and ')} ${stale.length > 1 ? 'were' : 'was'} stale: run "npm run codegen" and commit the result.`);
  process.exit(1);
}
console.log('codegen: generated types and schema.graphql are up to date');
