import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmptyInputs } from '../../src/cli/empty-inputs.js';

describe('EmptyInputs: which named paths gave no message', () => {
  it.each([
    ['a file, by its own path', 'inbox.mbox', 'inbox.mbox'],
    ['a folder, by a file below it', 'Maildir', join('Maildir', 'cur', 'm1')],
    ['an Outlook archive, by its items (archive.pst:/Folder#n)', 'archive.pst', 'archive.pst:/Inbox/Invoices#17'],
    ['an Outlook archive in a folder, by its items', 'exports', `${join('exports', 'a.pst')}:/Inbox#0`],
  ])('%s', (_label, named, source) => {
    const empty = new EmptyInputs([named, 'other.eml']);
    empty.saw([source]);
    expect(empty.remaining()).toEqual(['other.eml']);
  });

  it('a sibling whose name only starts like the path is not below it', () => {
    const empty = new EmptyInputs(['archive.pst', 'mail']);
    empty.saw(['archive.pst.bak', 'mailbox.mbox', 'archive.pst#0']);
    expect(empty.remaining()).toEqual(['archive.pst', 'mail']);
  });
});
