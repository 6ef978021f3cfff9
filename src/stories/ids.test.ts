import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { articleId, storyIdFor } from './ids.js';

test('articleId is a_ + 16 hex of sha256(input NUL title NUL text)', () => {
  const draft = { input: 'feed.jsonl#3', title: 'عنوان', text: 'نص الخبر' };
  const expected = 'a_' + createHash('sha256').update('feed.jsonl#3\u0000عنوان\u0000نص الخبر').digest('hex').slice(0, 16);
  assert.equal(articleId(draft), expected);
  assert.match(articleId(draft), /^a_[0-9a-f]{16}$/);
});

test('articleId changes with any of input, title, text; story ids derive from the first article', () => {
  const base = { input: 'x', title: 't', text: 'b' };
  const ids = new Set([base, { ...base, input: 'y' }, { ...base, title: 'u' }, { ...base, text: 'c' }].map(articleId));
  assert.equal(ids.size, 4);
  assert.equal(storyIdFor('a_0123456789abcdef'), 's_a_0123456789abcdef');
});
