import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPersistedDocuments } from '../../src/trusted-documents.js';

const DOCUMENT = 'query SignedIn { viewer { signedIn } }';
const ID = createHash('sha256').update(DOCUMENT).digest('hex');

describe('loading the persisted-document manifest', () => {
  let dir: string;
  const manifest = async (name: string, text: string) => {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gatehouse-manifest-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('maps each sha256 id to its document', async () => {
    const documents = await loadPersistedDocuments(await manifest('good.json', JSON.stringify({ [ID]: DOCUMENT })));
    expect([...documents]).toEqual([[ID, DOCUMENT]]);
  });

  it('reads ids written as GraphQL-over-HTTP document ids (`sha256:<hex>`, the client preset since v5)', async () => {
    const documents = await loadPersistedDocuments(await manifest('prefixed.json', JSON.stringify({ [`sha256:${ID}`]: DOCUMENT })));
    expect([...documents]).toEqual([[ID, DOCUMENT]]);
  });

  it.each([
    ['missing.json', undefined, 'cannot be read (ENOENT).'],
    ['not-json.json', '{ "a": ', 'is not valid JSON.'],
    ['array.json', JSON.stringify([DOCUMENT]), 'must be a JSON object of "<sha256>": "<document>".'],
    ['sha1.json', JSON.stringify({ [createHash('sha1').update(DOCUMENT).digest('hex')]: DOCUMENT }), `must map sha256 ids to documents; "${createHash('sha1').update(DOCUMENT).digest('hex')}" does not.`],
    ['not-a-string.json', JSON.stringify({ [ID]: { query: DOCUMENT } }), `must map sha256 ids to documents; "${ID}" does not.`],
    ['wrong-hash.json', JSON.stringify({ [ID]: `${DOCUMENT} ` }), `has a document whose sha256 is not its id "${ID}" (generate it with hashAlgorithm 'sha256').`],
  ])('refuses %s in one line naming the file', async (name, text, problem) => {
    const path = text === undefined ? join(dir, name) : await manifest(name, text);
    await expect(loadPersistedDocuments(path)).rejects.toThrow(new Error(`the persisted-document manifest ${path} (PERSISTED_DOCUMENTS) ${problem}`));
  });
});
