// @apollo/composition's index does not re-export the hint catalogue; the package has no
// "exports" map, so its file can be imported directly.
import { HINTS } from '@apollo/composition/dist/hints.js';

/** Every composition hint code this version of @apollo/composition can emit. */
export function knownHintCodes(): ReadonlySet<string> {
  return new Set(Object.values(HINTS).map((definition) => definition.code));
}
