import { BreakingChangeType, DangerousChangeType, type BreakingChange, type DangerousChange } from 'graphql';

const NAME = '([_A-Za-z][_0-9A-Za-z]*)';

/**
 * graphql-js describes a change in a sentence; these patterns (graphql 16's wording) turn the
 * sentence back into the schema coordinate it is about. A test pins each one, so a wording
 * change in a graphql upgrade fails the tests instead of silently dropping exemptions.
 */
const PATTERNS: Partial<Record<string, { pattern: RegExp; coordinate: (m: RegExpExecArray) => string }>> = {
  [BreakingChangeType.TYPE_REMOVED]: { pattern: new RegExp(`^${NAME} was removed\\.$`), coordinate: (m) => `${m[1]}` },
  [BreakingChangeType.TYPE_CHANGED_KIND]: { pattern: new RegExp(`^${NAME} changed from`), coordinate: (m) => `${m[1]}` },
  [BreakingChangeType.FIELD_REMOVED]: { pattern: new RegExp(`^${NAME}\\.${NAME} was removed\\.$`), coordinate: (m) => `${m[1]}.${m[2]}` },
  [BreakingChangeType.FIELD_CHANGED_KIND]: { pattern: new RegExp(`^${NAME}\\.${NAME} changed type`), coordinate: (m) => `${m[1]}.${m[2]}` },
  [BreakingChangeType.REQUIRED_INPUT_FIELD_ADDED]: {
    pattern: new RegExp(`^A required field ${NAME} on input type ${NAME} was added\\.$`),
    coordinate: (m) => `${m[2]}.${m[1]}`,
  },
  [BreakingChangeType.VALUE_REMOVED_FROM_ENUM]: {
    pattern: new RegExp(`^${NAME} was removed from enum type ${NAME}\\.$`),
    coordinate: (m) => `${m[2]}.${m[1]}`,
  },
  [BreakingChangeType.TYPE_REMOVED_FROM_UNION]: {
    pattern: new RegExp(`^${NAME} was removed from union type ${NAME}\\.$`),
    coordinate: (m) => `${m[2]}`,
  },
  [BreakingChangeType.IMPLEMENTED_INTERFACE_REMOVED]: { pattern: new RegExp(`^${NAME} no longer implements`), coordinate: (m) => `${m[1]}` },
  [BreakingChangeType.ARG_REMOVED]: { pattern: new RegExp(`^${NAME}\\.${NAME} arg ${NAME} was removed\\.$`), coordinate: argument },
  [BreakingChangeType.ARG_CHANGED_KIND]: { pattern: new RegExp(`^${NAME}\\.${NAME} arg ${NAME} has changed type`), coordinate: argument },
  [BreakingChangeType.REQUIRED_ARG_ADDED]: {
    pattern: new RegExp(`^A required arg ${NAME} on ${NAME}\\.${NAME} was added\\.$`),
    coordinate: (m) => `${m[2]}.${m[3]}(${m[1]}:)`,
  },
  [DangerousChangeType.VALUE_ADDED_TO_ENUM]: { pattern: new RegExp(`^${NAME} was added to enum type ${NAME}\\.$`), coordinate: (m) => `${m[2]}.${m[1]}` },
  [DangerousChangeType.OPTIONAL_ARG_ADDED]: {
    pattern: new RegExp(`^An optional arg ${NAME} on ${NAME}\\.${NAME} was added\\.$`),
    coordinate: (m) => `${m[2]}.${m[3]}(${m[1]}:)`,
  },
  [DangerousChangeType.OPTIONAL_INPUT_FIELD_ADDED]: {
    pattern: new RegExp(`^An optional field ${NAME} on input type ${NAME} was added\\.$`),
    coordinate: (m) => `${m[2]}.${m[1]}`,
  },
  [DangerousChangeType.ARG_DEFAULT_VALUE_CHANGE]: { pattern: new RegExp(`^${NAME}\\.${NAME} arg ${NAME} `), coordinate: argument },
};

function argument(m: RegExpExecArray): string {
  return `${m[1]}.${m[2]}(${m[3]}:)`;
}

/** The schema coordinate a graphql-js change is about, or undefined (directive changes). */
export function coordinateOfChange(change: BreakingChange | DangerousChange): string | undefined {
  const entry = PATTERNS[change.type];
  const match = entry?.pattern.exec(change.description);
  return entry && match ? entry.coordinate(match) : undefined;
}
