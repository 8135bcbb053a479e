/**
 * `npm run docs:indexes`: writes the collections table of docs/deploy.md (§5) from local/collections.json, the
 * one declaration the local cloud also answers queries through; `index-table.test.ts` fails when they differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDeclaration, type Declaration } from '../local/src/db/declaration';

const DOC = join(__dirname, '..', 'docs', 'deploy.md');
const START = '<!-- index table: generated from local/collections.json by npm run docs:indexes -->';
const END = '<!-- end of the index table -->';

/** The markdown table of every collection, its permission and its indexes (fields in order, ↑/↓, unique). */
export function indexTable(decl: Declaration): string {
  const rows = decl.collections.map((c) => {
    const indexes = (c.indexes ?? []).map((ix) => `\`${ix.name}\`: ${Object.entries(ix.keys).map(([f, d]) => `${f} ${d === 1 ? '↑' : '↓'}`).join(', ')}${ix.unique ? ' (unique)' : ''}`);
    const cell = indexes.length ? indexes.join('<br>') : '—';
    return `| \`${c.name}\` | ${c.permission} | ${cell}${c.scan ? `<br>read without an index: ${c.scan}` : ''} |`;
  });
  return ['| collection | permission | indexes |', '|---|---|---|', ...rows].join('\n');
}

/** docs/deploy.md with its table replaced by the one generated now. */
export function withIndexTable(doc: string, decl: Declaration): string {
  const from = doc.indexOf(START);
  const to = doc.indexOf(END);
  if (from < 0 || to < from) throw new Error(`docs/deploy.md: the markers ${START} … ${END} are missing`);
  return `${doc.slice(0, from + START.length)}\n${indexTable(decl)}\n${doc.slice(to)}`;
}

/** The committed docs/deploy.md text. */
export function deployDoc(): string {
  return readFileSync(DOC, 'utf8');
}

if (require.main === module) {
  writeFileSync(DOC, withIndexTable(deployDoc(), loadDeclaration()));
  console.log('docs/deploy.md: index table written from local/collections.json');
}
