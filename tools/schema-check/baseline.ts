/** The supergraph the new schema is compared against, and a sentence saying which one it is. */
export interface Baseline {
  /** Undefined when there is nothing to compare against; `label` says why. */
  readonly sdl?: string;
  readonly label: string;
}

/** Runs git with these arguments; returns stdout, or undefined when git fails. */
export type GitRunner = (args: readonly string[]) => string | undefined;

export interface BaselineSource {
  /** `--base <file>`: read this file instead of asking git. */
  readonly baseFile?: string;
  readonly readBaseFile: (path: string) => string;
  readonly git: GitRunner;
  readonly mainBranch: string;
  readonly supergraphPath: string;
}

/**
 * The baseline is the supergraph at the merge base with main: the last schema that shipped
 * before this branch. On main itself the merge base is HEAD, so only uncommitted changes are
 * compared. CI checkouts often have only `origin/main`, hence the fallback.
 */
export function resolveBaseline(source: BaselineSource): Baseline {
  if (source.baseFile !== undefined) return { sdl: source.readBaseFile(source.baseFile), label: `${source.baseFile} (--base)` };
  const { git, mainBranch, supergraphPath } = source;
  const branch = [mainBranch, `origin/${mainBranch}`].find((candidate) => git(['merge-base', 'HEAD', candidate]) !== undefined);
  const mergeBase = branch === undefined ? undefined : git(['merge-base', 'HEAD', branch])?.trim();
  if (branch === undefined || !mergeBase) {
    return { label: `no merge base with ${mainBranch} (not a git checkout, or no ${mainBranch} branch): breaking changes not checked; pass --base <file> to compare` };
  }
  const short = mergeBase.slice(0, 12);
  // `./` makes the path relative to the working directory, not to the repository's top level.
  const sdl = git(['show', `${mergeBase}:./${supergraphPath}`]);
  if (sdl === undefined) {
    return { label: `${supergraphPath} does not exist at the merge base with ${branch} (${short}): breaking changes not checked` };
  }
  const head = git(['rev-parse', 'HEAD'])?.trim();
  return {
    sdl,
    label:
      head === mergeBase
        ? `${supergraphPath} at HEAD (${short}), which is the merge base with ${branch} because HEAD is on ${branch}: only uncommitted changes are compared`
        : `${supergraphPath} at the merge base with ${branch} (${short})`,
  };
}
