import { loadDeclaration } from '../local/src/db/declaration';
import { deployDoc, indexTable, withIndexTable } from './index-table';

describe('the index table of docs/deploy.md', () => {
  it('when docs/deploy.md is read, then its table is exactly the one generated from local/collections.json (npm run docs:indexes)', () => {
    // Arrange
    const doc = deployDoc();

    // Act
    const regenerated = withIndexTable(doc, loadDeclaration());

    // Assert
    expect(doc).toBe(regenerated);
  });

  it('when a collection has a descending, a unique and a scan-allowed entry, then the table shows each', () => {
    // Act
    const table = indexTable({ collections: [{ name: 'c', permission: 'ADMINONLY', indexes: [{ name: 'a_b', keys: { a: 1, b: -1 }, unique: true }] }, { name: 'settings', permission: 'ADMINONLY', scan: 'a handful of configuration rows' }] });

    // Assert
    expect(table.split('\n').slice(2)).toEqual(['| `c` | ADMINONLY | `a_b`: a ↑, b ↓ (unique) |', '| `settings` | ADMINONLY | —<br>read without an index: a handful of configuration rows |']);
  });
});
