import { describe, expect, it } from 'vitest';
import { resolveBaseline, type GitRunner } from '../../tools/schema-check/index.js';

/** A fake git: answers from a table keyed by the joined arguments, fails for anything else. */
function fakeGit(answers: Record<string, string>): GitRunner {
  return (args) => answers[args.join(' ')];
}

const source = { readBaseFile: (path: string) => `file ${path}`, mainBranch: 'main', supergraphPath: 'supergraph.graphql' };

describe('the baseline', () => {
  it('when on a branch, then it is supergraph.graphql at the merge base with main', () => {
    const git = fakeGit({ 'merge-base HEAD main': 'aaaa1111bbbb2222\n', 'rev-parse HEAD': 'cccc\n', 'show aaaa1111bbbb2222:./supergraph.graphql': 'SDL' });
    expect(resolveBaseline({ ...source, git })).toEqual({ sdl: 'SDL', label: 'supergraph.graphql at the merge base with main (aaaa1111bbbb)' });
  });

  it('when HEAD is on main, then the merge base is HEAD and the label says only uncommitted changes are compared', () => {
    const git = fakeGit({ 'merge-base HEAD main': 'cccc\n', 'rev-parse HEAD': 'cccc\n', 'show cccc:./supergraph.graphql': 'SDL' });
    expect(resolveBaseline({ ...source, git }).label).toMatch(/at HEAD \(cccc\).*only uncommitted changes/);
  });

  it('when only origin/main exists (a CI checkout), then that is used', () => {
    const git = fakeGit({ 'merge-base HEAD origin/main': 'dddd\n', 'rev-parse HEAD': 'eeee\n', 'show dddd:./supergraph.graphql': 'SDL' });
    expect(resolveBaseline({ ...source, git })).toEqual({ sdl: 'SDL', label: 'supergraph.graphql at the merge base with origin/main (dddd)' });
  });

  it('when there is no merge base or no supergraph there, then there is no baseline and the label says why', () => {
    const none = resolveBaseline({ ...source, git: fakeGit({}) });
    expect(none.sdl).toBeUndefined();
    expect(none.label).toMatch(/^no merge base with main/);
    const missing = resolveBaseline({ ...source, git: fakeGit({ 'merge-base HEAD main': 'ffff\n' }) });
    expect(missing.sdl).toBeUndefined();
    expect(missing.label).toMatch(/does not exist at the merge base/);
  });

  it('when --base is given, then that file is the baseline and git is not asked', () => {
    const git: GitRunner = () => {
      throw new Error('git was asked');
    };
    expect(resolveBaseline({ ...source, git, baseFile: 'old.graphql' })).toEqual({ sdl: 'file old.graphql', label: 'old.graphql (--base)' });
  });
});
