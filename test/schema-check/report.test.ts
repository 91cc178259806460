import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderText } from '../../tools/schema-check/index.js';
import { checkCase } from './fixture-check.js';

describe('reports', () => {
  const report = checkCase('remove-unused-field');

  it('when a check fails, then the terminal report marks it FAIL, names the coordinate and the fix, and ends with the verdict', () => {
    const text = renderText(report);
    expect(text).toMatch(/^FAIL {2}Breaking changes against the baseline \(compared against the fixture base\)$/m);
    expect(text).toContain('error   breaking: Product.legacyCode was removed.');
    expect(text).toContain('fix: deprecate it with @deprecated');
    expect(text).toMatch(/^PASS {2}Composition/m);
    expect(text.trimEnd().endsWith('schema:check FAILED: 1 of 9 checks failed')).toBe(true);
  });

  it('when rendered as Markdown, then it has a status table and the failing finding', () => {
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('## Schema check: failed');
    expect(markdown).toContain('| Breaking changes against the baseline | ❌ failed | compared against the fixture base |');
    expect(markdown).toContain('- ❌ breaking: Product.legacyCode was removed.');
  });
});
